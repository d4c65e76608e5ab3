// The tests that choose d and D: KPSS against statsmodels, and the differencing decisions on
// simulated series.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "forecast/unit_root_tests.hpp"

namespace seatsync::forecast_detail {
namespace {

// Series A of arima_test.cpp: 10 + an ARMA(1,1), from numpy default_rng(14).
const std::vector<double> kSeriesA = {
    10.66, 10.25, 10.57, 11.54, 10.63, 10.76, 11.06, 9.24,  8.05,  8.96,  8.33,  7.42,  8.98,  9.94,  9.82,
    9.92,  9.58,  9.09,  8.83,  9.55,  11.17, 10.63, 10.17, 9.86,  8.59,  9.03,  10.36, 9.63,  10.36, 9.89,
    10.92, 12.11, 11.25, 8.63,  8.23,  7.44,  6.73,  7.39,  9.72,  10.15, 9.84,  7.99,  7.63,  7.00,  8.30,
    8.61,  8.96,  9.35,  9.42,  10.55, 11.10, 10.49, 10.35, 10.81, 12.02, 11.75, 12.54, 11.36, 10.41, 8.69};

TEST(Kpss, MatchesStatsmodels) {
  // statsmodels 0.13 kpss(A, regression='c', nlags=L)[0].
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
  // A fixed pattern on a linear trend leaves no remainder at all.
  EXPECT_NEAR(seasonal_strength(pattern, 4), 1.0, 1e-12);
  EXPECT_EQ(seasonal_strength(std::vector<double>(13, 1.0), 7), 0.0);  // under two seasons
  EXPECT_EQ(seasonal_strength(seasonal, 1), 0.0);
}

}  // namespace
}  // namespace seatsync::forecast_detail
