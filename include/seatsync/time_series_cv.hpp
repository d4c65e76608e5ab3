#pragma once
// Time-ordered splits: a model is always validated on rows later than every row it learned
// from, never on a shuffle across time (which would let it see the future).
#include <cstddef>
#include <span>
#include <vector>

namespace seatsync {

struct TimeFold {
  std::vector<bool> train;  // rows to fit on
  std::vector<bool> valid;  // rows to score, all later than every training row
};

// Expanding-window cross-validation: the distinct times are cut into k + 1 consecutive blocks of
// about equal row counts; fold i (0-based) fits on blocks 0 … i and validates on block i + 1.
// Rows of one time never straddle two blocks. Fewer folds come out when there are fewer than
// k + 1 distinct times. std::invalid_argument for k < 1 or an empty `time`.
std::vector<TimeFold> expanding_window_folds(std::span<const double> time, int k);

// The first time of the latest `fraction` of rows (rows at that time included): rows with
// time >= it are "later". std::invalid_argument on an empty `time` or fraction outside (0, 1).
double time_quantile_split(std::span<const double> time, double fraction);

}  // namespace seatsync
