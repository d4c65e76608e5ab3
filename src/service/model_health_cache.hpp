#pragma once
// Model health for the service (GET /model/health/{scope}, the gauges in /metrics): the
// monitor's report on the snapshot's data and registry, computed once per snapshot — it reads
// every model's rows, far too slow for a request path that runs often — and kept until a
// reload brings a new snapshot. It is computed on the request that first needs it, not on a
// thread of its own: a thread still computing while the process exits would read function-
// local statics (the feature list, calendars) already destroyed; request threads are done
// before the server stops.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "seatsync/model_monitor.hpp"
#include "seatsync/pricing_snapshot.hpp"

namespace seatsync::service {

class ModelHealthCache {
 public:
  using LiftSource = std::function<std::optional<double>()>;  // the running experiments' model lift
  explicit ModelHealthCache(LiftSource lift = {}) : lift_(std::move(lift)) {}

  // The report for `snap`: computed by the first caller (the others wait for it), then kept.
  std::shared_ptr<const MonitorReport> get(const std::shared_ptr<const PricingSnapshot>& snap);

  // Prometheus gauges of a report: alerts, triggers, live and holdout error, largest PSI,
  // new rows and age per model.
  static std::string render(const MonitorReport& report);

 private:
  std::shared_ptr<const MonitorReport> compute(const PricingSnapshot& snap) const;
  bool is_for(const std::shared_ptr<const PricingSnapshot>& snap) const;  // caller holds mutex_

  LiftSource lift_;
  std::mutex mutex_;               // guards of_ and report_
  std::mutex compute_mutex_;       // one computation at a time
  std::weak_ptr<const PricingSnapshot> of_;
  std::shared_ptr<const MonitorReport> report_;
};

}  // namespace seatsync::service
