// StochasticPolicy: a hand-computed two-bucket instance, and on tiny random instances the DP's
// value against exact evaluation of every open-loop price sequence and every closed-loop policy.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "seatsync/price_dp.hpp"

using namespace seatsync;

namespace {

// Which price index to set at (bucket, seats left).
using Rule = std::function<std::size_t(std::size_t, int)>;

// Exact expected objective of following `rule` from (bucket, seats) on, straight from the
// definition: each demand d sells min(d, s), earns (p + w) per ticket and moves to s − min(d, s).
double evaluate(const std::vector<BucketDemand>& buckets, double weight, const Rule& rule, std::size_t t, int s) {
  if (t == buckets.size()) return 0.0;
  const std::size_t k = rule(t, s);
  const auto& pmf = buckets[t].demand_pmf[k];
  double total = 0.0;
  for (std::size_t d = 0; d < pmf.size(); ++d) {
    const int sold = std::min(static_cast<int>(d), s);
    total += pmf[d] * ((buckets[t].prices[k] + weight) * sold + evaluate(buckets, weight, rule, t + 1, s - sold));
  }
  return total;
}

// Exact expected tickets sold under `rule`.
double expected_tickets(const std::vector<BucketDemand>& buckets, const Rule& rule, std::size_t t, int s) {
  if (t == buckets.size()) return 0.0;
  const auto& pmf = buckets[t].demand_pmf[rule(t, s)];
  double total = 0.0;
  for (std::size_t d = 0; d < pmf.size(); ++d) {
    const int sold = std::min(static_cast<int>(d), s);
    total += pmf[d] * (sold + expected_tickets(buckets, rule, t + 1, s - sold));
  }
  return total;
}

Rule rule_of(const StochasticPolicy& policy) {
  return [&policy](std::size_t t, int s) { return policy.choice(t, s); };
}

std::vector<double> random_pmf(std::mt19937& rng, int max_support) {
  std::uniform_int_distribution<int> support_dist(1, max_support);
  std::uniform_int_distribution<int> weight_dist(0, 4);  // integer weights: ties happen
  std::vector<double> pmf(static_cast<std::size_t>(support_dist(rng)));
  double total = 0.0;
  for (double& p : pmf) total += p = weight_dist(rng);
  if (total == 0.0) {
    pmf.back() = total = 1.0;
  }
  for (double& p : pmf) p /= total;
  return pmf;
}

std::vector<BucketDemand> random_instance(std::mt19937& rng, int periods, int prices) {
  std::uniform_int_distribution<int> price_dist(1, 6);
  std::vector<BucketDemand> buckets(static_cast<std::size_t>(periods));
  for (auto& bucket : buckets)
    for (int k = 0; k < prices; ++k) {
      bucket.prices.push_back(price_dist(rng));
      bucket.demand_pmf.push_back(random_pmf(rng, 4));
    }
  return buckets;
}

// Every assignment of a price index to the given states, as a callback over `choices`.
void for_each_assignment(std::size_t states, std::size_t prices, const std::function<void(const std::vector<std::size_t>&)>& visit) {
  std::vector<std::size_t> choices(states, 0);
  while (true) {
    visit(choices);
    std::size_t i = 0;
    while (i < states && ++choices[i] == prices) choices[i++] = 0;
    if (i == states) return;
  }
}

// Two identical buckets, prices 10 (index 0) and 20 (index 1):
//   at 10: P(D = 0, 1, 2) = 0.2, 0.3, 0.5 → E[min(D, s)] = 0, 0.8, 1.3, 1.3 for s = 0 … 3
//   at 20: P(D = 0, 1)    = 0.6, 0.4      → E[min(D, s)] = 0, 0.4, 0.4, 0.4
const std::vector<BucketDemand> kTwoBuckets{{{10, 20}, {{0.2, 0.3, 0.5}, {0.6, 0.4}}},
                                            {{10, 20}, {{0.2, 0.3, 0.5}, {0.6, 0.4}}}};

}  // namespace

// Last bucket: V_1(s) = max(10 · E10(s), 20 · E20(s)):
//   s = 0: 0 (tie → 20);  s = 1: max(8, 8) = 8 (tie → 20);  s = 2, 3: max(13, 8) = 13 (→ 10).
// First bucket, Q(s, p) = p · E_p(s) + Σ_d P(D = d) · V_1(s − min(d, s)):
//   at 10: s = 1: 8 + 0.2·8 = 9.6;  s = 2: 13 + 0.2·13 + 0.3·8 = 18.0;
//          s = 3: 13 + 0.2·13 + 0.3·13 + 0.5·8 = 23.5
//   at 20: s = 1: 8 + 0.6·8 = 12.8; s = 2: 8 + 0.6·13 + 0.4·8 = 19.0;
//          s = 3: 8 + 0.6·13 + 0.4·13 = 21.0
// So V_0 = 0, 12.8, 19.0, 23.5 with prices 20, 20, 20, 10: hold high with 1-2 seats left, sell
// at 10 with 3.
TEST(StochasticDp, HandComputedTwoBucketsThreeSeats) {
  const auto policy = StochasticPolicy::solve(kTwoBuckets, 3);
  const std::vector<double> last{0.0, 8.0, 13.0, 13.0}, first{0.0, 12.8, 19.0, 23.5};
  const std::vector<double> last_price{20, 20, 10, 10}, first_price{20, 20, 20, 10};
  for (int s = 0; s <= 3; ++s) {
    const auto i = static_cast<std::size_t>(s);
    EXPECT_NEAR(policy.value(1, s), last[i], 1e-12) << "s = " << s;
    EXPECT_NEAR(policy.value(0, s), first[i], 1e-12) << "s = " << s;
    EXPECT_DOUBLE_EQ(policy.price(1, s), last_price[i]) << "s = " << s;
    EXPECT_DOUBLE_EQ(policy.price(0, s), first_price[i]) << "s = " << s;
    EXPECT_DOUBLE_EQ(policy.value(2, s), 0.0);
  }
  EXPECT_EQ(policy.choice(0, 3), 0u);
  EXPECT_EQ(policy.choice(0, 2), 1u);
}

// From 3 seats: bucket 0 quotes 10 and expects 1.3 tickets (revenue 13); 3 − 1.3 = 1.7 rounds
// to 2 seats, where bucket 1 quotes 10 and expects 1.3 more. The plan's totals are its own sums
// (26 from 2.6 tickets); value(0, 3) = 23.5 is the adaptive policy's exact expectation.
TEST(StochasticDp, ExpectedPlanFollowsTheExpectedRemainingSeats) {
  const auto plan = StochasticPolicy::solve(kTwoBuckets, 3).expected_plan(3);
  ASSERT_EQ(plan.buckets.size(), 2u);
  EXPECT_DOUBLE_EQ(plan.buckets[0].price, 10.0);
  EXPECT_NEAR(plan.buckets[0].expected_quantity, 1.3, 1e-12);
  EXPECT_NEAR(plan.buckets[0].expected_revenue, 13.0, 1e-12);
  EXPECT_DOUBLE_EQ(plan.buckets[1].price, 10.0);
  EXPECT_NEAR(plan.buckets[1].expected_quantity, 1.3, 1e-12);
  EXPECT_NEAR(plan.expected_revenue, 26.0, 1e-12);
  EXPECT_NEAR(plan.expected_tickets, 2.6, 1e-12);
  EXPECT_NEAR(plan.objective, 26.0, 1e-12);
  // From 1 seat: hold at 20 in both buckets (ties at s = 1 go to the higher price).
  const auto small = StochasticPolicy::solve(kTwoBuckets, 3).expected_plan(1);
  EXPECT_DOUBLE_EQ(small.buckets[0].price, 20.0);
  EXPECT_NEAR(small.buckets[0].expected_quantity, 0.4, 1e-12);
  // 1 − 0.4 = 0.6 rounds to 1 seat: 20 again.
  EXPECT_DOUBLE_EQ(small.buckets[1].price, 20.0);
}

TEST(StochasticDp, ZeroSeatsGiveZeroAtTheHighestPrice) {
  const auto policy = StochasticPolicy::solve(kTwoBuckets, 0);
  EXPECT_DOUBLE_EQ(policy.value(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(policy.price(0, 0), 20.0);
  const auto plan = policy.expected_plan(0);
  EXPECT_DOUBLE_EQ(plan.objective, 0.0);
  EXPECT_DOUBLE_EQ(plan.expected_tickets, 0.0);
  const auto none = StochasticPolicy::solve({}, 4);
  EXPECT_DOUBLE_EQ(none.value(0, 4), 0.0);
  EXPECT_TRUE(none.expected_plan(4).buckets.empty());
}

TEST(StochasticDp, RejectsInvalidInput) {
  const BucketDemand ok{{10}, {{0.5, 0.5}}};
  EXPECT_THROW(StochasticPolicy::solve({ok}, -1), std::invalid_argument);
  EXPECT_THROW(StochasticPolicy::solve({ok}, 1, std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_THROW(StochasticPolicy::solve({BucketDemand{{10, 20}, {{1.0}}}}, 1), std::invalid_argument);
  EXPECT_THROW(StochasticPolicy::solve({BucketDemand{{}, {}}}, 1), std::invalid_argument);
  EXPECT_THROW(StochasticPolicy::solve({BucketDemand{{std::nan("")}, {{1.0}}}}, 1), std::invalid_argument);
  EXPECT_THROW(StochasticPolicy::solve({BucketDemand{{10}, {{0.5, 0.4}}}}, 1), std::invalid_argument);
  EXPECT_THROW(StochasticPolicy::solve({BucketDemand{{10}, {{1.5, -0.5}}}}, 1), std::invalid_argument);
  EXPECT_THROW(StochasticPolicy::solve({BucketDemand{{10}, {{}}}}, 1), std::invalid_argument);
  BucketDemand too_many;
  too_many.prices.assign(65536, 1.0);
  too_many.demand_pmf.assign(65536, {1.0});
  EXPECT_THROW(StochasticPolicy::solve({too_many}, 1), std::invalid_argument);
  too_many.prices.pop_back();
  too_many.demand_pmf.pop_back();
  EXPECT_NO_THROW(StochasticPolicy::solve({too_many}, 1));

  const auto policy = StochasticPolicy::solve({ok}, 2);
  EXPECT_THROW(policy.choice(1, 0), std::out_of_range);
  EXPECT_THROW(policy.choice(0, 3), std::out_of_range);
  EXPECT_THROW(policy.value(2, 0), std::out_of_range);
  EXPECT_THROW(policy.value(0, -1), std::out_of_range);
  EXPECT_THROW(policy.expected_plan(3), std::out_of_range);
}

// The header's recursion, checked on tiny instances (T <= 3, S <= 3, P <= 3, demand 0 … 3)
// against exact enumeration:
//   closed loop — every policy over the reachable states ((0, S) and every (t >= 1, s)): the
//                 DP's value is the best of them;
//   open loop   — every fixed price sequence: none beats the DP.
// Also: the DP's value is its own policy's exact value, at every state; and each choice is the
// highest price among those that attain the maximum.
TEST(StochasticDp, MatchesEnumerationOfPoliciesOnTinyInstances) {
  std::mt19937 rng(42);
  for (int instance = 0; instance < 150; ++instance) {
    const int periods = 1 + instance % 3;
    const int prices = 1 + (instance / 3) % 3;
    const int seats = (instance / 9) % 4;
    const double weight = instance % 5 == 0 ? 1.5 : 0.0;
    const auto buckets = random_instance(rng, periods, prices);
    const auto policy = StochasticPolicy::solve(buckets, seats, weight);
    const double dp = policy.value(0, seats);
    const auto T = static_cast<std::size_t>(periods);
    const auto P = static_cast<std::size_t>(prices);

    for (std::size_t t = 0; t <= T; ++t)
      for (int s = 0; s <= seats; ++s)
        ASSERT_NEAR(policy.value(t, s), evaluate(buckets, weight, rule_of(policy), t, s), 1e-12)
            << "instance " << instance << " t " << t << " s " << s;

    // Tie-break: recompute every Q-value from the DP's next-bucket values.
    for (std::size_t t = 0; t < T; ++t)
      for (int s = 0; s <= seats; ++s) {
        std::vector<double> q(P);
        for (std::size_t k = 0; k < P; ++k)
          q[k] = evaluate(buckets, weight, [&](std::size_t u, int r) { return u == t ? k : policy.choice(u, r); }, t, s);
        const double best = *std::max_element(q.begin(), q.end());
        double highest_attaining = -1.0;
        for (std::size_t k = 0; k < P; ++k)
          if (q[k] >= best - 1e-9) highest_attaining = std::max(highest_attaining, buckets[t].prices[k]);
        EXPECT_NEAR(q[policy.choice(t, s)], best, 1e-9);
        EXPECT_DOUBLE_EQ(policy.price(t, s), highest_attaining) << "instance " << instance << " t " << t << " s " << s;
      }

    // Closed loop: state (0, S) then (t, s) for t >= 1, s = 0 … S.
    const std::size_t states = 1 + (T - 1) * static_cast<std::size_t>(seats + 1);
    double best_closed = -std::numeric_limits<double>::infinity();
    for_each_assignment(states, P, [&](const std::vector<std::size_t>& c) {
      const Rule rule = [&](std::size_t t, int s) { return t == 0 ? c[0] : c[1 + (t - 1) * static_cast<std::size_t>(seats + 1) + static_cast<std::size_t>(s)]; };
      best_closed = std::max(best_closed, evaluate(buckets, weight, rule, 0, seats));
    });
    EXPECT_NEAR(dp, best_closed, 1e-12) << "instance " << instance;

    // Open loop: one price index per bucket, whatever the seats.
    double best_open = -std::numeric_limits<double>::infinity();
    for_each_assignment(T, P, [&](const std::vector<std::size_t>& c) {
      const double open = evaluate(buckets, weight, [&](std::size_t t, int) { return c[t]; }, 0, seats);
      EXPECT_GE(dp, open - 1e-12) << "instance " << instance;
      best_open = std::max(best_open, open);
    });
    EXPECT_GE(best_closed, best_open - 1e-12);
  }
}

// A single bucket where the low price sells more but earns less: w = 0 picks 20, a large
// attendance weight picks 10. Exact expected tickets under the optimal policy never fall as w
// rises ((w' − w)(N' − N) >= 0 from optimality at both).
TEST(StochasticDp, AttendanceWeightShiftsTowardsSellingMore) {
  // One seat. Price 10: D = 1 surely → 10. Price 20: D = 0 or 1 equally → 20 · 0.5 = 10; the tie
  // goes to 20. With w = 5: (10 + 5) · 1 = 15 vs (20 + 5) · 0.5 = 12.5 → 10.
  const std::vector<BucketDemand> one{{{10, 20}, {{0.0, 1.0}, {0.5, 0.5}}}};
  EXPECT_DOUBLE_EQ(StochasticPolicy::solve(one, 1, 0.0).price(0, 1), 20.0);
  EXPECT_DOUBLE_EQ(StochasticPolicy::solve(one, 1, 5.0).price(0, 1), 10.0);

  std::mt19937 rng(99);
  for (int instance = 0; instance < 60; ++instance) {
    const auto buckets = random_instance(rng, 3, 3);
    double previous = -1.0;
    for (double weight : {0.0, 0.5, 2.0, 10.0}) {
      const auto policy = StochasticPolicy::solve(buckets, 3, weight);
      const double tickets = expected_tickets(buckets, rule_of(policy), 0, 3);
      EXPECT_GE(tickets, previous - 1e-9) << "instance " << instance << " weight " << weight;
      previous = tickets;
    }
  }
}

// The policy from compound-Poisson demand over more seats than the pmf's support exercises the
// padded kernel on both sides of the support; every value must match direct evaluation.
TEST(StochasticDp, MatchesDirectEvaluationOnALargerInstance) {
  std::vector<BucketDemand> buckets(3);
  for (std::size_t t = 0; t < buckets.size(); ++t)
    for (int k = 0; k < 3; ++k) {
      buckets[t].prices.push_back(10.0 + 5.0 * k);
      buckets[t].demand_pmf.push_back(compound_poisson_pmf(2.0 / (1 + k) + 0.5 * static_cast<double>(t), {0.5, 0.3, 0.2}, 1e-6));
    }
  const int seats = 40;
  const auto policy = StochasticPolicy::solve(buckets, seats);
  for (std::size_t t = 0; t <= buckets.size(); ++t)
    for (int s = 0; s <= seats; s += 3)
      EXPECT_NEAR(policy.value(t, s), evaluate(buckets, 0.0, rule_of(policy), t, s), 1e-9 * std::max(1.0, policy.value(t, s)));
  // With non-negative prices an extra seat never hurts.
  for (int s = 1; s <= seats; ++s) EXPECT_GE(policy.value(0, s), policy.value(0, s - 1) - 1e-12);
}
