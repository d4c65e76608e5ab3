// Holm and Benjamini–Hochberg against statsmodels 0.13.5:
// statsmodels.stats.multitest.multipletests(p, method="holm" | "fdr_bh")[1].
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;
using ::testing::DoubleNear;
using ::testing::ElementsAre;

TEST(PAdjust, HolmMatchesStatsmodels) {
  const std::vector<double> p{0.01, 0.04, 0.03, 0.005, 0.20};
  EXPECT_THAT(holm_adjust(p), ElementsAre(DoubleNear(0.04, 1e-15), DoubleNear(0.09, 1e-15), DoubleNear(0.09, 1e-15),
                                          DoubleNear(0.025, 1e-15), DoubleNear(0.2, 1e-15)));
  const std::vector<double> ties{0.04, 0.001, 0.04, 0.5, 0.012, 0.9};
  EXPECT_THAT(holm_adjust(ties), ElementsAre(DoubleNear(0.16, 1e-15), DoubleNear(0.006, 1e-15), DoubleNear(0.16, 1e-15),
                                             DoubleNear(1.0, 0), DoubleNear(0.06, 1e-15), DoubleNear(1.0, 0)));
}

TEST(PAdjust, BenjaminiHochbergMatchesStatsmodels) {
  const std::vector<double> p{0.01, 0.04, 0.03, 0.005, 0.20};
  EXPECT_THAT(benjamini_hochberg_adjust(p),
              ElementsAre(DoubleNear(0.025, 1e-15), DoubleNear(0.05, 1e-15), DoubleNear(0.05, 1e-15),
                          DoubleNear(0.025, 1e-15), DoubleNear(0.2, 1e-15)));
  const std::vector<double> ties{0.04, 0.001, 0.04, 0.5, 0.012, 0.9};
  EXPECT_THAT(benjamini_hochberg_adjust(ties),
              ElementsAre(DoubleNear(0.06, 1e-15), DoubleNear(0.006, 1e-15), DoubleNear(0.06, 1e-15),
                          DoubleNear(0.6, 1e-15), DoubleNear(0.036, 1e-15), DoubleNear(0.9, 1e-15)));
}

TEST(PAdjust, OneComparisonIsUnadjustedAndNoneIsEmpty) {
  const std::vector<double> one{0.03};
  EXPECT_THAT(holm_adjust(one), ElementsAre(0.03));
  EXPECT_THAT(benjamini_hochberg_adjust(one), ElementsAre(0.03));
  EXPECT_TRUE(holm_adjust({}).empty());
  EXPECT_THROW(holm_adjust(std::vector<double>{0.1, 1.5}), std::invalid_argument);
}

TEST(PAdjust, OrderedCappedAndBhNeverAboveHolm) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 0.3);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> p(1 + trial % 9);
    for (auto& v : p) v = u(rng);
    const auto holm = holm_adjust(p), bh = benjamini_hochberg_adjust(p);
    for (std::size_t i = 0; i < p.size(); ++i) {
      EXPECT_GE(bh[i], p[i]);
      EXPECT_LE(bh[i], holm[i] + 1e-15);
      EXPECT_LE(holm[i], 1.0);
      for (std::size_t j = 0; j < p.size(); ++j)
        if (p[i] < p[j]) {
          EXPECT_LE(holm[i], holm[j]);
          EXPECT_LE(bh[i], bh[j]);
        }
    }
  }
}
