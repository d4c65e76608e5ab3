#pragma once
// Automatic ETS model selection as R's forecast::ets(y) does it: every admissible model is
// fitted and the smallest AICc wins.
#include <span>
#include <vector>

#include "ets_fit.hpp"

namespace seatsync::forecast_detail {

// The models R's ets considers by default: error A (and M for strictly positive data), trend
// N, A, Ad (no multiplicative trend), season N (and A, plus M for positive data, when 1 < m ≤ 24
// and the series is longer than m); additive error with a multiplicative season is excluded
// as unstable, and so is any model with more parameters than the series supports.
std::vector<EtsComponents> ets_candidate_models(std::span<const double> y, int season_length);

// The candidate with the smallest AICc. std::invalid_argument when none can be fitted.
EtsFit select_ets(std::span<const double> y, int season_length);

}  // namespace seatsync::forecast_detail
