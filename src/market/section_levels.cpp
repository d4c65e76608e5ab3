// Sections to price codes. Marketplaces name sections in their own words and no two sites
// share a seat map, so the default groups sections by level — the unit that prices follow at
// most venues (100s, 200s, loge, club) — and a user with a real seat map gives it as a CSV.
#include <cctype>

#include "data/csv.hpp"
#include "seatsync/listing_import.hpp"

namespace seatsync {

namespace {

std::string title_case(std::string_view word) {
  std::string out;
  for (char c : word) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::map<std::string, std::string> read_pairs(std::string_view text, const std::string& label, Diagnostics& diag,
                                              const char* key_column, const char* value_column) {
  std::map<std::string, std::string> out;
  auto table = csv::parse(text, label, diag);
  csv::Columns cols(table, diag);
  auto key = cols.require(key_column), value = cols.require(value_column);
  if (!cols.all_present()) return out;
  for (const auto& r : table.records) {
    const std::string k(trim(r.fields[*key])), v(trim(r.fields[*value]));
    if (k.empty()) { diag.error(label, r.line, key_column, "empty " + std::string(key_column)); continue; }
    if (v.empty()) { diag.error(label, r.line, value_column, "empty " + std::string(value_column)); continue; }
    if (!out.emplace(k, v).second) diag.error(label, r.line, key_column, "'" + k + "' is mapped twice");
  }
  return out;
}

}  // namespace

std::string default_section_level(std::string_view raw) {
  const auto section = trim(raw);
  if (section.empty()) return "";
  std::size_t digits = 0;
  while (digits < section.size() && std::isdigit(static_cast<unsigned char>(section[digits]))) ++digits;
  if (digits == section.size()) return digits >= 3 ? std::string("L") + section[0] : "L0";
  std::size_t letters = 0;
  while (letters < section.size() && std::isalpha(static_cast<unsigned char>(section[letters]))) ++letters;
  if (letters == 0) return std::string(section);  // neither a number nor a word: as written
  const std::string word = title_case(section.substr(0, letters));
  if (word == "C") return "Club";
  if (word == "Bal") return "Balcony";
  return word;
}

SectionMap parse_section_map(std::string_view text, const std::string& label, Diagnostics& diag) {
  return read_pairs(text, label, diag, "section", "price_code");
}

std::map<std::string, std::string> parse_game_map(std::string_view text, const std::string& label,
                                                  Diagnostics& diag) {
  return read_pairs(text, label, diag, "event", "game_id");
}

}  // namespace seatsync
