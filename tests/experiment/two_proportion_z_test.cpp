// The two-proportion z-test against hand-computed answers (checked with statsmodels 0.13.5:
// proportions_ztest for z and p, confint_proportions_2indep(method="wald") for the interval).
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

TEST(TwoProportionZ, HandComputedExample) {
  // 100/1000 against 130/1000: pooled p = 0.115, SE0 = √(0.115·0.885·2/1000) = 0.014267,
  // z = 0.03 / SE0; unpooled SE = √(0.1·0.9/1000 + 0.13·0.87/1000) = 0.014251.
  const auto r = two_proportion_z_test(1000, 100, 1000, 130);
  EXPECT_DOUBLE_EQ(r.control, 0.1);
  EXPECT_DOUBLE_EQ(r.variant, 0.13);
  EXPECT_NEAR(r.difference, 0.03, 1e-15);
  EXPECT_NEAR(r.lift, 0.3, 1e-12);
  EXPECT_NEAR(r.statistic, 2.102740605622114, 1e-12);
  EXPECT_NEAR(r.p_value, 0.03548845046647471, 1e-12);
  EXPECT_NEAR(r.ci_low, 0.0020679344393763587, 1e-12);
  EXPECT_NEAR(r.ci_high, 0.057932065560623636, 1e-12);
  // Lift: Var(v/c) = 0.0001131/0.1² + 0.13²·0.00009/0.1⁴ = 0.02652; 0.3 ± 1.959964·0.16285.
  EXPECT_NEAR(r.lift_ci_low, -0.019179397713587065, 1e-12);
  EXPECT_NEAR(r.lift_ci_high, 0.6191793977135871, 1e-12);
  EXPECT_FALSE(r.df.has_value());
}

TEST(TwoProportionZ, UnequalArmsAndNegativeDifference) {
  // control 60/480 = 0.125, variant 45/500 = 0.09.
  const auto r = two_proportion_z_test(480, 60, 500, 45);
  EXPECT_NEAR(r.statistic, -1.7708754896942929, 1e-12);
  EXPECT_NEAR(r.p_value, 0.07658140903566986, 1e-12);
  EXPECT_NEAR(r.ci_low, -0.07378870155598566, 1e-12);
  EXPECT_NEAR(r.ci_high, 0.003788701555985645, 1e-12);
}

TEST(TwoProportionZ, AlphaSetsTheIntervalLevel) {
  const auto r95 = two_proportion_z_test(1000, 100, 1000, 130), r99 = two_proportion_z_test(1000, 100, 1000, 130, 0.01);
  EXPECT_DOUBLE_EQ(r99.p_value, r95.p_value);
  // z_{0.995} / z_{0.975} = 2.5758293 / 1.9599640
  EXPECT_NEAR((r99.ci_high - r99.difference) / (r95.ci_high - r95.difference), 2.5758293035489 / 1.9599639845401, 1e-9);
}

TEST(TwoProportionZ, NothingTellsConstantArmsApart) {
  const auto none = two_proportion_z_test(50, 0, 80, 0);
  EXPECT_EQ(none.statistic, 0.0);
  EXPECT_EQ(none.p_value, 1.0);
  EXPECT_TRUE(std::isnan(none.lift));  // control converts 0: no lift
  EXPECT_TRUE(std::isnan(none.lift_ci_low));
  EXPECT_EQ(two_proportion_z_test(50, 50, 80, 80).p_value, 1.0);
}

TEST(TwoProportionZ, RejectsImpossibleCounts) {
  EXPECT_THROW(two_proportion_z_test(0, 0, 10, 1), std::invalid_argument);
  EXPECT_THROW(two_proportion_z_test(10, 1, 0, 0), std::invalid_argument);
  EXPECT_THROW(two_proportion_z_test(10, 11, 10, 1), std::invalid_argument);
  EXPECT_THROW(two_proportion_z_test(10, 1, 10, 1, 0.0), std::invalid_argument);
  EXPECT_THROW(two_proportion_z_test(10, 1, 10, 1, 1.0), std::invalid_argument);
}
