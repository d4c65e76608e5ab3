#include "service_metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace seatsync::service {
namespace {

// Label values escape backslash, quote and newline (the exposition format's rule).
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void ServiceMetrics::request(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  const auto it = std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds);
  if (it != kLatencyBuckets.end()) ++h.counts[static_cast<std::size_t>(it - kLatencyBuckets.begin())];
  ++h.count;
  h.sum += seconds;
}

void ServiceMetrics::score(const std::string& pricing_method, const std::string& strategy) {
  std::lock_guard lock(mutex_);
  ++scores_[{pricing_method, strategy}];
}

void ServiceMetrics::model_load(const std::string& type, const std::string& result) {
  std::lock_guard lock(mutex_);
  ++model_loads_[{type, result}];
}

void ServiceMetrics::reload(bool ok) {
  std::lock_guard lock(mutex_);
  ++(ok ? reloads_ok_ : reloads_failed_);
}

std::string ServiceMetrics::render(std::optional<double> snapshot_age_seconds) const {
  std::lock_guard lock(mutex_);
  std::string out;
  auto append = [&out](std::string_view format, const auto&... args) {
    fmt::format_to(std::back_inserter(out), fmt::runtime(format), args...);
  };
  append("# HELP seatsync_http_requests_total HTTP requests answered, by route, method and status.\n"
         "# TYPE seatsync_http_requests_total counter\n");
  for (const auto& [key, n] : requests_)
    append("seatsync_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", label(std::get<0>(key)),
           label(std::get<1>(key)), std::get<2>(key), n);
  append("# HELP seatsync_http_request_duration_seconds Time from a whole request received to its answer written.\n"
         "# TYPE seatsync_http_request_duration_seconds histogram\n");
  for (const auto& [route, h] : latency_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += h.counts[i];
      append("seatsync_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label(route),
             kLatencyBuckets[i], cumulative);
    }
    append("seatsync_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label(route), h.count);
    append("seatsync_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label(route), h.sum);
    append("seatsync_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label(route), h.count);
  }
  append("# HELP seatsync_scores_total Prices answered, by pricing method and strategy.\n"
         "# TYPE seatsync_scores_total counter\n");
  for (const auto& [key, n] : scores_)
    append("seatsync_scores_total{{pricing_method=\"{}\",strategy=\"{}\"}} {}\n", label(key.first), label(key.second), n);
  append("# HELP seatsync_model_loads_total Registry model loads, by model type and result.\n"
         "# TYPE seatsync_model_loads_total counter\n");
  for (const auto& [key, n] : model_loads_)
    append("seatsync_model_loads_total{{type=\"{}\",result=\"{}\"}} {}\n", label(key.first), label(key.second), n);
  append("# HELP seatsync_reloads_total Snapshot reloads, by result.\n# TYPE seatsync_reloads_total counter\n"
         "seatsync_reloads_total{{result=\"ok\"}} {}\nseatsync_reloads_total{{result=\"failed\"}} {}\n",
         reloads_ok_, reloads_failed_);
  append("# HELP seatsync_snapshot_ready 1 once data and policies are loaded.\n# TYPE seatsync_snapshot_ready gauge\n"
         "seatsync_snapshot_ready {}\n", snapshot_age_seconds ? 1 : 0);
  if (snapshot_age_seconds)
    append("# HELP seatsync_snapshot_age_seconds Seconds since the snapshot in use was built.\n"
           "# TYPE seatsync_snapshot_age_seconds gauge\nseatsync_snapshot_age_seconds {}\n", *snapshot_age_seconds);
  return out;
}

}  // namespace seatsync::service
