#pragma once
// Gaussian prediction intervals shared by the methods whose forecast errors are normal with a
// known standard deviation per step.
#include <span>
#include <vector>

#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {

// The two-sided standard normal quantile of a level in percent: 1.2816 for 80, 1.9600 for 95.
// std::invalid_argument outside (0, 100).
double normal_quantile_for_level(double level);

// mean ± z(level)·sd per step, one interval per level.
std::vector<PredictionInterval> normal_intervals(std::span<const double> mean, std::span<const double> sd,
                                                 std::span<const double> levels);

// Intervals read off simulated sample paths: paths[i][h] is path i's value at step h; each bound
// is the empirical (1 ± level)/2 quantile at its step.
std::vector<PredictionInterval> sample_intervals(const std::vector<std::vector<double>>& paths, int horizon,
                                                 std::span<const double> levels);

}  // namespace seatsync::forecast_detail
