// The normal-mixture SPRT: a hand computation and the duality of its p-value and interval.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

TEST(MixtureSequential, HandComputedLook) {
  // V = 1e-4, τ² = 4e-4, d = 0.03: ln Λ = ½ ln(1/5) + 4e-4·9e-4 / (2·1e-4·5e-4) = 2.795281;
  // half-width √(1e-4·5e-4/4e-4 · (ln 5 − 2 ln 0.05)) = 0.030824.
  const auto r = mixture_sequential_test(0.03, 0.01, 0.02);
  EXPECT_NEAR(r.p_value, 0.06109770079048311, 1e-14);
  EXPECT_NEAR(r.ci_low, 0.03 - 0.03082389993889093, 1e-14);
  EXPECT_NEAR(r.ci_high, 0.03 + 0.03082389993889093, 1e-14);
  // The fixed-horizon z = 3 would call this significant (p = 0.0027): always-valid costs width.
  EXPECT_GT(r.p_value, 0.05);
}

TEST(MixtureSequential, PValueAndIntervalAgree) {
  // p ≤ α exactly when the confidence sequence leaves out 0.
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> d(-0.1, 0.1), se(0.002, 0.05), tau(0.005, 0.1);
  for (int i = 0; i < 2000; ++i) {
    const auto r = mixture_sequential_test(d(rng), se(rng), tau(rng));
    EXPECT_EQ(r.p_value <= 0.05, r.ci_low > 0.0 || r.ci_high < 0.0) << i;
    EXPECT_GE(r.p_value, 0.0);
    EXPECT_LE(r.p_value, 1.0);
  }
}

TEST(MixtureSequential, WiderThanTheFixedHorizonInterval) {
  for (double se : {0.001, 0.01, 0.1}) {
    const auto r = mixture_sequential_test(0.0, se, 0.02);
    EXPECT_GT(r.ci_high, 1.959963984540054 * se);
  }
}

TEST(MixtureSequential, NoEffectIsNeverEvidence) {
  EXPECT_EQ(mixture_sequential_test(0.0, 0.01, 0.02).p_value, 1.0);
}

TEST(MixtureSequential, HugeEvidenceDoesNotOverflow) {
  const auto r = mixture_sequential_test(1.0, 1e-6, 0.02);
  EXPECT_EQ(r.p_value, 0.0);
  EXPECT_TRUE(std::isfinite(r.ci_low) && r.ci_low > 0.99);
}

TEST(MixtureSequential, RejectsNonPositiveScales) {
  EXPECT_THROW(mixture_sequential_test(0.1, 0.0, 0.02), std::invalid_argument);
  EXPECT_THROW(mixture_sequential_test(0.1, 0.01, 0.0), std::invalid_argument);
  EXPECT_THROW(mixture_sequential_test(0.1, 0.01, 0.02, 1.5), std::invalid_argument);
}
