// What a running A/B test says about the model's revenue (seed 003: "negative revenue lift").
#include <algorithm>
#include <cmath>

#include "seatsync/experiment_results.hpp"
#include "seatsync/experiment_store.hpp"
#include "seatsync/model_monitor.hpp"

namespace seatsync {

std::optional<double> model_revenue_lift(const Experiment& experiment, const ExperimentResults& results) {
  const bool any_flagged = std::any_of(experiment.arms.begin() + 1, experiment.arms.end(),
                                       [](const ExperimentArm& a) { return a.policy.use_ml.value_or(false); });
  std::optional<double> worst;
  for (const auto& c : results.comparisons) {
    if (c.metric != "revenue_per_quote" || !std::isfinite(c.test.lift)) continue;
    const ExperimentArm* arm = experiment.find_arm(c.variant);
    if (any_flagged && (!arm || !arm->policy.use_ml.value_or(false))) continue;
    worst = worst ? std::min(*worst, c.test.lift) : c.test.lift;
  }
  return worst;
}

std::optional<double> running_model_lift(const ExperimentStore& store, const std::vector<Experiment>& running) {
  std::optional<double> worst;
  for (const auto& e : running) {
    if (e.status != ExperimentStatus::running) continue;
    const auto lift = model_revenue_lift(e, analyze_experiment(e, store.unit_totals(e.id)));
    if (lift) worst = worst ? std::min(*worst, *lift) : *lift;
  }
  return worst;
}

}  // namespace seatsync
