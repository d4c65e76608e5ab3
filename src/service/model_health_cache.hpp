#pragma once
// Model health for the service (GET /model/health/{scope}, the gauges in /metrics): the
// monitor's report on the snapshot's data and registry, computed once per snapshot — it reads
// every model's rows, far too slow for a request path that runs often — and kept until a
// reload brings a new snapshot.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "seatsync/model_monitor.hpp"
#include "seatsync/pricing_snapshot.hpp"

namespace seatsync::service {

class ModelHealthCache {
 public:
  using LiftSource = std::function<std::optional<double>()>;  // the running experiments' model lift
  explicit ModelHealthCache(LiftSource lift = {}) : lift_(std::move(lift)) {}
  ~ModelHealthCache();

  // The report for `snap`: computed by the first caller (the others wait for it), then kept.
  std::shared_ptr<const MonitorReport> get(const std::shared_ptr<const PricingSnapshot>& snap);
  // The report when it is ready for `snap`; otherwise starts computing it in the background
  // (once) and returns nullptr, so a /metrics scrape never waits for it.
  std::shared_ptr<const MonitorReport> peek(const std::shared_ptr<const PricingSnapshot>& snap);

  // Prometheus gauges of a report: alerts, triggers, live and holdout error, largest PSI,
  // new rows and age per model.
  static std::string render(const MonitorReport& report);

 private:
  std::shared_ptr<const MonitorReport> compute(const PricingSnapshot& snap) const;
  bool is_for(const std::shared_ptr<const PricingSnapshot>& snap) const;  // caller holds mutex_

  LiftSource lift_;
  std::mutex mutex_;               // guards of_, report_, computing_ and background_
  bool computing_ = false;         // a background computation is running
  std::mutex compute_mutex_;       // one computation at a time
  std::weak_ptr<const PricingSnapshot> of_;
  std::shared_ptr<const MonitorReport> report_;
  std::thread background_;
};

}  // namespace seatsync::service
