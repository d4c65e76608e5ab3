// Per-arm moments.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

TEST(AbSummary, MeanAndSampleStandardDeviation) {
  const std::vector<double> v{2, 4, 4, 4, 5, 5, 7, 9};  // mean 5, Σ(x − 5)² = 32
  const auto s = summarize(v);
  EXPECT_EQ(s.n, 8u);
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(32.0 / 7.0));
}

TEST(AbSummary, EmptyAndSingleValue) {
  EXPECT_EQ(summarize({}).n, 0u);
  const std::vector<double> one{3.5};
  const auto s = summarize(one);
  EXPECT_EQ(s.n, 1u);
  EXPECT_DOUBLE_EQ(s.mean, 3.5);
  EXPECT_EQ(s.sd, 0.0);
}

TEST(AbSummary, LargeMeanKeepsItsDigits) {
  // A one-pass Σx² − n·mean² would lose the spread of prices around 1e9 entirely.
  const std::vector<double> v{1e9 + 1, 1e9 + 2, 1e9 + 3};
  EXPECT_DOUBLE_EQ(summarize(v).sd, 1.0);
}

TEST(AbSummary, RatioMoments) {
  const std::vector<double> x{1, 2, 3}, y{10, 30, 20};
  const auto s = summarize_ratio(x, y);
  EXPECT_EQ(s.n, 3u);
  EXPECT_DOUBLE_EQ(s.mean_x, 2.0);
  EXPECT_DOUBLE_EQ(s.mean_y, 20.0);
  EXPECT_DOUBLE_EQ(s.var_x, 1.0);
  EXPECT_DOUBLE_EQ(s.var_y, 100.0);
  EXPECT_DOUBLE_EQ(s.cov_xy, 5.0);  // ((−1)(−10) + 0 + (1)(0)) / 2
  EXPECT_DOUBLE_EQ(s.ratio(), 10.0);
  EXPECT_THROW(summarize_ratio(x, std::vector<double>{1, 2}), std::invalid_argument);
}
