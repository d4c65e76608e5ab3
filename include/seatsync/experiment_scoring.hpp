#pragma once
// How a running experiment reaches /score: the first running experiment (oldest first) that
// covers the request's game and quote time, and whose unit the request carries, assigns the
// arm; the arm's policy then sets the strategy, the ML toggle, a multiplier or a test price.
// The constraints are applied after all of it, as for every price.
#include <vector>

#include "seatsync/experiment.hpp"
#include "seatsync/score.hpp"

namespace seatsync {

// Sets request.ab_variant / ab_experiment and the arm's policy; returns the arm, or nullptr
// when no experiment covers the request (the request is then scored as it came).
const ExperimentArm* apply_experiment_arm(const std::vector<Experiment>& running, ScoreRequest& request);

}  // namespace seatsync
