// The tests that choose d and D: KPSS against statsmodels, and the differencing decisions on
// simulated series.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "arima_test_series.hpp"
#include "forecast/arima_stl.hpp"
#include "forecast/unit_root_tests.hpp"

namespace seatsync::forecast_detail {
namespace {

TEST(Stl, MatchesStatsmodelsWithRsDefaults) {
  // statsmodels 0.13.5 STL(B, period=4, seasonal=11, trend=7, low_pass=5, seasonal_deg=0,
  //   trend_deg=1, low_pass_deg=1, robust=False, *_jump=1).fit(inner_iter=2, outer_iter=0):
  //   R's stl(s.window = 11) settings, every point evaluated (no jumps).
  const StlDecomposition stl = stl_decompose(kSeriesB, 4, 11);
  EXPECT_NEAR(stl.seasonal[0], 3.2164279667939675, 1e-10);
  EXPECT_NEAR(stl.seasonal[1], -3.0034010533638855, 1e-10);
  EXPECT_NEAR(stl.seasonal[30], 5.718882694817227, 1e-10);
  EXPECT_NEAR(stl.seasonal[59], -5.746066142048616, 1e-10);
  EXPECT_NEAR(stl.trend[0], 50.15257481439583, 1e-10);
  EXPECT_NEAR(stl.trend[30], 53.68829984408665, 1e-10);
  EXPECT_NEAR(stl.trend[59], 53.48193413813908, 1e-10);
  for (std::size_t t = 0; t < kSeriesB.size(); ++t) {
    EXPECT_NEAR(stl.seasonal[t] + stl.trend[t] + stl.remainder[t], kSeriesB[t], 1e-12);
  }
  // 1 − var(remainder)/var(seasonal + remainder) from the same decomposition.
  EXPECT_NEAR(seasonal_strength(kSeriesB, 4), 0.9895955752727743, 1e-10);
  EXPECT_THROW(stl_decompose(kSeriesB, 40, 11), std::invalid_argument);
}

TEST(Kpss, MatchesStatsmodels) {
  // statsmodels 0.13.5 kpss(A, regression='c', nlags=L)[0].
  EXPECT_NEAR(kpss_statistic(kSeriesA, 0), 0.31130747243894835, 1e-12);
  EXPECT_NEAR(kpss_statistic(kSeriesA, 3), 0.12044548172789582, 1e-12);
}

TEST(Kpss, LagsAndCriticalValues) {
  EXPECT_EQ(kpss_lags(100), 2);  // ⌊30/13⌋
  EXPECT_EQ(kpss_lags(701), 6);
  EXPECT_DOUBLE_EQ(kpss_critical_value(0.05), 0.463);
  EXPECT_THROW(kpss_critical_value(0.2), std::invalid_argument);
}

TEST(OrdinaryDifferences, CountsTheUnitRoots) {
  std::mt19937_64 rng(1);
  std::normal_distribution<double> normal;
  std::vector<double> noise(400), walk(400), twice(400);
  for (std::size_t t = 0; t < noise.size(); ++t) {
    noise[t] = normal(rng);
    walk[t] = (t ? walk[t - 1] : 0) + noise[t];
    twice[t] = (t ? twice[t - 1] : 0) + walk[t];
  }
  EXPECT_EQ(ordinary_differences(noise), 0);
  EXPECT_EQ(ordinary_differences(walk), 1);
  EXPECT_EQ(ordinary_differences(twice), 2);
  EXPECT_EQ(ordinary_differences(std::vector<double>(50, 3.0)), 0);
}

TEST(SeasonalStrength, SeparatesSeasonalFromNoise) {
  std::mt19937_64 rng(2);
  std::normal_distribution<double> normal;
  std::vector<double> seasonal(210), noise(210), pattern(28);
  for (std::size_t t = 0; t < seasonal.size(); ++t) {
    noise[t] = normal(rng);
    seasonal[t] = 10 * std::sin(2 * std::numbers::pi * double(t % 7) / 7) + noise[t];
  }
  for (std::size_t t = 0; t < pattern.size(); ++t) pattern[t] = double(t % 4) + 0.1 * double(t);
  EXPECT_GT(seasonal_strength(seasonal, 7), 0.9);
  EXPECT_EQ(seasonal_differences(seasonal, 7), 1);
  EXPECT_LT(seasonal_strength(noise, 7), 0.3);
  EXPECT_EQ(seasonal_differences(noise, 7), 0);
  // A fixed pattern on a linear trend leaves (almost) no remainder.
  EXPECT_GT(seasonal_strength(pattern, 4), 0.99);
  EXPECT_EQ(seasonal_strength(std::vector<double>(13, 1.0), 7), 0.0);  // under two seasons
  EXPECT_EQ(seasonal_strength(seasonal, 1), 0.0);
}

}  // namespace
}  // namespace seatsync::forecast_detail
