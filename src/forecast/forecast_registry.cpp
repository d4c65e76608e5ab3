// The forecasting methods by name, and the one entry point that fits, forecasts and bounds.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <stdexcept>

#include "forecast_methods.hpp"
#include "forecast_selection.hpp"

namespace seatsync {
namespace {

const std::map<std::string, ForecastMethod, std::less<>>& registry() {
  using namespace forecast_detail;
  static const std::map<std::string, ForecastMethod, std::less<>> methods = {
      {"naive", fit_naive},
      {"seasonal_naive", fit_seasonal_naive},
      {"drift", fit_drift},
      {"ets", fit_ets},
      {"theta", fit_theta},
      {"prophet", fit_prophet},
      {"arima", fit_arima},
      {"seasonal_arima", fit_seasonal_arima},
  };
  return methods;
}

void check_settings(const TimeSeries& series, const ForecastSettings& settings) {
  if (settings.horizon < 1) throw std::invalid_argument("the horizon must be at least 1");
  if (series.season_length < 1) throw std::invalid_argument("the season length must be at least 1");
  for (double level : settings.levels) {
    if (!(level > 0 && level < 100)) {
      throw std::invalid_argument(fmt::format("interval level {} is not in (0, 100)", level));
    }
  }
  if (settings.cap && !(*settings.cap >= 0)) throw std::invalid_argument("the cap must be a number ≥ 0");
  for (const auto& regressor : series.regressors) {
    if (regressor.values.size() != series.values.size() + static_cast<std::size_t>(settings.horizon)) {
      throw std::invalid_argument(fmt::format(
          "regressor '{}' has {} values; it needs one per training period and per forecast period ({})",
          regressor.name, regressor.values.size(), series.values.size() + settings.horizon));
    }
  }
  for (double v : series.values) {
    if (!std::isfinite(v)) throw std::invalid_argument("the series holds a value that is not a finite number");
  }
}

}  // namespace

std::vector<std::string> forecast_method_names() {
  std::vector<std::string> names;
  for (const auto& [name, method] : registry()) names.push_back(name);
  return names;
}

const ForecastMethod* find_forecast_method(std::string_view name) {
  const auto it = registry().find(name);
  return it == registry().end() ? nullptr : &it->second;
}

void bound_forecast(Forecast& forecast, const ForecastSettings& settings) {
  const double low = settings.nonnegative ? 0.0 : -HUGE_VAL;
  const double high = settings.cap ? *settings.cap : HUGE_VAL;
  auto bound = [&](std::vector<double>& values) {
    for (double& v : values) v = std::clamp(v, low, high);
  };
  bound(forecast.mean);
  for (auto& interval : forecast.intervals) {
    bound(interval.lower);
    bound(interval.upper);
  }
}

Forecast forecast_series(const TimeSeries& series, std::string_view method, const ForecastSettings& settings) {
  check_settings(series, settings);
  Forecast result;
  if (method == "auto" || method == "ensemble") {
    result = forecast_detail::forecast_selected(series, settings, method == "ensemble");
  } else {
    const ForecastMethod* fit = find_forecast_method(method);
    if (fit == nullptr) throw std::invalid_argument(fmt::format("unknown forecasting method '{}'", method));
    result = (*fit)(series, settings)->forecast(settings.horizon, settings.levels);
  }
  bound_forecast(result, settings);
  return result;
}

}  // namespace seatsync
