#pragma once
// Fitting one ETS model (fixed components) by maximum likelihood: the smoothing parameters
// and the initial states, within R's "usual" bounds, started from R's heuristic initial states.
#include <optional>
#include <span>

#include "ets_model.hpp"

namespace seatsync::forecast_detail {

struct EtsFit {
  EtsComponents components;
  EtsParameters parameters;
  EtsState initial;           // the estimated initial states (time 0)
  EtsFilterResult filtered;   // one-step forecasts, errors and the final state
  double objective = 0;       // ets_objective at the optimum
  int parameter_count = 0;    // estimated parameters, σ included (R's np)
  double aicc = 0;
  double sigma2 = 0;          // Σe² / (n − np), as R's ets
};

// The number of values below which a model is not fitted (R's rule: n > np + 4 with np the
// smoothing parameters and free initial states).
std::size_t ets_minimum_length(const EtsComponents& c);

// R's heuristic initial states: a classical decomposition of the first three seasons (a
// one-harmonic Fourier regression when there are fewer) for the seasonal states, then a line
// (or a mean, without trend) through the first max(10, 2m) seasonally adjusted values.
EtsState ets_heuristic_state(const EtsComponents& c, std::span<const double> y);

// The maximum-likelihood fit (NLopt's Nelder-Mead). std::invalid_argument when the series is
// shorter than ets_minimum_length; std::nullopt when no admissible parameters give a finite
// likelihood (a multiplicative model on awkward data, say).
std::optional<EtsFit> fit_ets_components(const EtsComponents& c, std::span<const double> y);

}  // namespace seatsync::forecast_detail
