// A true effect of the planned size, at the planned sample size, is found at the planned power.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>
#include <vector>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

namespace {
double tolerance(double rate, int experiments) { return 4.0 * std::sqrt(rate * (1.0 - rate) / experiments); }
}  // namespace

TEST(PlannedPower, ProportionsAtTheirSampleSize) {
  const SampleSizeQuery plan{0.10, 0.20, true, 0.05, 0.8};  // 10% → 12%
  const std::size_t n = sample_size_per_arm(plan);
  ASSERT_EQ(n, 3841u);
  constexpr int kExperiments = 2000;
  std::mt19937_64 rng(31);
  std::binomial_distribution<std::size_t> control(n, 0.10), variant(n, 0.12);
  int found = 0;
  for (int e = 0; e < kExperiments; ++e) found += two_proportion_z_test(n, control(rng), n, variant(rng)).p_value < 0.05;
  const double rate = static_cast<double>(found) / kExperiments;
  std::cout << "power at n = " << n << " per arm (planned 0.80): " << rate << '\n';
  EXPECT_NEAR(rate, 0.8, tolerance(0.8, kExperiments));
}

TEST(PlannedPower, MeansAtTheirSampleSize) {
  const std::size_t n = sample_size_per_arm_means(10.0, 2.0, 0.05, 0.9);
  constexpr int kExperiments = 2000;
  std::mt19937_64 rng(32);
  std::normal_distribution<double> control(100.0, 10.0), variant(102.0, 10.0);
  std::vector<double> c(n), v(n);
  int found = 0;
  for (int e = 0; e < kExperiments; ++e) {
    for (auto& x : c) x = control(rng);
    for (auto& x : v) x = variant(rng);
    found += welch_t_test(summarize(c), summarize(v)).p_value < 0.05;
  }
  const double rate = static_cast<double>(found) / kExperiments;
  std::cout << "Welch power at n = " << n << " per arm (planned 0.90): " << rate << '\n';
  EXPECT_NEAR(rate, 0.9, tolerance(0.9, kExperiments));
}

TEST(PlannedPower, SequentialTestFindsARealEffectWithinTheSameLooks) {
  // Not a test that never rejects: 10% → 13% over 30 daily looks of 200 per arm.
  constexpr int kExperiments = 1000, kDays = 30;
  std::mt19937_64 rng(33);
  std::binomial_distribution<std::size_t> control(200, 0.10), variant(200, 0.13);
  int found = 0;
  for (int e = 0; e < kExperiments; ++e) {
    std::size_t n = 0, xc = 0, xv = 0;
    bool stopped = false;
    for (int d = 0; d < kDays && !stopped; ++d) {
      n += 200;
      xc += control(rng);
      xv += variant(rng);
      const double pc = static_cast<double>(xc) / n, pv = static_cast<double>(xv) / n;
      const double se = std::sqrt(pc * (1 - pc) / n + pv * (1 - pv) / n);
      stopped = mixture_sequential_test(pv - pc, se, 0.02).p_value < 0.05;
    }
    found += stopped;
  }
  const double rate = static_cast<double>(found) / kExperiments;
  std::cout << "mixture sequential test, 10% → 13%, 30 looks: found in " << rate << '\n';
  EXPECT_GT(rate, 0.8);
}
