// An experiment arm applied to a /score request.
#include "seatsync/experiment_scoring.hpp"

namespace seatsync {

const ExperimentArm* apply_experiment_arm(const std::vector<Experiment>& running, ScoreRequest& req) {
  const UnitContext who{req.game_id, req.price_code, req.user_id, req.session_id};
  for (const auto& e : running) {
    if (!experiment_covers(e, req.game_id, req.quote_time)) continue;
    const auto unit = unit_key(e, who);
    if (!unit) continue;
    const ExperimentArm& arm = assign_arm(e, *unit);
    req.ab_variant = arm.name;
    req.ab_experiment = e.id;
    if (!arm.policy.strategy.empty()) req.strategy = arm.policy.strategy;
    if (arm.policy.use_ml) req.use_ml = *arm.policy.use_ml;
    req.price_multiplier = arm.policy.multiplier;
    req.fixed_price = arm.policy.price;
    return &arm;
  }
  return nullptr;
}

}  // namespace seatsync
