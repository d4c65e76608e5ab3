#pragma once
// "auto" and "ensemble": every registered method is scored by rolling-origin cross-validation
// on the training data; auto forecasts with the best (the ensemble counts as a candidate), the
// ensemble averages the best few.
#include <string>
#include <vector>

#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {

struct SelectionPlan {
  int folds = 0;       // rolling origins
  int fold_horizon = 0;  // steps held out after each origin
};

// The folds for a series and horizon: up to 3 origins, each holding out min(horizon, n/5) steps
// (at least one season), keeping at least two seasons (and 10 values) before the first origin.
// std::invalid_argument when the series is too short for even one fold.
SelectionPlan plan_selection(std::size_t length, int season_length, int horizon);

// Scores every registered method (and, as "ensemble", the mean of the best `ensemble_size`),
// best first.
std::vector<MethodScore> score_methods(const TimeSeries& series, const ForecastSettings& settings,
                                       int ensemble_size = 3);

Forecast forecast_selected(const TimeSeries& series, const ForecastSettings& settings, bool ensemble);

}  // namespace seatsync::forecast_detail
