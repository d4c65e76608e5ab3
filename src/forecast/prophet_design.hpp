#pragma once
// The Prophet-like model's regressors (Taylor & Letham 2018, "Forecasting at scale", §3):
// y(t) = g(t) + s(t) + h(t) + βᵀx(t) + ε, with g a piecewise-linear trend whose rate changes at
// a grid of potential changepoints, s Fourier seasonality, h one indicator per holiday and x the
// caller's standardised regressors. This file decides which components a series gets and
// computes their columns for any row, history or future; prophet_fit.cpp estimates them.
#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "seatsync/date.hpp"
#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {

enum class Seasonality { automatic, on, off };

// Prophet's defaults; the registered "prophet" method uses them as they are.
struct ProphetOptions {
  int changepoints = 25;            // potential changepoints …
  double changepoint_range = 0.8;   // … spread uniformly over this first share of the history
  double changepoint_prior = 0.05;  // τ: Laplace scale of the rate changes, on the scaled data
  double seasonality_prior = 10;    // prior sd of the Fourier coefficients
  double holiday_prior = 10;        // prior sd of each holiday's effect
  double regressor_prior = 10;      // prior sd of each standardised regressor's coefficient
  Seasonality weekly = Seasonality::automatic;
  Seasonality yearly = Seasonality::automatic;
  int weekly_order = 3;
  int yearly_order = 10;
  // Prophet's "auto" rules: a cycle is fitted when the history spans at least this many days
  // (two full years for yearly, so the yearly shape is not confused with the trend).
  int weekly_min_span = 14;
  int yearly_min_span = 730;
  bool federal_holidays = true;  // the US federal calendar's indicators (the settings' dates always)
  int paths = 1000;  // simulated futures behind the intervals
  std::uint64_t seed = 20180101;
};

// The model's shape, decided on the first fit and kept as it is by refit().
struct ProphetStructure {
  int changepoints = 0;
  double changepoint_range = 0.8;
  int weekly_order = 0;  // 0 = no weekly cycle
  int yearly_order = 0;
  std::vector<std::string> holidays;    // one indicator each; "extra" = the settings' dates
  std::vector<std::string> regressors;  // the series' regressors that vary in the training data
};

// Which components a series gets. Without a start date there is no calendar: the model is the
// trend plus the regressors. std::invalid_argument for a series shorter than 3 values.
ProphetStructure choose_prophet_structure(const TimeSeries& series, const ForecastSettings& settings,
                                          const ProphetOptions& options);

// The name the settings' extra holiday dates go by: they share one indicator, as the rows of
// one named holiday in Prophet's holiday table do (a date's own indicator could never be
// estimated for a future date).
inline constexpr const char* kExtraHolidays = "extra";

// The trend's grid: changepoints[j] is the scaled time of the j-th potential changepoint,
// history row i being at i / (n − 1).
std::vector<double> changepoint_grid(std::size_t history, const ProphetStructure& structure);

// Computes the non-trend columns (Fourier, holidays, regressors) of any row of one series.
class ProphetFeatures {
 public:
  ProphetFeatures(const ProphetStructure& structure, const TimeSeries& series, const ForecastSettings& settings);
  int columns() const { return columns_; }
  // Rows first … first + count − 1 (history rows are 0 … n − 1). std::invalid_argument when a
  // regressor has no values that far ahead.
  Eigen::MatrixXd rows(std::size_t first, std::size_t count) const;
  // Each column's prior standard deviation, in column order.
  Eigen::VectorXd prior_sd(const ProphetOptions& options) const;

 private:
  struct Regressor {
    std::string name;
    std::vector<double> values;  // training and forecast periods
    double mean = 0, sd = 1;  // of the training periods: the column is (x − mean) / sd
  };
  std::optional<Date> start_;
  int weekly_order_, yearly_order_;
  std::vector<std::string> holidays_;
  std::vector<std::int32_t> extra_days_;  // sorted
  std::vector<Regressor> regressors_;
  int columns_ = 0;
};

}  // namespace seatsync::forecast_detail
