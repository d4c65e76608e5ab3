#pragma once
// The POSIX TZ rule at the end of a TZif file (e.g. "CST6CDT,M3.2.0,M11.1.0"): it gives the
// offset for instants after the file's last listed transition, which in a "slim" tzdata build
// comes as early as 2007.
#include <cstdint>
#include <optional>
#include <string_view>

namespace seatsync {

class PosixTzRule {
 public:
  // nullopt when `text` is not a rule this reader understands.
  static std::optional<PosixTzRule> parse(std::string_view text);
  int offset_at(std::int64_t utc_seconds) const;  // seconds east of UTC

 private:
  // When daylight time starts or ends: a day of the year and a local time of day.
  struct Change {
    char kind = 'M';  // 'M' month.week.weekday, 'J' 1-365 without Feb 29, 'D' 0-365 with it
    int month = 0, week = 0, weekday = 0, day = 0;
    int seconds = 7200;  // local time of the change; may be negative or beyond 24 h
    std::int64_t local_seconds_in(int year) const;  // since the epoch, in the clock it is given in
  };
  int std_offset_ = 0, dst_offset_ = 0;  // seconds east of UTC
  bool has_dst_ = false;
  Change start_, end_;
};

}  // namespace seatsync
