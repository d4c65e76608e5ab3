#include "csv.hpp"

#include <algorithm>
#include <fstream>
#include <array>
#include <charconv>
#include <limits>
#include <cmath>

namespace seatsync::csv {

namespace {

std::string delimiter_name(char c) {
  if (c == '\t') return "tab";
  return std::string("'") + c + "'";
}

// A header read as a single field that contains another common delimiter: the file is almost
// surely separated by that one (no season file has a one-column header).
bool looks_delimited_by_other(const std::vector<std::string>& header, char delimiter, const std::string& file,
                              Diagnostics& diag) {
  if (header.size() != 1) return false;
  for (char other : {',', ';', '\t'}) {
    if (other == delimiter || header[0].find(other) == std::string::npos) continue;
    const std::string hint = other == ',' ? "re-run without --delimiter (comma is the default)"
                                          : "re-run with --delimiter " + std::string(other == '\t' ? "tab" : "';'");
    diag.error(file, 1, "-", "the header has no " + delimiter_name(delimiter) + " but has " + delimiter_name(other) +
                                 ": the file looks separated by " + delimiter_name(other) + "; " + hint);
    return true;
  }
  return false;
}

}  // namespace

Table parse(std::string_view text, const std::string& file, Diagnostics& diag, char delimiter) {
  Table table;
  table.file = file;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  table.records.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));

  // The characters that end a run of ordinary ones outside quotes. Runs are appended whole:
  // a season's transactions are a few hundred thousand rows, and copying them a character
  // at a time was most of the time a plan call spent reading them.
  std::array<bool, 256> special{};
  for (unsigned char c : {static_cast<unsigned char>(delimiter), (unsigned char)'\n', (unsigned char)'\r', (unsigned char)'"'})
    special[c] = true;
  const std::size_t n = text.size();

  std::size_t pos = 0, line = 1;
  bool have_header = false;
  while (pos < n) {
    Record rec;
    rec.line = line;
    rec.fields.reserve(have_header ? table.header.size() : 8);
    std::string field;
    bool in_quotes = false, record_done = false, bad = false;
    while (!record_done) {
      if (in_quotes) {
        const std::size_t end = std::min(text.find('"', pos), n);
        line += static_cast<std::size_t>(std::count(text.begin() + pos, text.begin() + end, '\n'));
        field.append(text, pos, end - pos);
        pos = end;
      } else {
        std::size_t end = pos;
        while (end < n && !special[static_cast<unsigned char>(text[end])]) ++end;
        field.append(text, pos, end - pos);
        pos = end;
      }
      if (pos >= n) {
        if (in_quotes) {
          diag.error(file, rec.line, "-", "unterminated quoted field");
          bad = true;
        }
        rec.fields.push_back(std::move(field));
        break;
      }
      char c = text[pos++];
      if (in_quotes) {  // c is a quote: an escaped one ("") or the closing one
        if (pos < n && text[pos] == '"') {
          field += '"';
          ++pos;
        } else {
          in_quotes = false;
        }
      } else if (c == '"' && field.empty()) {
        in_quotes = true;
      } else if (c == delimiter) {
        rec.fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos < n && text[pos] == '\n') ++pos;
        ++line;
        rec.fields.push_back(std::move(field));
        record_done = true;
      } else {
        field += c;  // a quote inside an unquoted field is an ordinary character
      }
    }
    // A blank line is not a record.
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    if (bad) continue;
    if (!have_header) {
      for (auto& h : rec.fields) {
        // Header names are matched without surrounding spaces.
        auto b = h.find_first_not_of(' '), e = h.find_last_not_of(' ');
        h = b == std::string::npos ? "" : h.substr(b, e - b + 1);
      }
      have_header = true;
      if (looks_delimited_by_other(rec.fields, delimiter, file, diag)) return table;
      table.header = std::move(rec.fields);
      continue;
    }
    if (rec.fields.size() != table.header.size()) {
      diag.error(file, rec.line, "-",
                 "expected " + std::to_string(table.header.size()) + " fields, found " +
                     std::to_string(rec.fields.size()));
      continue;
    }
    table.records.push_back(std::move(rec));
  }
  if (!have_header) diag.error(file, 1, "-", "file is empty: expected a header row");
  return table;
}

Columns::Columns(const Table& table, Diagnostics& diag) : table_(table), diag_(diag) {}

std::optional<std::size_t> Columns::require(const std::string& name) {
  if (auto pos = optional(name)) return pos;
  if (!table_.header.empty()) diag_.error(table_.file, 1, name, "required column is missing");
  all_present_ = false;
  return std::nullopt;
}

std::optional<std::size_t> Columns::optional(const std::string& name) const {
  for (std::size_t i = 0; i < table_.header.size(); ++i)
    if (table_.header[i] == name) return i;
  return std::nullopt;
}

namespace {
std::string_view trimmed(const std::string& text) {
  std::string_view v = text;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  return v;
}
std::string shown(const std::string& text) { return text.empty() ? "empty value" : "'" + text + "'"; }
}  // namespace

std::optional<int> parse_integer(const std::string& text, const std::string& file, std::size_t line,
                                 const std::string& column, Diagnostics& diag) {
  auto v = trimmed(text);
  long long out = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (!v.empty() && ptr == v.data() + v.size() &&
      (ec == std::errc::result_out_of_range || out < std::numeric_limits<int>::min() ||
       out > std::numeric_limits<int>::max())) {
    diag.error(file, line, column, shown(text) + " is too large (whole numbers here are at most ±" +
                                       std::to_string(std::numeric_limits<int>::max()) + ")");
    return std::nullopt;
  }
  if (v.empty() || ec != std::errc{} || ptr != v.data() + v.size()) {
    diag.error(file, line, column, shown(text) + " is not a whole number");
    return std::nullopt;
  }
  return static_cast<int>(out);
}

std::optional<double> parse_number(const std::string& text, const std::string& file, std::size_t line,
                                   const std::string& column, Diagnostics& diag, bool decimal_comma) {
  std::string with_point;
  std::string_view v = trimmed(text);
  if (decimal_comma && v.find(',') != std::string_view::npos) {
    // "1.234,5" becomes "1.234.5", which is rejected: a '.' there is a thousands separator.
    with_point = v;
    for (char& c : with_point)
      if (c == ',') c = '.';
    v = with_point;
  }
  double out = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc{} || ptr != v.data() + v.size()) {
    diag.error(file, line, column, shown(text) + " is not a number");
    return std::nullopt;
  }
  if (!std::isfinite(out)) {
    diag.error(file, line, column, shown(text) + " is not a finite number");
    return std::nullopt;
  }
  return out;
}

void write_field(std::ostream& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << field;
    return;
  }
  out << '"';
  for (char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void write_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    write_field(out, fields[i]);
  }
  out << '\n';
}

std::string format_number(double value) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, ptr);
}

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  // One read into a buffer of the file's size (a stringstream copies an 11 MB file twice).
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  std::string text(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) return std::nullopt;
  return text;
}

}  // namespace seatsync::csv
