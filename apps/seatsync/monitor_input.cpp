#include "monitor_input.hpp"

#include <spdlog/spdlog.h>

#include "seatsync/experiment_store.hpp"

namespace seatsync::cli {
namespace {

// The worst model lift over the running experiments; none without a store or experiments.
std::optional<double> running_revenue_lift(const DataSource& source) {
  if (!source.db) return std::nullopt;
  try {
    const auto store = open_experiment_store(*source.db);
    return running_model_lift(*store, store->list(/*active_only=*/true));
  } catch (const std::exception& e) {
    spdlog::warn("monitor: no revenue lift from the experiments: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace

void add_monitor_input_options(CLI::App& cmd, MonitorInput& input) {
  add_source_options(cmd, input.source);
  cmd.add_option("--registry", input.registry, "The model registry directory")->capture_default_str();
  cmd.add_option("--scope", input.scope, "Only the models of this registry scope (default: every scope)");
  cmd.add_option("--today", input.today,
                 "The day to judge on (YYYY-MM-DD; default: the day after the last sale); model ages count to its midnight UTC");
}

MonitorContext monitor_context(const MonitorInput& input, const Dataset& data) {
  MonitorContext c;
  c.thresholds = data.params.monitor;
  if (input.today.empty()) {
    c.today = day_after_last_sale(data);
    c.now = std::chrono::system_clock::now();
  } else {
    c.today = parse_date_option(input.today, "--today");
    c.now = std::chrono::system_clock::time_point(std::chrono::seconds(std::int64_t(c.today.days()) * 86400));
  }
  c.revenue_lift = running_revenue_lift(input.source);
  return c;
}

}  // namespace seatsync::cli
