#pragma once
// The configured egress proxies and their health. Health is checked by use: a proxy that
// cannot be reached (its connection, not the site's answer) is set aside for a while and the
// next one in the list is used; it is tried again once that while has passed. Proxies carry
// our requests out; they are never a way round a site's block (the collector stops instead).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace seatsync::market {

class ProxyPool {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::minutes kDownFor{5};

  explicit ProxyPool(std::vector<std::string> proxies);

  bool empty() const { return proxies_.empty(); }
  // The first proxy in the configured order that is up at `now`; nullopt when all are down.
  std::optional<std::string> pick(Clock::time_point now) const;
  void mark_down(const std::string& proxy, Clock::time_point now);

 private:
  struct Proxy {
    std::string url;
    Clock::time_point down_until{};
  };
  std::vector<Proxy> proxies_;
};

}  // namespace seatsync::market
