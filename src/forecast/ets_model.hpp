#pragma once
// The exponential-smoothing (ETS) state-space models of Hyndman, Koehler, Ord & Snyder,
// "Forecasting with Exponential Smoothing" (2008): a model is an error type (A, M), a trend
// (N, A, Ad) and a season (N, A, M); the state is a level, a trend and the last m seasonal
// values. The recursion here is the error-correction form, which is the same for both error
// types given the observations: only the likelihood tells additive from multiplicative error.
#include <span>
#include <string>
#include <vector>

namespace seatsync::forecast_detail {

enum class EtsError { additive, multiplicative };
enum class EtsTrend { none, additive, damped };
enum class EtsSeason { none, additive, multiplicative };

struct EtsComponents {
  EtsError error = EtsError::additive;
  EtsTrend trend = EtsTrend::none;
  EtsSeason season = EtsSeason::none;
  int season_length = 1;  // m; 1 when season is none

  bool has_trend() const { return trend != EtsTrend::none; }
  bool has_season() const { return season != EtsSeason::none; }
  // HKOS's class 1: additive error and additive (or no) components, whose forecast
  // distribution is Gaussian with an analytic variance.
  bool linear() const { return error == EtsError::additive && season != EtsSeason::multiplicative; }
  // "ets(A,Ad,A)", as R's forecast::ets prints it.
  std::string description() const;
};

// HKOS's parameterisation: β and γ are the error coefficients of the trend and season
// (b_t = φb_{t−1} + βε_t for additive error), not Holt-Winters' β* = β/α.
struct EtsParameters {
  double alpha = 0.5;
  double beta = 0;   // unused without a trend
  double gamma = 0;  // unused without a season
  double phi = 1;    // 1 unless damped
};

struct EtsState {
  double level = 0;
  double trend = 0;  // 0 without a trend
  // The last m seasonal values, oldest first: seasonal[0] is s_{t+1−m}, the one the next
  // period uses. Empty without a season.
  std::vector<double> seasonal;
};

// The one-step forecasts, errors (y − ŷ for additive error, (y − ŷ)/ŷ for multiplicative) and
// the state after the last observation.
struct EtsFilterResult {
  std::vector<double> fitted;
  std::vector<double> errors;
  EtsState final_state;
  double sum_squared_errors = 0;
  double sum_log_abs_fitted = 0;
  bool valid = true;  // false when a forecast or a multiplicative divisor hit zero (or NaN)
};

// The one-step forecast ŷ = (l + φb) ∘ s from a level, trend and the season value s_{t−m}.
double ets_one_step(const EtsComponents& c, const EtsParameters& p, double level, double trend, double season);

// Runs the recursion over y from `initial`.
EtsFilterResult ets_filter(const EtsComponents& c, const EtsParameters& p, const EtsState& initial,
                           std::span<const double> y);

// −2·log-likelihood up to a constant depending only on n (what R's ets minimises):
// n·log(Σe²) + 2·Σlog|ŷ| (the second term only for multiplicative error). +∞ when invalid.
double ets_objective(const EtsComponents& c, const EtsFilterResult& result);

// The zero-error point forecasts for steps 1…horizon from a state: (l + φ_h b) ∘ s.
std::vector<double> ets_point_forecast(const EtsComponents& c, const EtsParameters& p, const EtsState& state,
                                       int horizon);

// The state after one more observation y (the states' update, shared by the filter and by
// the simulation of sample paths). Returns ŷ.
double ets_advance(const EtsComponents& c, const EtsParameters& p, EtsState& state, double y);

}  // namespace seatsync::forecast_detail
