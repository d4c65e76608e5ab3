// ChangeLimitedPolicy: the stochastic DP with the price in force in its state (issue 10, items
// 11-13). Checked against a recursion straight from the definition on tiny random instances,
// against the plain DP when every price is reachable, and on the hysteresis rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "seatsync/price_dp.hpp"

using namespace seatsync;

namespace {

std::vector<double> random_pmf(std::mt19937& rng, int max_support) {
  std::uniform_int_distribution<int> support(1, max_support), weight(0, 4);
  std::vector<double> pmf(static_cast<std::size_t>(support(rng)));
  double total = 0;
  for (double& p : pmf) total += p = weight(rng);
  if (total == 0) pmf.back() = total = 1;
  for (double& p : pmf) p /= total;
  return pmf;
}

std::vector<BucketDemand> random_buckets(std::mt19937& rng, std::size_t periods, const std::vector<double>& prices) {
  std::vector<BucketDemand> out(periods);
  for (auto& b : out) {
    b.prices = prices;
    for (std::size_t k = 0; k < prices.size(); ++k) b.demand_pmf.push_back(random_pmf(rng, 5));
  }
  return out;
}

// The optimum straight from the definition: in force j, choose k in reachable[j] (all when j is
// the free state), earn (p_k + w) · min(d, s), continue from (t + 1, s − sold, k).
double optimum(const std::vector<BucketDemand>& b, const std::vector<std::vector<std::size_t>>& reach, double w,
               std::size_t t, int s, std::size_t j) {
  if (t == b.size()) return 0;
  std::vector<std::size_t> options;
  if (j < reach.size()) options = reach[j];
  else for (std::size_t k = 0; k < b[t].prices.size(); ++k) options.push_back(k);
  double best = -1e300;
  for (std::size_t k : options) {
    double total = 0;
    for (std::size_t d = 0; d < b[t].demand_pmf[k].size(); ++d) {
      const int sold = std::min(static_cast<int>(d), s);
      total += b[t].demand_pmf[k][d] * ((b[t].prices[k] + w) * sold + optimum(b, reach, w, t + 1, s - sold, k));
    }
    best = std::max(best, total);
  }
  return best;
}

// The expected objective of following the solved policy's own choices.
double follow(const ChangeLimitedPolicy& policy, const std::vector<BucketDemand>& b, double w, std::size_t t, int s,
              std::size_t j) {
  if (t == b.size()) return 0;
  const std::size_t k = policy.choice(t, s, j);
  double total = 0;
  for (std::size_t d = 0; d < b[t].demand_pmf[k].size(); ++d) {
    const int sold = std::min(static_cast<int>(d), s);
    total += b[t].demand_pmf[k][d] * ((b[t].prices[k] + w) * sold + follow(policy, b, w, t + 1, s - sold, k));
  }
  return total;
}

}  // namespace

TEST(ChangeLimitedDp, MatchesTheDefinitionOnTinyRandomInstances) {
  std::mt19937 rng(1011);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t periods = 1 + rng() % 3, n = 1 + rng() % 4;
    std::vector<double> prices;
    for (std::size_t k = 0; k < n; ++k) prices.push_back(10.0 + 5.0 * static_cast<double>(k) + (rng() % 3));
    const auto buckets = random_buckets(rng, periods, prices);
    std::vector<std::vector<std::size_t>> reach(n);
    for (std::size_t j = 0; j < n; ++j)  // a change limit: the neighbours, sometimes only itself
      for (std::size_t k = 0; k < n; ++k)
        if (k == j || (std::abs(static_cast<int>(k) - static_cast<int>(j)) == 1 && rng() % 4 != 0)) reach[j].push_back(k);
    const int seats = static_cast<int>(rng() % 4);
    const double w = trial % 3 == 0 ? 2.0 : 0.0;
    const auto policy = ChangeLimitedPolicy::solve(buckets, seats, reach, w);
    for (int s = 0; s <= seats; ++s)
      for (std::size_t j = 0; j <= n; ++j) {
        const double exact = optimum(buckets, reach, w, 0, s, j);
        ASSERT_NEAR(policy.value(s, j), exact, 1e-9 * std::max(1.0, exact)) << "trial " << trial;
        ASSERT_NEAR(follow(policy, buckets, w, 0, s, j), exact, 1e-9 * std::max(1.0, exact)) << "trial " << trial;
        for (std::size_t t = 0; t < periods && j < n; ++t) {
          const auto k = policy.choice(t, s, j);
          ASSERT_NE(std::find(reach[j].begin(), reach[j].end(), k), reach[j].end());  // never breaks the limit
        }
      }
  }
}

TEST(ChangeLimitedDp, EveryPriceReachableIsThePlainDp) {
  std::mt19937 rng(77);
  const std::vector<double> prices{20, 35, 50, 80};
  const auto buckets = random_buckets(rng, 4, prices);
  const std::vector<std::vector<std::size_t>> all(prices.size(), {0, 1, 2, 3});
  const auto limited = ChangeLimitedPolicy::solve(buckets, 6, all);
  const auto plain = StochasticPolicy::solve(buckets, 6);
  for (int s = 0; s <= 6; ++s)
    for (std::size_t j = 0; j <= prices.size(); ++j) EXPECT_NEAR(limited.value(s, j), plain.value(0, s), 1e-9);
}

TEST(ChangeLimitedDp, TiesAndNoSeatsKeepThePriceInForce) {
  // With no seats left every price is worth 0: the plain DP quotes its highest price (the
  // ceiling); this one keeps the price in force.
  std::mt19937 rng(5);
  const std::vector<double> prices{20, 35, 50, 300};
  const auto buckets = random_buckets(rng, 2, prices);
  const std::vector<std::vector<std::size_t>> all(prices.size(), {0, 1, 2, 3});
  const auto policy = ChangeLimitedPolicy::solve(buckets, 3, all);
  for (std::size_t j = 0; j < prices.size(); ++j) EXPECT_EQ(policy.choice(1, 0, j), j);
  EXPECT_EQ(StochasticPolicy::solve(buckets, 3).choice(1, 0), 3u);
}

TEST(ChangeLimitedDp, HoldMarginKeepsThePriceUnlessTheGainIsLarge) {
  // One bucket, one seat. $100 sells for sure; $104 with probability 0.97 (worth 100.88): a
  // gain of 0.88%, below a 1% margin and above 0.5%.
  BucketDemand b;
  b.prices = {100, 104};
  b.demand_pmf = {{0.0, 1.0}, {0.03, 0.97}};
  const std::vector<std::vector<std::size_t>> all(2, {0, 1});
  EXPECT_EQ(ChangeLimitedPolicy::solve({b}, 1, all, 0.0, 0.0).choice(0, 1, 0), 1u);
  EXPECT_EQ(ChangeLimitedPolicy::solve({b}, 1, all, 0.0, 0.005).choice(0, 1, 0), 1u);
  EXPECT_EQ(ChangeLimitedPolicy::solve({b}, 1, all, 0.0, 0.01).choice(0, 1, 0), 0u);
  EXPECT_EQ(ChangeLimitedPolicy::solve({b}, 1, all, 0.0, 0.01).choice(0, 1, 1), 1u);  // $104 in force: kept
  EXPECT_EQ(ChangeLimitedPolicy::solve({b}, 1, all, 0.0, 0.01).choice(0, 1, 2), 1u);  // free: the best
}

TEST(ChangeLimitedDp, NothingExpectedToSellKeepsThePriceInForce) {
  // Game day, almost no demand: the ceiling earns a little more in expectation, but with
  // hysteresis on, a bucket expecting < 0.05 tickets at both prices keeps the price in force.
  BucketDemand b;
  b.prices = {50, 400};
  b.demand_pmf = {{0.99, 0.01}, {0.985, 0.015}};
  const std::vector<std::vector<std::size_t>> all(2, {0, 1});
  EXPECT_EQ(ChangeLimitedPolicy::solve({b}, 5, all, 0.0, 0.0).choice(0, 5, 0), 1u);   // the exact optimum moves
  EXPECT_EQ(ChangeLimitedPolicy::solve({b}, 5, all, 0.0, 0.01).choice(0, 5, 0), 0u);  // the planner does not
}

TEST(ChangeLimitedDp, InvalidInputsThrow) {
  BucketDemand b;
  b.prices = {10, 20};
  b.demand_pmf = {{1.0}, {1.0}};
  BucketDemand other = b;
  other.prices = {10, 30};
  EXPECT_THROW(ChangeLimitedPolicy::solve({b, other}, 1, {{0}, {1}}), std::invalid_argument);
  EXPECT_THROW(ChangeLimitedPolicy::solve({b}, 1, {{0}}), std::invalid_argument);
  EXPECT_THROW(ChangeLimitedPolicy::solve({b}, 1, {{0}, {}}), std::invalid_argument);
  EXPECT_THROW(ChangeLimitedPolicy::solve({b}, 1, {{0}, {2}}), std::invalid_argument);
  EXPECT_THROW(ChangeLimitedPolicy::solve({b}, 1, {{0}, {1}}, 0.0, -0.1), std::invalid_argument);
  const auto p = ChangeLimitedPolicy::solve({b}, 1, {{0}, {1}});
  EXPECT_THROW(p.choice(0, 2, 0), std::out_of_range);
  EXPECT_THROW(p.choice(0, 1, 3), std::out_of_range);
  EXPECT_THROW(p.choice(1, 1, 0), std::out_of_range);
}
