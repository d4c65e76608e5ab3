// PSI and the two-sample KS test on cases worked by hand, and their properties on random ones.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "seatsync/drift.hpp"

using namespace seatsync;

TEST(Psi, FromSharesByHand) {
  // (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5) = 0.25·ln 2 + 0.25·ln 1.5
  const std::vector<double> e{0.5, 0.5}, a{0.25, 0.75};
  EXPECT_NEAR(psi_from_shares(e, a), 0.25 * std::log(2.0) + 0.25 * std::log(1.5), 1e-12);
  EXPECT_DOUBLE_EQ(psi_from_shares(e, e), 0.0);
  // An empty bin counts as the floor: large, finite.
  const std::vector<double> empty{1.0, 0.0};
  EXPECT_NEAR(psi_from_shares(e, empty), (1.0 - 0.5) * std::log(2.0) + (kPsiShareFloor - 0.5) * std::log(kPsiShareFloor / 0.5), 1e-12);
  EXPECT_THROW(psi_from_shares(e, std::vector<double>{1.0}), std::invalid_argument);
}

TEST(Psi, QuantileBinsOfTheReferenceByHand) {
  // Reference 1…10 in 2 bins: the edge is the median order statistic 5; bins (≤5) and (>5).
  std::vector<double> ref;
  for (int i = 1; i <= 10; ++i) ref.push_back(i);
  const std::vector<double> recent{1, 2, 6, 7, 8, 9, 10, 10};
  const PsiResult r = population_stability_index(ref, recent, 2);
  ASSERT_EQ(r.edges, std::vector<double>{5});
  EXPECT_EQ(r.expected, (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(r.actual, (std::vector<double>{0.25, 0.75}));
  EXPECT_NEAR(r.psi, 0.25 * std::log(2.0) + 0.25 * std::log(1.5), 1e-12);
}

TEST(Psi, AFeatureOfFewValuesGetsABinPerValue) {
  const std::vector<double> ref{0, 0, 0, 0, 1, 1, 1, 1, 2, 2}, recent{0, 1, 2, 2};
  const PsiResult r = population_stability_index(ref, recent, 10);
  EXPECT_EQ(r.edges, (std::vector<double>{0, 1}));
  EXPECT_EQ(r.expected, (std::vector<double>{0.4, 0.4, 0.2}));
  EXPECT_EQ(r.actual, (std::vector<double>{0.25, 0.25, 0.5}));
  EXPECT_THROW(population_stability_index(ref, std::vector<double>{}), std::invalid_argument);
  EXPECT_THROW(population_stability_index(ref, std::vector<double>{NAN}), std::invalid_argument);
}

TEST(Psi, SameDistributionIsSmallAShiftedOneIsLarge) {
  std::mt19937 rng(7);
  std::normal_distribution<double> n(0, 1);
  std::vector<double> ref(5000), same(5000), shifted(5000);
  for (auto& x : ref) x = n(rng);
  for (auto& x : same) x = n(rng);
  for (auto& x : shifted) x = n(rng) + 0.5;
  EXPECT_LT(population_stability_index(ref, same).psi, 0.02);   // seed 003: < 0.1 is stable
  EXPECT_GT(population_stability_index(ref, shifted).psi, 0.2);  // > 0.2 is a shift
}

TEST(Ks, StatisticByHand) {
  // F1 − F2 is 0.5 on [2, 3) and [4, 5): D = 0.5.
  const std::vector<double> a{1, 2, 3, 4}, b{3, 4, 5, 6};
  const KsResult r = ks_two_sample(a, b);
  EXPECT_DOUBLE_EQ(r.statistic, 0.5);
  // λ = (√2 + 0.12 + 0.11/√2)·0.5
  EXPECT_NEAR(r.p_value, kolmogorov_survival((std::sqrt(2.0) + 0.12 + 0.11 / std::sqrt(2.0)) * 0.5), 1e-15);
  EXPECT_DOUBLE_EQ(ks_two_sample(a, a).statistic, 0.0);
  EXPECT_DOUBLE_EQ(ks_two_sample(a, a).p_value, 1.0);
  // Ties across the samples step together.
  EXPECT_DOUBLE_EQ(ks_two_sample(std::vector<double>{1, 1, 2}, std::vector<double>{1, 2, 2}).statistic, 1.0 / 3.0);
}

TEST(Ks, KolmogorovDistributionAgainstItsTable) {
  // Published values: P(K > 1.0) = 0.26999967, P(K > 1.3581) = 0.0500 (the 5% critical value),
  // P(K > 1.6276) = 0.0100.
  EXPECT_NEAR(kolmogorov_survival(1.0), 0.26999967, 1e-7);
  EXPECT_NEAR(kolmogorov_survival(1.3581), 0.05, 1e-4);
  EXPECT_NEAR(kolmogorov_survival(1.6276), 0.01, 1e-4);
  EXPECT_DOUBLE_EQ(kolmogorov_survival(0.0), 1.0);
}

TEST(Ks, RejectsAShiftAndRarelyTheNull) {
  std::mt19937 rng(11);
  std::normal_distribution<double> n(0, 1);
  int rejections = 0;
  for (int rep = 0; rep < 200; ++rep) {
    std::vector<double> a(200), b(150);
    for (auto& x : a) x = n(rng);
    for (auto& x : b) x = n(rng);
    rejections += ks_two_sample(a, b).p_value < 0.05;
  }
  EXPECT_LT(rejections, 20);  // about 10 of 200 expected at the 5% level
  std::vector<double> a(500), b(400);
  for (auto& x : a) x = n(rng);
  for (auto& x : b) x = n(rng) + 0.4;
  EXPECT_LT(ks_two_sample(a, b).p_value, 1e-4);  // D ≈ 0.16, λ ≈ 2.4
}
