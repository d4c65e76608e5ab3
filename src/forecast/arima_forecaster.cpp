// "arima": the SARIMA chosen by the stepwise search, as a FittedForecaster; cross-validation's
// refit keeps the chosen orders and re-estimates only the parameters. "seasonal_arima": the same
// search with one seasonal difference taken.
#include "arima_forecaster.hpp"

#include <stdexcept>

#include "arima_auto.hpp"
#include "forecast_intervals.hpp"
#include "forecast_methods.hpp"

namespace seatsync::forecast_detail {
namespace {

class FittedArima final : public FittedForecaster {
 public:
  explicit FittedArima(ArimaFit fit) : fit_(std::move(fit)) {}

  std::string description() const override { return fit_.order.describe(); }

  Forecast forecast(int horizon, std::span<const double> levels) const override {
    const ArimaPrediction p = predict_arima(fit_, horizon);
    return {description(), p.mean, normal_intervals(p.mean, p.sd, levels), {}};
  }

  std::unique_ptr<FittedForecaster> refit(const TimeSeries& series, const ForecastSettings&) const override {
    return std::make_unique<FittedArima>(
        fit_arima_order(series.values, fit_.order, ArimaEstimation::css_ml, &fit_.parameters));
  }

 private:
  ArimaFit fit_;
};

}  // namespace

std::unique_ptr<FittedForecaster> fit_arima(const TimeSeries& series, const ForecastSettings&) {
  return std::make_unique<FittedArima>(auto_arima(series.values, series.season_length).best);
}

std::unique_ptr<FittedForecaster> fit_seasonal_arima(const TimeSeries& series, const ForecastSettings&) {
  if (series.season_length < 2) throw std::invalid_argument("seasonal_arima needs a season (--season-length ≥ 2)");
  // The seasonal-strength test keeps D = 0 for a weekly pattern that is weak but stable; here one
  // seasonal difference is taken anyway, and the seasonal MA near −1 it then calls for (the
  // difference nearly cancelled: a pattern that hardly changes) is allowed. Cross-validation
  // chooses between this and "arima".
  ArimaSearchOptions options;
  options.D = 1;
  options.allow_seasonal_ma_unit_root = true;
  return std::make_unique<FittedArima>(auto_arima(series.values, series.season_length, options).best);
}

std::unique_ptr<FittedForecaster> fit_arima_with_order(const TimeSeries& series, const ArimaOrder& order) {
  return std::make_unique<FittedArima>(fit_arima_order(series.values, order));
}

}  // namespace seatsync::forecast_detail
