// Welch's t-test on the classic example of Wikipedia's "Welch's t-test" (example 1: two samples
// of 15, published t = −2.4554, ν = 24.989, p = 0.02138 for A1 − A2). The values were written
// down from that page and reproduce all three published numbers; the many-digit references are
// scipy 1.10's ttest_ind(equal_var=False) and statsmodels' CompareMeans.tconfint_diff.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

namespace {
const std::vector<double> kA1{27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
const std::vector<double> kA2{27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
}  // namespace

TEST(WelchT, WikipediaExample) {
  // Wikipedia reports A1 − A2: A2 as control, A1 as variant.
  const auto r = welch_t_test(summarize(kA2), summarize(kA1));
  EXPECT_NEAR(r.statistic, -2.4554, 5e-5);
  ASSERT_TRUE(r.df.has_value());
  EXPECT_NEAR(*r.df, 24.989, 5e-4);
  EXPECT_NEAR(r.p_value, 0.02138, 5e-6);
  EXPECT_NEAR(r.statistic, -2.455356398286006, 1e-11);
  EXPECT_NEAR(*r.df, 24.988529290231416, 1e-9);
  EXPECT_NEAR(r.p_value, 0.021378001462866985, 1e-11);
}

TEST(WelchT, IntervalsUseTheWelchDegreesOfFreedom) {
  const auto r = welch_t_test(summarize(kA1), summarize(kA2));
  EXPECT_NEAR(r.statistic, 2.455356398286006, 1e-11);
  EXPECT_NEAR(r.difference, 2.1666666666666667, 1e-12);
  EXPECT_NEAR(r.ci_low, 0.3492370661924127, 1e-10);
  EXPECT_NEAR(r.ci_high, 3.98409626714093, 1e-10);
  // Lift (A2 − A1)/A1 = 0.10407, delta method with the same t quantile.
  EXPECT_NEAR(r.lift, 0.10406660262568052, 1e-12);
  EXPECT_NEAR(r.lift_ci_low, 0.010558124962792584, 1e-10);
  EXPECT_NEAR(r.lift_ci_high, 0.19757508028856846, 1e-10);
}

TEST(WelchT, DegreesOfFreedomLieBetweenTheSmallerArmAndThePooledTest) {
  // ν ∈ [min(n) − 1, nc + nv − 2]; equal n and sd give the pooled df exactly.
  const SampleSummary a{10, 5.0, 1.0}, b{40, 6.0, 9.0}, c{10, 7.0, 1.0};
  const auto unequal = welch_t_test(a, b);
  EXPECT_GE(*unequal.df, 9.0);
  EXPECT_LE(*unequal.df, 48.0);
  // (0.1 + 2.025)² / (0.1²/9 + 2.025²/39)
  EXPECT_NEAR(*unequal.df, 42.49786335528631, 1e-10);
  EXPECT_NEAR(*welch_t_test(a, c).df, 18.0, 1e-12);
}

TEST(WelchT, ConstantArms) {
  EXPECT_EQ(welch_t_test({5, 2.0, 0.0}, {5, 2.0, 0.0}).p_value, 1.0);
  const auto r = welch_t_test({5, 2.0, 0.0}, {5, 3.0, 0.0});
  EXPECT_EQ(r.p_value, 0.0);
  EXPECT_TRUE(std::isinf(r.statistic) && r.statistic > 0);
}

TEST(WelchT, NeedsTwoUnitsPerArm) {
  EXPECT_THROW(welch_t_test({1, 2.0, 0.0}, {5, 3.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(welch_t_test({5, 2.0, 1.0}, {1, 3.0, 0.0}), std::invalid_argument);
}

// fuzz_ab_csv: a value of 4e91 in one arm overflowed ν's fourth powers to a NaN df, which Boost
// refused with a domain_error nobody caught (tests/fuzz/regressions/ab_csv). Now a named refusal.
TEST(WelchT, ValuesTooLargeForTheirVarianceAreRefusedByName) {
  const std::vector<double> overflowing{2.0, 4e91, 3.0}, large{2.0, 4e40, 3.0};
  const auto huge = summarize(overflowing);
  try {
    (void)welch_t_test(summarize(kA1), huge);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "Welch's t-test: the variant arm's values are too large for their variance to be computed");
  }
  EXPECT_NO_THROW((void)welch_t_test(summarize(kA1), summarize(large)));
}
