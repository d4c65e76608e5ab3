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

// A weight of k is the value repeated k times: the weighted PSI and KS equal the plain ones on
// the expanded sample (the KS p-value differs: the effective size is smaller than the count).
TEST(WeightedDrift, AnIntegerWeightIsARepeatedValue) {
  const std::vector<double> ref = {1, 2, 3, 4, 5, 6}, w = {1, 3, 1, 2, 1, 2};
  std::vector<double> expanded;
  for (std::size_t i = 0; i < ref.size(); ++i) expanded.insert(expanded.end(), static_cast<std::size_t>(w[i]), ref[i]);
  const std::vector<double> recent = {2, 2, 5, 6, 6, 6, 7};
  const auto weighted = population_stability_index(ref, w, recent, 4);
  const auto plain = population_stability_index(expanded, recent, 4);
  EXPECT_EQ(weighted.edges, plain.edges);
  EXPECT_DOUBLE_EQ(weighted.psi, plain.psi);
  EXPECT_DOUBLE_EQ(ks_two_sample(ref, w, recent).statistic, ks_two_sample(expanded, recent).statistic);
}

TEST(WeightedDrift, ReweightingRemovesAShiftInTheMix) {
  // Two strata with different values; the recent sample holds them 1:1, the reference 3:1.
  // Unweighted the mix looks like drift; weighting the reference back to 1:1 removes it.
  std::vector<double> ref, w, recent;
  for (int i = 0; i < 300; ++i) ref.push_back(10 + i % 10), w.push_back(1.0 / 3);
  for (int i = 0; i < 100; ++i) ref.push_back(50 + i % 10), w.push_back(1.0);
  for (int i = 0; i < 100; ++i) recent.push_back(10 + i % 10), recent.push_back(50 + i % 10);
  EXPECT_GT(population_stability_index(ref, recent).psi, 0.2);
  EXPECT_LT(population_stability_index(ref, w, recent).psi, 1e-9);
  EXPECT_GT(ks_two_sample(ref, recent).statistic, 0.2);
  EXPECT_LT(ks_two_sample(ref, w, recent).statistic, 1e-9);
}

TEST(WeightedDrift, BadWeightsAreRejected) {
  const std::vector<double> v = {1, 2, 3};
  EXPECT_THROW(population_stability_index(v, std::vector<double>{1, 2}, v), std::invalid_argument);
  EXPECT_THROW(population_stability_index(v, std::vector<double>{1, -1, 1}, v), std::invalid_argument);
  EXPECT_THROW(ks_two_sample(v, std::vector<double>{0, 0, 0}, v), std::invalid_argument);
}
