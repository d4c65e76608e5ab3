#pragma once
// A venue's time zone, by its IANA name ("America/Chicago"), read from the system's time-zone
// database (Debian's tzdata in /usr/share/zoneinfo, or $TZDIR).
//
// Why not std::chrono::locate_zone: C++20's time-zone database is not in GCC 12's libstdc++
// (it arrives with GCC 13), and the alternatives are a new dependency (Howard Hinnant's date
// library, whose API std::chrono adopted) or the C library's TZ variable, which is process-wide
// state and silently falls back to UTC for a misspelt name. This class reads the same compiled
// tzdata files that libstdc++ would; swapping it for std::chrono::locate_zone later changes
// only time_zone.cpp.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "seatsync/date.hpp"

namespace seatsync {

struct TimeZoneData;  // transitions and rules, read from the zone's file

class TimeZone {
 public:
  // The zone named `name`; nullopt when the database has no such zone (or the name is not a
  // plain zone name: empty, absolute, or containing "..").
  static std::optional<TimeZone> locate(std::string_view name);

  const std::string& name() const { return name_; }
  // Seconds east of UTC in force at `utc_seconds` (seconds since 1970-01-01T00:00:00Z).
  int offset_at(std::int64_t utc_seconds) const;

 private:
  std::string name_;
  std::shared_ptr<const TimeZoneData> data_;
};

// The venue's local calendar date of a timestamp. One written with a UTC offset names an
// instant: it is moved into `zone` when one is given. One without an offset is local already,
// and without a zone every timestamp keeps its written date.
Date local_date(const Timestamp& t, const TimeZone* zone);

}  // namespace seatsync
