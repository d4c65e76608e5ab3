#pragma once
// Venue-local wall times for the importers: the contract dates a timestamp without an offset
// as local already (docs/data-format.md), which is right for every venue at once, whereas one
// dataset-wide `timezone` cannot serve NFL games in four zones.
#include <cstdint>
#include <string>

#include "seatsync/date.hpp"

namespace seatsync::market_detail {

// "YYYY-MM-DDTHH:MM:SS" of the instant `utc_seconds` shifted by `offset_seconds`.
inline std::string local_wall_time(std::int64_t utc_seconds, int offset_seconds) {
  const std::int64_t local = utc_seconds + offset_seconds;
  std::int64_t days = local / 86400, rest = local % 86400;
  if (rest < 0) { rest += 86400; --days; }
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02d", static_cast<int>(rest / 3600),
                static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return Date::from_days(static_cast<std::int32_t>(days)).str() + clock;
}

}  // namespace seatsync::market_detail
