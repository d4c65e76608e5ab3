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

std::vector<std::string> poll_summary_lines(const PollResult& result) {
  std::vector<std::string> lines;
  for (const auto& s : result.sources) {
    std::string line = fmt::format("{}: {} requests, {} pages, {} listings", s.source, s.requests, s.pages, s.listings_accepted);
    if (s.listings_flagged) line += fmt::format(" ({} flagged)", s.listings_flagged);
    if (s.listings_rejected) line += fmt::format(", {} rejected", s.listings_rejected);
    if (!s.robots_denied.empty()) line += fmt::format(", {} robots-denied", s.robots_denied.size());
    if (!s.failures.empty()) line += fmt::format(", {} failed", s.failures.size());
    if (s.blocked) line += fmt::format("; BLOCKED ({})", *s.blocked);
    lines.push_back(std::move(line));
  }
  std::string poll = fmt::format("poll {}: {} requests", result.observed_at, result.requests);
  if (result.request_limit_reached) poll += "; stopped at max_requests";
  lines.push_back(std::move(poll));
  return lines;
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
