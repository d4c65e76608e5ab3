#pragma once
// The "arima" method's forecaster. fit_arima (forecast_methods.hpp) searches the orders; this one
// takes them given: what refit uses, and what comparisons with a named SARIMA need.
#include <memory>

#include "arima_model.hpp"
#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {

std::unique_ptr<FittedForecaster> fit_arima_with_order(const TimeSeries& series, const ArimaOrder& order);

}  // namespace seatsync::forecast_detail
