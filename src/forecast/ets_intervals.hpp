#pragma once
// Prediction intervals of a fitted ETS model: Gaussian with the analytic variance for the
// linear (class 1) models, read off simulated sample paths for the others.
#include <span>
#include <vector>

#include "ets_fit.hpp"
#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {

// The h-step forecast variances of a class-1 model (HKOS Table 6.1): σ²(1 + Σ_{j<h} c_j²)
// with c_j = α + βφ_j + γ·[j is a multiple of m], φ_j = φ + … + φ^j.
// std::invalid_argument for a model outside class 1.
std::vector<double> ets_linear_variances(const EtsFit& fit, int horizon);

// `paths` futures of the model from its final state, errors N(0, σ²) drawn with a fixed seed:
// paths[i][h] is path i's value at step h + 1.
std::vector<std::vector<double>> ets_sample_paths(const EtsFit& fit, int horizon, int paths, unsigned seed);

// The intervals, one per level: analytic for class 1, else from 2000 simulated paths.
std::vector<PredictionInterval> ets_intervals(const EtsFit& fit, std::span<const double> mean,
                                              std::span<const double> levels);

}  // namespace seatsync::forecast_detail
