#include "model_health_cache.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "seatsync/model_registry.hpp"

namespace seatsync::service {

bool ModelHealthCache::is_for(const std::shared_ptr<const PricingSnapshot>& snap) const {
  return report_ && !of_.expired() && !of_.owner_before(snap) && !snap.owner_before(of_);
}

std::shared_ptr<const MonitorReport> ModelHealthCache::compute(const PricingSnapshot& snap) const {
  MonitorContext context;
  context.thresholds = snap.data().params.monitor;
  context.today = snap.as_of();
  context.now = std::chrono::system_clock::now();
  if (lift_) context.revenue_lift = lift_();
  auto report = std::make_shared<MonitorReport>();
  report->today = context.today;
  report->thresholds = context.thresholds;
  const ModelRegistry* serving = snap.models().registry();
  if (serving && std::filesystem::is_directory(serving->dir())) {
    ModelRegistry registry(serving->dir());
    *report = monitor_registry(snap.data(), registry, context);
  }
  return report;
}

std::shared_ptr<const MonitorReport> ModelHealthCache::get(const std::shared_ptr<const PricingSnapshot>& snap) {
  std::lock_guard computing(compute_mutex_);
  {
    std::lock_guard guard(mutex_);
    if (is_for(snap)) return report_;
  }
  auto report = compute(*snap);
  std::lock_guard guard(mutex_);
  of_ = snap;
  report_ = report;
  return report;
}

std::string ModelHealthCache::render(const MonitorReport& report) {
  std::string out;
  auto family = [&](const char* name, const char* help, auto value_of) {
    std::string lines;
    for (const auto& m : report.models)
      if (const auto line = value_of(m); !line.empty()) lines += line;
    if (lines.empty()) return;
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", name, help, name);
    out += lines;
  };
  auto labels = [](const ModelHealth& m) { return fmt::format("scope=\"{}\",type=\"{}\"", m.scope, m.type); };
  family("seatsync_model_alerts", "Monitoring alerts firing for the latest model (docs/model-lifecycle.md)",
         [&](const ModelHealth& m) { return fmt::format("seatsync_model_alerts{{{}}} {}\n", labels(m), m.alerts.size()); });
  family("seatsync_model_retrain_triggers", "Retraining triggers firing for the latest model",
         [&](const ModelHealth& m) { return fmt::format("seatsync_model_retrain_triggers{{{}}} {}\n", labels(m), m.triggers.size()); });
  auto error = [&](const char* name, bool live) {
    return [&, name, live](const ModelHealth& m) -> std::string {
      if (!m.live) return "";
      const auto& list = live ? m.live->model : m.live->holdout;
      for (const auto& [metric, v] : list)
        if (metric == m.live->error_metric) return fmt::format("{}{{{},metric=\"{}\"}} {}\n", name, labels(m), metric, v);
      return "";
    };
  };
  family("seatsync_model_live_error", "Error of the latest model on the rows since its training", error("seatsync_model_live_error", true));
  family("seatsync_model_holdout_error", "Error of the latest model on its holdout at training", error("seatsync_model_holdout_error", false));
  family("seatsync_model_max_psi", "Largest population stability index of a feature, recent against training rows",
         [&](const ModelHealth& m) {
           return m.drift.empty() ? std::string() : fmt::format("seatsync_model_max_psi{{{}}} {}\n", labels(m), m.drift.front().psi);
         });
  family("seatsync_model_new_rows", "Rows that arrived after the latest model's training range",
         [&](const ModelHealth& m) { return fmt::format("seatsync_model_new_rows{{{}}} {}\n", labels(m), m.new_rows); });
  return out;
}

}  // namespace seatsync::service
