#pragma once
// Automatic SARIMA order selection: Hyndman & Khandakar (2008), "Automatic time series
// forecasting: the forecast package for R", §3.2 — d and D by unit-root tests, then a stepwise
// search by AICc from four starting models, moving one order (or two together) by ±1 and
// toggling the constant, until no neighbour improves. Limits as R's auto.arima defaults; like R's
// stepwise search there is no bound on p + q + P + Q (R's max.order = 5 applies only to its
// exhaustive search).
#include <optional>
#include <span>

#include "arima_fit.hpp"

namespace seatsync::forecast_detail {

struct ArimaSearchOptions {
  // The differences, as R's d and D arguments: unset means chosen by the KPSS and seasonal
  // strength tests.
  std::optional<int> d, D;
  int max_p = 5, max_q = 5, max_P = 2, max_Q = 2;
  int max_models = 94;  // R's nmodels
  // Search by CSS fits, refitting only the chosen model by ML (Hyndman & Khandakar §3.2; R's
  // default for series longer than 150 or seasons longer than 12). Off by default: with the O(r)
  // Chandrasekhar filter an exact fit costs about what a CSS fit does, and the approximation's
  // exact refits of its near-unit-root favourites made it slower, not faster, on the hotel data.
  bool approximation = false;
  // auto.arima rejects every model with a root near the unit circle; with this set a seasonal MA
  // root there is allowed (after a seasonal difference it means a seasonal pattern that hardly
  // changes, which forecasts well), the other polynomials' roots are still checked.
  bool allow_seasonal_ma_unit_root = false;
  // Fit the starting models, and each step's next two neighbours, side by side: the same models
  // are tried in the same order and the same one is chosen, in less wall time.
  bool parallel = true;
};

struct ArimaSearchResult {
  ArimaFit best;
  int models_fitted = 0;
};

// m ≤ 1 searches non-seasonal models only. std::invalid_argument when the series is too short
// for any model.
ArimaSearchResult auto_arima(std::span<const double> y, int m, const ArimaSearchOptions& options = {});

// Whether a fit has an AR or MA root within 1.01 of the unit circle: auto.arima rejects those
// (their forecasts and intervals are unreliable; an MA root there means over-differencing).
bool has_near_unit_root(const ArimaFit& fit);

}  // namespace seatsync::forecast_detail
