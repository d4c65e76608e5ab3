#include "poll_report.hpp"

#include <ctime>
#include <stdexcept>

#include <fmt/format.h>

#include "seatsync/collector.hpp"
#include "seatsync/time_zone.hpp"

namespace seatsync {

std::string utc_timestamp(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm utc{};
  if (!gmtime_r(&seconds, &utc)) throw std::invalid_argument("utc_timestamp: time out of range");
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                     utc.tm_min, utc.tm_sec);
}

namespace market {

Date local_observed_date(const Dataset& data, const std::string& observed_at_utc) {
  auto stamp = parse_timestamp(observed_at_utc);
  if (!stamp) throw std::invalid_argument("not a timestamp: " + observed_at_utc);
  std::optional<TimeZone> zone;
  if (!data.params.timezone.empty()) zone = TimeZone::locate(data.params.timezone);
  return local_date(*stamp, zone ? &*zone : nullptr);
}

std::string seconds_text(double seconds) { return fmt::format("{:.1f} s", seconds); }

}  // namespace market
}  // namespace seatsync
