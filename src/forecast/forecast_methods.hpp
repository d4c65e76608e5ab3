#pragma once
// The single forecasting methods, each in its own file; forecast_registry.cpp lists them by name.
#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {

std::unique_ptr<FittedForecaster> fit_naive(const TimeSeries& series, const ForecastSettings& settings);
std::unique_ptr<FittedForecaster> fit_seasonal_naive(const TimeSeries& series, const ForecastSettings& settings);
std::unique_ptr<FittedForecaster> fit_drift(const TimeSeries& series, const ForecastSettings& settings);
std::unique_ptr<FittedForecaster> fit_ets(const TimeSeries& series, const ForecastSettings& settings);
std::unique_ptr<FittedForecaster> fit_theta(const TimeSeries& series, const ForecastSettings& settings);
std::unique_ptr<FittedForecaster> fit_prophet(const TimeSeries& series, const ForecastSettings& settings);
std::unique_ptr<FittedForecaster> fit_arima(const TimeSeries& series, const ForecastSettings& settings);
std::unique_ptr<FittedForecaster> fit_seasonal_arima(const TimeSeries& series, const ForecastSettings& settings);

}  // namespace seatsync::forecast_detail
