#include "proxy_pool.hpp"

namespace seatsync::market {

ProxyPool::ProxyPool(std::vector<std::string> proxies) {
  for (auto& url : proxies) proxies_.push_back({std::move(url), {}});
}

std::optional<std::string> ProxyPool::pick(Clock::time_point now) const {
  for (const auto& proxy : proxies_)
    if (proxy.down_until <= now) return proxy.url;
  return std::nullopt;
}

void ProxyPool::mark_down(const std::string& proxy, Clock::time_point now) {
  for (auto& p : proxies_)
    if (p.url == proxy) p.down_until = now + kDownFor;
}

}  // namespace seatsync::market
