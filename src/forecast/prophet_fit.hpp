#pragma once
// The Prophet-like model's maximum a posteriori fit, on the scaled data (y / max|y|, time in
// [0, 1] over the history) and with Prophet's priors:
//   k, m ~ N(0, 5²)            the initial rate and offset of the trend
//   δ_j  ~ Laplace(0, τ)       the rate change at changepoint s_j (sparse: most stay exactly 0)
//   β_c  ~ N(0, prior_sd_c²)   seasonality, holiday and regressor coefficients
//   σ    ~ N⁺(0, 0.5²)         the observation noise
//   y_i  ~ N(k t_i + m + Σ_j δ_j (t_i − s_j)₊ + x_iᵀβ, σ²)
// The Laplace term |δ| is not differentiable at 0, where most δ end up; the fit splits each δ
// into δ⁺ − δ⁻ with bounds δ⁺, δ⁻ ≥ 0, which makes the penalty (δ⁺ + δ⁻)/τ linear and the whole
// posterior smooth, so NLopt's bound-constrained L-BFGS takes it with its analytic gradient.
#include <Eigen/Dense>
#include <vector>

namespace seatsync::forecast_detail {

struct ProphetParameters {
  double k = 0, m = 0;
  Eigen::VectorXd delta;  // one per changepoint
  Eigen::VectorXd beta;   // one per feature column
  double sigma = 1;
};

struct ProphetProblem {
  Eigen::VectorXd t;                 // scaled time of each history row
  Eigen::VectorXd y;                 // scaled values
  std::vector<double> changepoints;  // s_j, scaled time
  Eigen::MatrixXd features;          // history rows × feature columns
  Eigen::VectorXd feature_prior_sd;
  double changepoint_prior = 0.05;   // τ
};

// The trend's columns for scaled times t: t, 1, then (t − s_j)₊ for each changepoint, so that
// trend = [t 1 hinges]·(k, m, δ).
Eigen::MatrixXd trend_columns(const Eigen::VectorXd& t, const std::vector<double>& changepoints);

// The posterior mode. `start` warm-starts the optimiser (refit); without it the trend starts
// as the line through the first and last values, as Prophet initialises it.
ProphetParameters fit_prophet_map(const ProphetProblem& problem, const ProphetParameters* start = nullptr);

}  // namespace seatsync::forecast_detail
