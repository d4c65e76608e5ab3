#pragma once
// robots.txt answers kept per authority across polls (RFC 9309 2.4: cache for up to 24 h).
// An answer that disallows everything because the host did not answer (5xx, unreachable) is
// kept for the poll that got it only: the next poll asks again, this one does not hammer it.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "seatsync/robots_txt.hpp"

namespace seatsync::market {

class RobotsCache {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::hours kLifetime{24};

  // The rules for `authority` still valid at `now` in poll number `poll`; null when it must be fetched.
  const RobotsRules* find(const std::string& authority, Clock::time_point now, std::uint64_t poll) const;
  void store(const std::string& authority, RobotsRules rules, Clock::time_point fetched_at, std::uint64_t poll);

 private:
  struct Entry {
    RobotsRules rules;
    Clock::time_point fetched_at;
    std::uint64_t poll = 0;
  };
  std::map<std::string, Entry> entries_;
};

}  // namespace seatsync::market
