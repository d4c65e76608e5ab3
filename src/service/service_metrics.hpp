#pragma once
// The service's Prometheus metrics (text exposition format 0.0.4): requests by route and status,
// latency histograms per route with buckets from 10 µs to 10 s, scores by pricing method and
// strategy, model loads by type and result, reloads, and the snapshot's age.
#include <array>
#include <chrono>
#include <map>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

namespace seatsync::service {

class ServiceMetrics {
 public:
  static constexpr std::array<double, 19> kLatencyBuckets = {
      1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  // `route` is the route's pattern ("/model/metrics/{scope}"), never the raw path, so that the
  // number of series stays bounded whatever clients send.
  void request(const std::string& route, const std::string& method, int status, double seconds);
  void score(const std::string& pricing_method, const std::string& strategy);
  void model_load(const std::string& type, const std::string& result);
  void reload(bool ok);

  // The exposition, with the snapshot's age and whether one is loaded.
  std::string render(std::optional<double> snapshot_age_seconds) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> counts{};  // per bucket, not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> scores_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> model_loads_;
  std::uint64_t reloads_ok_ = 0, reloads_failed_ = 0;
};

}  // namespace seatsync::service
