#pragma once
// A calendar date (proleptic Gregorian), stored as days since 1970-01-01 so that
// "days before the game" is a subtraction. Calendar arithmetic is std::chrono's.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seatsync {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(std::int32_t days) { Date d; d.days_ = days; return d; }
  // Throws std::invalid_argument when the day does not exist (e.g. 2026-02-30).
  static Date from_ymd(int year, unsigned month, unsigned day);
  // Strict "YYYY-MM-DD"; nullopt when malformed or not a real day.
  static std::optional<Date> parse(std::string_view text);

  constexpr std::int32_t days() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  unsigned weekday() const;  // 0 = Sunday … 6 = Saturday
  std::string str() const;   // "YYYY-MM-DD"

  constexpr Date operator+(int n) const { return from_days(days_ + n); }
  constexpr Date operator-(int n) const { return from_days(days_ - n); }
  constexpr int operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  std::int32_t days_ = 0;
};

// A date or date-time as written in a source file, before any time-zone conversion.
struct Timestamp {
  Date date;                      // the calendar date written
  int seconds = 0;                // the time of day written, in whole seconds (0 for a bare date)
  std::optional<int> utc_offset;  // seconds east of UTC when an offset is written ("Z" = 0)
};

// Accepts "YYYY-MM-DD" or an ISO-8601 date-time "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH[:]MM]"
// (a space may stand for the T); nullopt when malformed.
std::optional<Timestamp> parse_timestamp(std::string_view text);

// Seconds since 1970-01-01T00:00:00Z of a timestamp; one written without an offset is taken as UTC.
std::int64_t utc_seconds(const Timestamp& t);
// parse_timestamp, then utc_seconds; nullopt when malformed.
std::optional<std::int64_t> parse_utc_seconds(std::string_view text);

// parse_timestamp's calendar date as written (the offset is validated but never shifts the day).
std::optional<Date> parse_date_or_datetime(std::string_view text);

}  // namespace seatsync
