// A/A experiments (both arms the same): each test's false-positive rate at α = 0.05 must lie
// within binomial tolerance of 5%; with daily peeking the mixture sequential test must stay
// at or under 5% while peeking at the fixed-horizon z-test is clearly inflated. Seeded, so
// every run draws the same experiments; the rates are printed for docs/experiments.md.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>
#include <vector>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

namespace {

constexpr double kAlpha = 0.05;

// Four standard errors of a rate measured over `experiments`: a correct test misses by more
// once in ~16,000 seeds.
double tolerance(double rate, int experiments) { return 4.0 * std::sqrt(rate * (1.0 - rate) / experiments); }

void report(const char* what, int rejections, int experiments) {
  std::cout << "A/A false-positive rate, " << what << ": " << static_cast<double>(rejections) / experiments << " ("
            << rejections << " of " << experiments << " experiments)\n";
}

}  // namespace

TEST(AaFalsePositives, TwoProportionZTest) {
  constexpr int kExperiments = 4000;
  std::mt19937_64 rng(20261);
  std::binomial_distribution<std::size_t> arm(2000, 0.08);
  int rejections = 0;
  for (int e = 0; e < kExperiments; ++e) rejections += two_proportion_z_test(2000, arm(rng), 2000, arm(rng)).p_value < kAlpha;
  report("two-proportion z-test (2000 per arm, p = 0.08)", rejections, kExperiments);
  EXPECT_NEAR(static_cast<double>(rejections) / kExperiments, kAlpha, tolerance(kAlpha, kExperiments));
}

TEST(AaFalsePositives, WelchWithUnequalArmsAndVariances) {
  // 20 units with sd 1 against 60 with sd 3: the case where the pooled-variance t-test is wrong.
  constexpr int kExperiments = 4000;
  std::mt19937_64 rng(20262);
  std::normal_distribution<double> narrow(50.0, 1.0), wide(50.0, 3.0);
  std::vector<double> control(20), variant(60);
  int rejections = 0;
  for (int e = 0; e < kExperiments; ++e) {
    for (auto& v : control) v = narrow(rng);
    for (auto& v : variant) v = wide(rng);
    rejections += welch_t_test(summarize(control), summarize(variant)).p_value < kAlpha;
  }
  report("Welch's t-test (20 units sd 1 vs 60 units sd 3)", rejections, kExperiments);
  EXPECT_NEAR(static_cast<double>(rejections) / kExperiments, kAlpha, tolerance(kAlpha, kExperiments));
}

TEST(AaFalsePositives, DeltaMethodOnAveragePrice) {
  // Orders of 1 + Poisson(1.5) tickets, every ticket of an order at the order's price: tickets
  // are not independent, orders are. The delta method holds 5%; a t-test over tickets does not.
  constexpr int kExperiments = 4000, kOrders = 400;
  std::mt19937_64 rng(20263);
  std::poisson_distribution<int> extra_tickets(1.5);
  std::lognormal_distribution<double> price(std::log(60.0), 0.4);
  int delta_rejections = 0, per_ticket_rejections = 0;
  std::vector<double> tickets[2], revenue[2], ticket_prices[2];
  for (int e = 0; e < kExperiments; ++e) {
    for (int a = 0; a < 2; ++a) {
      tickets[a].clear();
      revenue[a].clear();
      ticket_prices[a].clear();
      for (int o = 0; o < kOrders; ++o) {
        const int n = 1 + extra_tickets(rng);
        const double p = price(rng);
        tickets[a].push_back(n);
        revenue[a].push_back(n * p);
        ticket_prices[a].insert(ticket_prices[a].end(), n, p);
      }
    }
    delta_rejections += ratio_delta_test(summarize_ratio(tickets[0], revenue[0]), summarize_ratio(tickets[1], revenue[1]))
                            .p_value < kAlpha;
    per_ticket_rejections += welch_t_test(summarize(ticket_prices[0]), summarize(ticket_prices[1])).p_value < kAlpha;
  }
  report("delta method, average price (400 orders per arm)", delta_rejections, kExperiments);
  report("Welch over tickets as if independent (the mistake)", per_ticket_rejections, kExperiments);
  EXPECT_NEAR(static_cast<double>(delta_rejections) / kExperiments, kAlpha, tolerance(kAlpha, kExperiments));
  EXPECT_GT(static_cast<double>(per_ticket_rejections) / kExperiments, 0.10);
}

TEST(AaFalsePositives, DailyPeekingSequentialAgainstFixedHorizon) {
  // 30 daily looks at cumulative counts, 200 new units per arm a day at p = 0.10; a look
  // "finds" a difference when its p-value is under α, and the experiment stops there.
  constexpr int kExperiments = 4000, kDays = 30;
  constexpr double kTau = 0.02;  // the mixture's scale: the effect size the test is tuned to
  std::mt19937_64 rng(20264);
  std::binomial_distribution<std::size_t> day(200, 0.10);
  int sequential_rejections = 0, naive_rejections = 0;
  for (int e = 0; e < kExperiments; ++e) {
    std::size_t n = 0, xc = 0, xv = 0;
    bool sequential = false, naive = false;
    for (int d = 0; d < kDays; ++d) {
      n += 200;
      xc += day(rng);
      xv += day(rng);
      const auto z = two_proportion_z_test(n, xc, n, xv);
      naive = naive || z.p_value < kAlpha;
      const double pc = z.control, pv = z.variant;
      const double se = std::sqrt(pc * (1 - pc) / n + pv * (1 - pv) / n);
      sequential = sequential || mixture_sequential_test(z.difference, se, kTau).p_value < kAlpha;
    }
    sequential_rejections += sequential;
    naive_rejections += naive;
  }
  report("mixture sequential test, 30 daily looks", sequential_rejections, kExperiments);
  report("fixed-horizon z-test, 30 daily looks (the mistake)", naive_rejections, kExperiments);
  EXPECT_LE(static_cast<double>(sequential_rejections) / kExperiments, kAlpha + tolerance(kAlpha, kExperiments));
  EXPECT_GT(static_cast<double>(naive_rejections) / kExperiments, 0.12);
}
