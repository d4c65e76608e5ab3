// "ets": the ETS model chosen by AICc (ets_selection), forecasting from its final state with
// the zero-error point forecasts R's forecast.ets reports as the mean.
#include <fmt/format.h>
#include <stdexcept>

#include "ets_intervals.hpp"
#include "ets_selection.hpp"
#include "forecast_methods.hpp"

namespace seatsync::forecast_detail {
namespace {

class FittedEts final : public FittedForecaster {
 public:
  explicit FittedEts(EtsFit fit) : fit_(std::move(fit)) {}

  std::string description() const override { return fit_.components.description(); }

  Forecast forecast(int horizon, std::span<const double> levels) const override {
    std::vector<double> mean = ets_point_forecast(fit_.components, fit_.parameters, fit_.filtered.final_state, horizon);
    std::vector<PredictionInterval> intervals = ets_intervals(fit_, mean, levels);
    return {description(), std::move(mean), std::move(intervals), {}};
  }

  // The same components, parameters and initial states re-estimated; no model search.
  std::unique_ptr<FittedForecaster> refit(const TimeSeries& series, const ForecastSettings&) const override {
    if (series.values.size() < ets_minimum_length(fit_.components)) return nullptr;
    std::optional<EtsFit> fit = fit_ets_components(fit_.components, series.values);
    if (!fit) return nullptr;
    return std::make_unique<FittedEts>(std::move(*fit));
  }

 private:
  EtsFit fit_;
};

}  // namespace

std::unique_ptr<FittedForecaster> fit_ets(const TimeSeries& series, const ForecastSettings&) {
  if (series.season_length < 1) throw std::invalid_argument("the season length must be at least 1");
  return std::make_unique<FittedEts>(select_ets(series.values, series.season_length));
}

}  // namespace seatsync::forecast_detail
