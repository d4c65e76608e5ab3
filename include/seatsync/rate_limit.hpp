#pragma once
// Politeness per domain: a token bucket of one token refilled every interval (so never two
// requests to one host closer than the interval), an interval raised by robots.txt's
// Crawl-delay, and a pause when a server says Retry-After. Time is passed in, never read, so
// the rules are tested without sleeping.
#include <chrono>
#include <map>
#include <string>

namespace seatsync {

class DomainRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // min_interval_s ≥ 1.0 is the collector's floor (std::invalid_argument below it).
  explicit DomainRateLimiter(double min_interval_s);

  // The host's interval becomes max(min_interval_s, crawl_delay_s).
  void set_crawl_delay(const std::string& host, double crawl_delay_s);
  double interval_s(const std::string& host) const;

  // The earliest time a request to `host` may start (≤ now when it may start now).
  Clock::time_point next_allowed(const std::string& host, Clock::time_point now) const;
  // Takes the token: call when a request to `host` starts at `now`.
  void record_request(const std::string& host, Clock::time_point now);
  // No request to `host` before `until` (Retry-After, backoff); never moves a pause earlier.
  void pause_until(const std::string& host, Clock::time_point until);

 private:
  struct HostState {
    double interval_s = 0.0;
    Clock::time_point earliest{};  // next allowed start
  };
  HostState& state(const std::string& host);
  double min_interval_s_;
  std::map<std::string, HostState> hosts_;
};

}  // namespace seatsync
