#pragma once
// Experiments as JSON: the body of POST /ab/experiments and `seatsync ab create --file`, and
// what GET /ab/experiments lists. Field errors throw ExperimentError naming the field.
#include <nlohmann/json.hpp>

#include "seatsync/experiment.hpp"

namespace seatsync {

// Accepts the full form ({"name", "arms": [{"name", "share", "strategy", "use_ml", "multiplier",
// "price"}], …}) and two shorthands: seed 003's "ml_traffic_percentage" (arms rule_based and ml)
// and seed 000's "control_price" + "test_prices" (equal shares). The id, status and times are
// the caller's (the store assigns them); status defaults to running. Validated.
Experiment experiment_from_json(const nlohmann::json& body);
nlohmann::json experiment_to_json(const Experiment& experiment);

}  // namespace seatsync
