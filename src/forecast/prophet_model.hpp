#pragma once
// The fitted Prophet-like model: its point forecast, and intervals simulated as Prophet does —
// future rate changes arrive at the history's changepoint frequency with Laplace sizes of the
// fitted mean |δ|, plus the observation noise σ (fixed seed). With the settings' bounds (counts
// ≥ 0, a cap) every simulated path is kept inside them — a count path cannot go below zero —
// so the intervals are bounded by construction and not only clipped afterwards. The point
// forecast is Prophet's (trend + seasonality + holidays + regressors, no future changes) kept
// inside the same bounds: the median of the bounded forecast distribution, as clamping
// commutes with the median (the mean of the clamped paths would sit above zero wherever the
// model's centre is below it, a bias for counts that have truly ended). forecast_series clamps
// the result once more, which then changes nothing.
#include <memory>
#include <utility>
#include <vector>

#include "prophet_design.hpp"
#include "prophet_fit.hpp"
#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {

class FittedProphet final : public FittedForecaster {
 public:
  FittedProphet(const TimeSeries& series, const ForecastSettings& settings, const ProphetOptions& options,
                const ProphetStructure& structure, const FittedProphet* warm_start);

  std::string description() const override { return "prophet"; }
  Forecast forecast(int horizon, std::span<const double> levels) const override;
  // The same structure (changepoint count and range, seasonal orders, holidays, regressors)
  // re-estimated on `series`, warm-started from this fit's parameters.
  std::unique_ptr<FittedForecaster> refit(const TimeSeries& series, const ForecastSettings& settings) const override;

  const ProphetStructure& structure() const { return structure_; }
  // The fitted trend's rate changes: (history row of the changepoint, change of slope in the
  // series' units per period), one per potential changepoint.
  std::vector<std::pair<double, double>> rate_changes() const;
  double initial_rate() const;  // the trend's slope before the first changepoint, per period
  double sigma() const { return params_.sigma * y_scale_; }  // in the series' units

 private:
  // The fitted trend at scaled time t (scaled values).
  double trend(double t) const;

  ProphetOptions options_;
  ProphetStructure structure_;
  ProphetFeatures features_;
  std::size_t history_;
  double y_scale_ = 1;
  std::vector<double> changepoints_;
  ProphetParameters params_;
  double lower_bound_, upper_bound_;  // from the settings: 0 for counts, the cap
};

std::unique_ptr<FittedForecaster> fit_prophet_with(const TimeSeries& series, const ForecastSettings& settings,
                                                   const ProphetOptions& options);

}  // namespace seatsync::forecast_detail
