// The tests that choose d and D: KPSS against statsmodels, and the differencing decisions on
// simulated series.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "forecast/arima_stl.hpp"
#include "forecast/unit_root_tests.hpp"

namespace seatsync::forecast_detail {
namespace {

// Series A of arima_test.cpp: 10 + an ARMA(1,1), from numpy default_rng(14).
const std::vector<double> kSeriesA = {
    10.66, 10.25, 10.57, 11.54, 10.63, 10.76, 11.06, 9.24,  8.05,  8.96,  8.33,  7.42,  8.98,  9.94,  9.82,
    9.92,  9.58,  9.09,  8.83,  9.55,  11.17, 10.63, 10.17, 9.86,  8.59,  9.03,  10.36, 9.63,  10.36, 9.89,
    10.92, 12.11, 11.25, 8.63,  8.23,  7.44,  6.73,  7.39,  9.72,  10.15, 9.84,  7.99,  7.63,  7.00,  8.30,
    8.61,  8.96,  9.35,  9.42,  10.55, 11.10, 10.49, 10.35, 10.81, 12.02, 11.75, 12.54, 11.36, 10.41, 8.69};

// Series B of arima_test.cpp: 50 + a quarterly pattern + an airline model, numpy default_rng(14).
const std::vector<double> kSeriesB = {
    53.82, 46.46, 54.84, 44.10, 52.56, 45.47, 55.48, 43.41, 53.39, 45.86, 56.00, 45.06, 54.09, 48.79, 57.28,
    45.82, 55.22, 49.83, 58.31, 46.56, 56.29, 51.46, 59.43, 46.76, 56.62, 51.78, 59.51, 47.85, 55.56, 51.08,
    59.38, 48.10, 57.02, 52.73, 59.67, 49.09, 56.06, 51.45, 60.51, 49.71, 55.63, 52.31, 59.90, 48.25, 56.01,
    51.94, 61.27, 47.98, 55.58, 51.51, 58.25, 48.07, 56.86, 51.45, 59.89, 48.15, 56.55, 51.14, 60.31, 47.32};

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
