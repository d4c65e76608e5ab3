#include "robots_cache.hpp"

namespace seatsync::market {

const RobotsRules* RobotsCache::find(const std::string& authority, Clock::time_point now, std::uint64_t poll) const {
  auto entry = entries_.find(authority);
  if (entry == entries_.end()) return nullptr;
  const Entry& e = entry->second;
  if (e.rules.disallow_all) return e.poll == poll ? &e.rules : nullptr;
  return now - e.fetched_at < kLifetime ? &e.rules : nullptr;
}

void RobotsCache::store(const std::string& authority, RobotsRules rules, Clock::time_point fetched_at, std::uint64_t poll) {
  entries_[authority] = {std::move(rules), fetched_at, poll};
}

}  // namespace seatsync::market
