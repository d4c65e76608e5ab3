// The benchmark methods on series small enough to check by hand (FPP3 §5.2, Table 5.2).
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/forecast.hpp"

namespace seatsync {
namespace {

constexpr double kZ80 = 1.2815515655446004;  // the standard normal's 90th percentile

Forecast run(const std::vector<double>& y, const std::string& method, int horizon, int m = 1) {
  ForecastSettings settings;
  settings.horizon = horizon;
  settings.levels = {80};
  return forecast_series(TimeSeries{y, std::nullopt, m, {}}, method, settings);
}

TEST(Baselines, NaiveRepeatsTheLastValueWithIntervalsGrowingLikeTheSquareRootOfTheHorizon) {
  // Every step is +1, so the one-step residuals are all 1 and σ = 1.
  const Forecast f = run({1, 2, 3, 4, 5, 6, 7, 8}, "naive", 4);
  EXPECT_EQ(f.method, "naive");
  ASSERT_EQ(f.mean.size(), 4u);
  for (int h = 1; h <= 4; ++h) {
    EXPECT_DOUBLE_EQ(f.mean[h - 1], 8);
    EXPECT_NEAR(f.intervals[0].upper[h - 1], 8 + kZ80 * std::sqrt(h), 1e-9);
    EXPECT_NEAR(f.intervals[0].lower[h - 1], 8 - kZ80 * std::sqrt(h), 1e-9);
  }
}

TEST(Baselines, SeasonalNaiveRepeatsTheLastSeasonAndWidensOncePerSeason) {
  // y_t − y_{t−2} = 1 throughout: σ = 1; h = 1, 2 are one season ahead, h = 3, 4 two.
  const Forecast f = run({1, 5, 2, 6, 3, 7}, "seasonal_naive", 4, 2);
  EXPECT_EQ(f.method, "seasonal_naive[2]");
  EXPECT_EQ(f.mean, (std::vector<double>{3, 7, 3, 7}));
  const std::vector<double> sd = {1, 1, std::sqrt(2.0), std::sqrt(2.0)};
  for (std::size_t h = 0; h < 4; ++h) EXPECT_NEAR(f.intervals[0].upper[h] - f.mean[h], kZ80 * sd[h], 1e-9);
}

TEST(Baselines, DriftExtendsTheLineThroughTheFirstAndLastValues) {
  // Slope (3 − 0) / 3 = 1; residuals y_t − y_{t−1} − 1 = 1, −2, 1: σ² = 6 / 2.
  const Forecast f = run({0, 2, 1, 3}, "drift", 2);
  EXPECT_EQ(f.mean, (std::vector<double>{4, 5}));
  for (int h = 1; h <= 2; ++h) {
    const double sd = std::sqrt(3.0) * std::sqrt(h * (1 + h / 3.0));
    EXPECT_NEAR(f.intervals[0].upper[h - 1] - f.mean[h - 1], kZ80 * sd, 1e-9);
  }
}

TEST(Baselines, TooShortASeriesIsRefusedWithTheLengthNeeded) {
  try {
    run({1, 2, 3}, "seasonal_naive", 2, 7);
    FAIL() << "a three-value series has no full week";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("at least 8"), std::string::npos) << e.what();
  }
}

TEST(Forecast, BoundsKeepCountsAboveZeroAndEverythingBelowTheCap) {
  ForecastSettings settings;
  settings.horizon = 3;
  settings.nonnegative = true;
  settings.cap = 9;
  // A falling series: drift goes below zero and its upper bound above the cap.
  const Forecast f = forecast_series(TimeSeries{{9, 6, 3, 0}, std::nullopt, 1, {}}, "drift", settings);
  for (std::size_t h = 0; h < 3; ++h) {
    EXPECT_EQ(f.mean[h], 0);
    for (const auto& interval : f.intervals) {
      EXPECT_GE(interval.lower[h], 0);
      EXPECT_LE(interval.upper[h], 9);
    }
  }
}

TEST(Forecast, UnknownMethodsAndBadSettingsAreRefused) {
  const TimeSeries series{{1, 2, 3, 4}, std::nullopt, 1, {}};
  ForecastSettings settings;
  EXPECT_THROW(forecast_series(series, "crystal_ball", settings), std::invalid_argument);
  settings.horizon = 0;
  EXPECT_THROW(forecast_series(series, "naive", settings), std::invalid_argument);
  settings.horizon = 1;
  settings.levels = {100};
  EXPECT_THROW(forecast_series(series, "naive", settings), std::invalid_argument);
  settings.levels = {80};
  TimeSeries with_regressor = series;
  with_regressor.regressors.push_back({"price", {1, 2, 3}});  // needs 4 + 1 values
  EXPECT_THROW(forecast_series(with_regressor, "naive", settings), std::invalid_argument);
}

}  // namespace
}  // namespace seatsync
