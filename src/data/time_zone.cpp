// Reads a zone's compiled TZif file (RFC 8536) from the system's tzdata: its transition times,
// the UTC offset each one brings, and the POSIX rule for instants after the last of them.
#include "seatsync/time_zone.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "posix_tz_rule.hpp"

namespace seatsync {

struct TimeZoneData {
  std::vector<std::int64_t> transitions;  // UTC seconds, ascending
  std::vector<int> offset_after;          // offset in force from transitions[i] on
  int offset_before = 0;                  // before the first transition (the first time type)
  std::optional<PosixTzRule> rule;        // after the last transition, when the file has one
};

namespace {

std::filesystem::path zone_dir() {
  const char* dir = std::getenv("TZDIR");
  return dir && *dir ? dir : "/usr/share/zoneinfo";
}

bool plain_zone_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
           c == '-' || c == '+';
  });
}

// Big-endian reads from a byte buffer; `ok` turns false on reading past the end.
class Bytes {
 public:
  explicit Bytes(std::string data) : data_(std::move(data)) {}
  bool ok() const { return ok_; }
  // A signed big-endian integer of `width` bytes (TZif times and offsets are signed).
  std::int64_t integer(int width) {
    if (pos_ + width > data_.size()) {
      ok_ = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(data_[pos_++]);
    if (width < 8 && (v >> (8 * width - 1))) v |= ~std::uint64_t{0} << (8 * width);  // sign-extend
    return static_cast<std::int64_t>(v);
  }
  int byte() {
    if (pos_ >= data_.size()) {
      ok_ = false;
      return 0;
    }
    return static_cast<unsigned char>(data_[pos_++]);
  }
  void skip(std::size_t n) { pos_ = std::min(pos_ + n, data_.size()); }
  bool magic() {
    if (data_.compare(pos_, 4, "TZif") != 0) return false;
    pos_ += 4;
    return true;
  }
  std::string_view rest() const { return std::string_view(data_).substr(pos_); }

 private:
  std::string data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

struct Counts {
  std::int64_t isut, isstd, leap, time, type, chars;
};

// The header after "TZif": version, 15 reserved bytes, six counts.
Counts read_header(Bytes& in, char& version) {
  version = static_cast<char>(in.byte());
  in.skip(15);
  Counts c{};
  for (std::int64_t* n : {&c.isut, &c.isstd, &c.leap, &c.time, &c.type, &c.chars}) *n = in.integer(4);
  return c;
}

// Real zones have a few hundred transitions and types at most: larger counts mean a corrupt file.
bool plausible(const Counts& c) {
  constexpr std::int64_t kMax = 100'000;
  for (std::int64_t n : {c.isut, c.isstd, c.leap, c.time, c.type, c.chars})
    if (n < 0 || n > kMax) return false;
  return true;
}

std::optional<TimeZoneData> parse_tzif(std::string bytes) {
  Bytes in(std::move(bytes));
  char version = 0;
  if (!in.magic()) return std::nullopt;
  Counts c = read_header(in, version);
  if (!plausible(c)) return std::nullopt;
  int time_width = 4;
  if (version >= '2') {
    // Skip the 32-bit block: the 64-bit one after it says the same for every instant.
    in.skip(c.time * 5 + c.type * 6 + c.chars + c.leap * 8 + c.isstd + c.isut);
    if (!in.magic()) return std::nullopt;
    c = read_header(in, version);
    time_width = 8;
  }
  if (!plausible(c) || c.type < 1) return std::nullopt;
  TimeZoneData z;
  for (std::int64_t i = 0; i < c.time; ++i) z.transitions.push_back(in.integer(time_width));
  std::vector<int> type_of(static_cast<std::size_t>(c.time));
  for (auto& t : type_of) t = in.byte();
  std::vector<int> offsets;
  for (std::int64_t i = 0; i < c.type; ++i) {
    offsets.push_back(static_cast<int>(in.integer(4)));
    in.skip(2);  // isdst, abbreviation index
  }
  in.skip(c.chars + c.leap * (time_width + 4) + c.isstd + c.isut);
  if (!in.ok()) return std::nullopt;
  for (int t : type_of) {
    if (t < 0 || t >= static_cast<int>(offsets.size())) return std::nullopt;
    z.offset_after.push_back(offsets[t]);
  }
  z.offset_before = offsets.front();
  // Footer: "\nRULE\n" (version 2 and later); an empty rule means none.
  auto footer = in.rest();
  if (version >= '2' && footer.size() >= 2 && footer.front() == '\n') {
    footer.remove_prefix(1);
    footer = footer.substr(0, footer.find('\n'));
    if (!footer.empty()) {
      z.rule = PosixTzRule::parse(footer);
      if (!z.rule) return std::nullopt;  // a rule we cannot follow: refuse rather than guess
    }
  }
  return z;
}

}  // namespace

std::optional<TimeZone> TimeZone::locate(std::string_view name) {
  if (!plain_zone_name(name)) return std::nullopt;
  const auto file = zone_dir() / std::string(name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto data = parse_tzif(std::move(bytes));
  if (!data) return std::nullopt;
  TimeZone zone;
  zone.name_ = std::string(name);
  zone.data_ = std::make_shared<const TimeZoneData>(std::move(*data));
  return zone;
}

int TimeZone::offset_at(std::int64_t utc) const {
  const auto& z = *data_;
  if (z.transitions.empty()) return z.rule ? z.rule->offset_at(utc) : z.offset_before;
  if (utc < z.transitions.front()) return z.offset_before;
  if (utc >= z.transitions.back() && z.rule) return z.rule->offset_at(utc);
  auto after = std::upper_bound(z.transitions.begin(), z.transitions.end(), utc);
  return z.offset_after[static_cast<std::size_t>(after - z.transitions.begin()) - 1];
}

Date local_date(const Timestamp& t, const TimeZone* zone) {
  if (!t.utc_offset || !zone) return t.date;
  const std::int64_t utc = utc_seconds(t);
  const std::int64_t local = utc + zone->offset_at(utc);
  return Date::from_days(static_cast<std::int32_t>(
      std::chrono::floor<std::chrono::days>(std::chrono::seconds{local}).count()));
}

}  // namespace seatsync
