// A token bucket of capacity one per host. With one token, "the bucket holds a token" is the same as
// "the last start was at least one interval ago", so the state is just the next allowed start: the
// later of (last start + interval) and any pause the server asked for.
#include "seatsync/rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace seatsync {
namespace {

// Seconds as a steady_clock duration, saturated: a robots.txt asking for a Crawl-delay of 1e300 s means
// "practically never", and must not overflow the clock's 64-bit count (1e9 s is 31 years).
DomainRateLimiter::Clock::duration seconds(double s) {
  constexpr double kLongest = 1e9;
  const double clamped = std::clamp(s, 0.0, kLongest);
  return std::chrono::duration_cast<DomainRateLimiter::Clock::duration>(std::chrono::duration<double>(clamped));
}

}  // namespace

DomainRateLimiter::DomainRateLimiter(double min_interval_s) : min_interval_s_(min_interval_s) {
  // `!(x >= 1)` also refuses NaN.
  if (!(min_interval_s >= 1.0) || !std::isfinite(min_interval_s)) {
    throw std::invalid_argument("the per-domain interval must be a finite number of seconds ≥ 1.0");
  }
}

DomainRateLimiter::HostState& DomainRateLimiter::state(const std::string& host) {
  auto [it, inserted] = hosts_.try_emplace(host);
  if (inserted) it->second.interval_s = min_interval_s_;
  return it->second;
}

void DomainRateLimiter::set_crawl_delay(const std::string& host, double crawl_delay_s) {
  if (!(crawl_delay_s >= 0.0)) throw std::invalid_argument("a Crawl-delay must be a number of seconds ≥ 0");
  HostState& host_state = state(host);
  const double interval = std::max(min_interval_s_, crawl_delay_s);
  // Only the next start is stored, not the last one; when the interval grows (a robots.txt re-read
  // asking for more time) the next start moves later by the growth, which is what the new interval
  // after the last start gives. A shrinking interval leaves the next start where it is (never earlier).
  if (interval > host_state.interval_s && host_state.earliest != Clock::time_point{}) {
    host_state.earliest += seconds(interval - host_state.interval_s);
  }
  host_state.interval_s = interval;
}

double DomainRateLimiter::interval_s(const std::string& host) const {
  const auto it = hosts_.find(host);
  return it == hosts_.end() ? min_interval_s_ : it->second.interval_s;
}

DomainRateLimiter::Clock::time_point DomainRateLimiter::next_allowed(const std::string& host,
                                                                     Clock::time_point now) const {
  const auto it = hosts_.find(host);
  if (it == hosts_.end()) return now;  // a full bucket: a first request may start at once
  return std::max(now, it->second.earliest);
}

void DomainRateLimiter::record_request(const std::string& host, Clock::time_point now) {
  HostState& host_state = state(host);
  // Callers start a request only at next_allowed() or later; if one starts early anyway, the spacing
  // still counts from the actual start, and a pause still in force stays in force.
  host_state.earliest = std::max(host_state.earliest, now + seconds(host_state.interval_s));
}

void DomainRateLimiter::pause_until(const std::string& host, Clock::time_point until) {
  HostState& host_state = state(host);
  host_state.earliest = std::max(host_state.earliest, until);
}

}  // namespace seatsync
