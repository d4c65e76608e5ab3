// auto and ensemble: rolling-origin cross-validation on the training data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "forecast/forecast_selection.hpp"
#include "seatsync/forecast.hpp"

namespace seatsync {
namespace {

using forecast_detail::plan_selection;
using forecast_detail::score_methods;

TEST(Selection, FoldsHoldOutTheHorizonOrAFifthOfTheSeriesAndKeepTwoSeasonsToTrainOn) {
  const auto long_series = plan_selection(700, 7, 92);
  EXPECT_EQ(long_series.folds, 3);
  EXPECT_EQ(long_series.fold_horizon, 92);
  const auto shorter = plan_selection(100, 7, 92);  // a fifth of 100, three times, leaves 40 ≥ 14
  EXPECT_EQ(shorter.folds, 3);
  EXPECT_EQ(shorter.fold_horizon, 20);
  const auto tight = plan_selection(20, 7, 7);  // 7-step folds: 3 leave −1, 2 leave 6, 1 leaves 13 < 14
  EXPECT_EQ(tight.folds, 1);
  EXPECT_EQ(tight.fold_horizon, 6);
  EXPECT_THROW(plan_selection(12, 7, 7), std::invalid_argument);
}

TEST(Selection, AutoChoosesTheSeasonalMethodOnAPerfectlyWeeklySeries) {
  std::vector<double> y;
  for (int t = 0; t < 70; ++t) y.push_back(10 + 5 * (t % 7 == 5) + 3 * (t % 7 == 6));
  ForecastSettings settings;
  settings.horizon = 14;
  const auto scores = score_methods(TimeSeries{y, std::nullopt, 7, {}}, settings);
  double seasonal = NAN, naive = NAN;
  for (const auto& s : scores) {
    if (s.method == "seasonal_naive") seasonal = s.mae;
    if (s.method == "naive") naive = s.mae;
  }
  EXPECT_NEAR(seasonal, 0, 1e-12);
  EXPECT_GT(naive, 1);
  const Forecast f = forecast_series(TimeSeries{y, std::nullopt, 7, {}}, "auto", settings);
  // A method whose cross-validation error is zero wins (an ensemble with a worse member cannot).
  for (int h = 0; h < 14; ++h) EXPECT_DOUBLE_EQ(f.mean[h], y[56 + h % 7]);
}

TEST(Selection, TheEnsembleAveragesItsMembersAndNamesThem) {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 1);
  std::vector<double> y;
  for (int t = 0; t < 60; ++t) y.push_back(20 + 0.1 * t + noise(rng));
  ForecastSettings settings;
  settings.horizon = 5;
  settings.levels = {80};
  const TimeSeries series{y, std::nullopt, 1, {}};
  const Forecast ensemble = forecast_series(series, "ensemble", settings);
  ASSERT_EQ(ensemble.method.rfind("ensemble(", 0), 0u) << ensemble.method;
  // The members are the three best by cross-validated error.
  auto scores = score_methods(series, settings);
  std::erase_if(scores, [](const auto& s) { return s.method == "ensemble" || std::isnan(s.mae); });
  std::sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) { return a.mae < b.mae; });
  std::vector<double> sum(5, 0.0);
  int members = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, scores.size()); ++i) {
    const Forecast f = forecast_series(series, scores[i].method, settings);
    EXPECT_NE(ensemble.method.find(f.method), std::string::npos) << ensemble.method;
    for (int h = 0; h < 5; ++h) sum[h] += f.mean[h];
    ++members;
  }
  ASSERT_GE(members, 2);
  for (int h = 0; h < 5; ++h) EXPECT_NEAR(ensemble.mean[h], sum[h] / members, 1e-9);
  EXPECT_LE(ensemble.intervals[0].lower[0], ensemble.mean[0]);
  EXPECT_GE(ensemble.intervals[0].upper[0], ensemble.mean[0]);
}

}  // namespace
}  // namespace seatsync
