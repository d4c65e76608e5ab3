// Sample size, power and MDE against statsmodels 0.13.5 (statsmodels.stats.proportion):
// samplesize_proportions_2indep_onetail(diff, prop2=baseline, power, alpha=alpha) for n (the
// same closed form; rounded up here) and power_proportions_2indep(diff, baseline, n, alpha)
// for the power. NormalIndPower().solve_power(proportion_effectsize(p2, p1), …), Cohen's
// arcsine scale, lands within 0.2% of these n (3834.6, 31217.4, 2368.9).
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

TEST(SampleSize, MatchesStatsmodels) {
  EXPECT_EQ(sample_size_per_arm({0.10, 0.02, false, 0.05, 0.8}), 3841u);   // 3840.847
  EXPECT_EQ(sample_size_per_arm({0.05, 0.10, true, 0.05, 0.8}), 31234u);   // 5% → 5.5%: 31233.438
  EXPECT_EQ(sample_size_per_arm({0.30, -0.05, false, 0.01, 0.9}), 2371u);  // a decrease: 2370.789
}

TEST(SampleSize, PowerMatchesStatsmodels) {
  EXPECT_NEAR(power_at({0.10, 0.02}, 3841), 0.8000165286163742, 1e-9);
  EXPECT_NEAR(power_at({0.10, 0.02}, 3000), 0.6970498434409916, 1e-9);
  EXPECT_NEAR(power_at({0.05, 0.005}, 3000), 0.13980413821586699, 1e-9);  // the far tail counts here
  EXPECT_NEAR(power_at({0.30, -0.05, false, 0.01}, 3000), 0.9611210664180614, 1e-9);
}

TEST(SampleSize, RoundTripsThroughPowerAndMde) {
  for (const SampleSizeQuery q : {SampleSizeQuery{0.10, 0.02}, SampleSizeQuery{0.03, 0.2, true, 0.05, 0.9},
                                  SampleSizeQuery{0.6, 0.01, false, 0.1, 0.8}}) {
    const std::size_t n = sample_size_per_arm(q);
    EXPECT_GE(power_at(q, n), q.power);
    EXPECT_LT(power_at(q, n - 1), q.power + 1e-4);
    const double absolute = q.relative ? q.baseline * q.mde : q.mde;
    const double mde = minimum_detectable_effect(q, n);
    EXPECT_LE(mde, absolute * (1 + 1e-9));
    EXPECT_GT(mde, absolute * 0.999);
  }
}

TEST(SampleSize, MdeReachesThePowerAndShrinksAboutLikeOneOverRootN) {
  const SampleSizeQuery q{0.10, 0.0};
  const double at_1k = minimum_detectable_effect(q, 1000), at_100k = minimum_detectable_effect(q, 100000);
  EXPECT_NEAR(power_at({0.10, at_1k}, 1000), 0.8, 1e-9);
  EXPECT_NEAR(power_at({0.10, at_100k}, 100000), 0.8, 1e-9);
  // A bit more than √100 = 10: the larger effect at small n also has a larger variance.
  EXPECT_GT(at_1k / at_100k, 10.0);
  EXPECT_LT(at_1k / at_100k, 11.0);
  EXPECT_TRUE(std::isinf(minimum_detectable_effect({0.5, 0.0, false, 0.05, 0.99}, 2)));
}

TEST(SampleSize, Means) {
  // 2·10²·(1.959964 + 0.841621)² / 2² = 392.4
  EXPECT_EQ(sample_size_per_arm_means(10.0, 2.0), 393u);
  EXPECT_EQ(sample_size_per_arm_means(10.0, -2.0), 393u);
  EXPECT_THROW(sample_size_per_arm_means(0.0, 2.0), std::invalid_argument);
  EXPECT_THROW(sample_size_per_arm_means(10.0, 0.0), std::invalid_argument);
}

TEST(SampleSize, DaysNeeded) {
  EXPECT_EQ(days_needed(2 * 3841, 500.0), 16u);  // 15.4 days
  EXPECT_EQ(days_needed(1000, 500.0), 2u);
  EXPECT_THROW(days_needed(10, 0.0), std::invalid_argument);
}

TEST(SampleSize, RejectsImpossibleQueries) {
  EXPECT_THROW(sample_size_per_arm({0.0, 0.01}), std::invalid_argument);
  EXPECT_THROW(sample_size_per_arm({1.0, -0.01}), std::invalid_argument);
  EXPECT_THROW(sample_size_per_arm({0.95, 0.1}), std::invalid_argument);    // target 1.05
  EXPECT_THROW(sample_size_per_arm({0.5, 1.0, true}), std::invalid_argument);  // target 1.0
  EXPECT_THROW(sample_size_per_arm({0.1, 0.0}), std::invalid_argument);
  EXPECT_THROW(sample_size_per_arm({0.1, 0.02, false, 0.05, 1.0}), std::invalid_argument);
  EXPECT_THROW(sample_size_per_arm({0.1, 0.02, false, 0.0, 0.8}), std::invalid_argument);
  EXPECT_THROW(power_at({0.1, 0.02}, 0), std::invalid_argument);
}
