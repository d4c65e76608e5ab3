#include "seatsync/date.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace seatsync {
namespace {

namespace chr = std::chrono;
using chr::sys_days;
using chr::year_month_day;

year_month_day to_ymd(Date d) { return year_month_day{sys_days{std::chrono::days{d.days()}}}; }

// Reads exactly `width` decimal digits at text[pos...].
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  for (std::size_t i = pos; i < pos + width; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + width, out);
  return ec == std::errc{} && ptr == text.data() + pos + width;
}

// "HH:MM[:SS[.fff]][Z|±HH[:]MM]" into `out` (fractions of a second are dropped); false when malformed.
bool parse_time_of_day(std::string_view t, Timestamp& out) {
  int hh = 0, mm = 0, ss = 0;
  if (!read_digits(t, 0, 2, hh) || t.size() < 5 || t[2] != ':' || !read_digits(t, 3, 2, mm)) return false;
  if (hh > 23 || mm > 59) return false;
  std::size_t pos = 5;
  if (pos < t.size() && t[pos] == ':') {
    if (!read_digits(t, pos + 1, 2, ss) || ss > 60) return false;
    pos += 3;
    if (pos < t.size() && t[pos] == '.') {
      std::size_t start = ++pos;
      while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
      if (pos == start) return false;
    }
  }
  // A leap second (:60) counts as the last second of its minute.
  out.seconds = hh * 3600 + mm * 60 + std::min(ss, 59);
  if (pos == t.size()) return true;
  if (t[pos] == 'Z') {
    out.utc_offset = 0;
    return pos + 1 == t.size();
  }
  if (t[pos] != '+' && t[pos] != '-') return false;
  const int sign = t[pos] == '-' ? -1 : 1;
  int oh = 0, om = 0;
  if (!read_digits(t, pos + 1, 2, oh) || oh > 23) return false;
  pos += 3;
  if (pos != t.size()) {
    if (t[pos] == ':') ++pos;
    if (!read_digits(t, pos, 2, om) || om > 59 || pos + 2 != t.size()) return false;
  }
  out.utc_offset = sign * (oh * 3600 + om * 60);
  return true;
}

}  // namespace

Date Date::from_ymd(int y, unsigned m, unsigned d) {
  year_month_day ymd{chr::year{y}, chr::month{m}, chr::day{d}};
  if (!ymd.ok()) throw std::invalid_argument("not a calendar date");
  return from_days(static_cast<std::int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::parse(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_digits(text, 0, 4, y) || !read_digits(text, 5, 2, m) || !read_digits(text, 8, 2, d))
    return std::nullopt;
  year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return from_days(static_cast<std::int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

int Date::year() const { return static_cast<int>(to_ymd(*this).year()); }
unsigned Date::month() const { return static_cast<unsigned>(to_ymd(*this).month()); }
unsigned Date::day() const { return static_cast<unsigned>(to_ymd(*this).day()); }
unsigned Date::weekday() const {
  return std::chrono::weekday{sys_days{std::chrono::days{days_}}}.c_encoding();
}

std::string Date::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  Timestamp out;
  if (text.size() != 10 && (text.size() < 16 || (text[10] != 'T' && text[10] != ' '))) return std::nullopt;
  auto date = Date::parse(text.substr(0, 10));
  if (!date) return std::nullopt;
  out.date = *date;
  if (text.size() > 10 && !parse_time_of_day(text.substr(11), out)) return std::nullopt;
  return out;
}

std::optional<Date> parse_date_or_datetime(std::string_view text) {
  auto t = parse_timestamp(text);
  if (!t) return std::nullopt;
  return t->date;
}

std::int64_t utc_seconds(const Timestamp& t) {
  return std::int64_t{t.date.days()} * 86400 + t.seconds - t.utc_offset.value_or(0);
}

std::optional<std::int64_t> parse_utc_seconds(std::string_view text) {
  const auto t = parse_timestamp(text);
  if (!t) return std::nullopt;
  return utc_seconds(*t);
}

}  // namespace seatsync
