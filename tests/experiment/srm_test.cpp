// Sample-ratio mismatch (references: scipy.stats.chisquare).
#include <gtest/gtest.h>

#include <vector>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

TEST(Srm, BalancedSplitIsNoMismatch) {
  // (50² + 50²) / 5000 = 1.0 on 1 df.
  const std::vector<std::size_t> observed{5050, 4950};
  const std::vector<double> shares{0.5, 0.5};
  const auto r = sample_ratio_mismatch(observed, shares);
  EXPECT_DOUBLE_EQ(r.chi_square, 1.0);
  EXPECT_EQ(r.df, 1u);
  EXPECT_NEAR(r.p_value, 0.31731050786291115, 1e-13);
  EXPECT_FALSE(r.mismatch);
}

TEST(Srm, FourPercentOffIsFlagged) {
  const std::vector<std::size_t> observed{5200, 4800};
  const std::vector<double> shares{50, 50};  // normalised
  const auto r = sample_ratio_mismatch(observed, shares);
  EXPECT_DOUBLE_EQ(r.chi_square, 16.0);
  EXPECT_NEAR(r.p_value, 6.334248366623988e-05, 1e-15);
  EXPECT_TRUE(r.mismatch);
  EXPECT_FALSE(sample_ratio_mismatch(observed, shares, 1e-5).mismatch);
}

TEST(Srm, ThreeArmsWithUnequalShares) {
  // 2:1:1 of 4000: expected 2000, 1000, 1000; χ² = 1.25 + 0.4 + 0.9 = 2.55 on 2 df.
  const std::vector<std::size_t> observed{2050, 980, 970};
  const std::vector<double> shares{2, 1, 1};
  const auto r = sample_ratio_mismatch(observed, shares);
  EXPECT_NEAR(r.chi_square, 2.55, 1e-12);
  EXPECT_EQ(r.df, 2u);
  EXPECT_NEAR(r.p_value, 0.27943096822140745, 1e-13);
}

TEST(Srm, RejectsMalformedInput) {
  const std::vector<std::size_t> two{10, 10}, one{10}, none{0, 0};
  const std::vector<double> half{0.5, 0.5}, bad{0.5, 0.0}, three{1, 1, 1}, single{1};
  EXPECT_THROW(sample_ratio_mismatch(two, three), std::invalid_argument);
  EXPECT_THROW(sample_ratio_mismatch(one, single), std::invalid_argument);
  EXPECT_THROW(sample_ratio_mismatch(two, bad), std::invalid_argument);
  EXPECT_THROW(sample_ratio_mismatch(none, half), std::invalid_argument);
}
