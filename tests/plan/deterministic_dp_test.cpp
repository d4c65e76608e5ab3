// solve_deterministic: hand-computed plans, the rules (hold price, skipped prices, seat limit,
// tie-break, attendance weight), and optimality against enumerating every quantity vector.
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

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

std::vector<int> quantities(const PricePlanResult& plan) {
  std::vector<int> q;
  for (const auto& bucket : plan.buckets) q.push_back(static_cast<int>(bucket.expected_quantity));
  return q;
}

// Every quantity vector with Σ q <= seats and only finite prices, best objective first by value
// and then lexicographically smallest (the DP's tie-break: fewer tickets earlier).
struct BruteForce {
  double best = -Inf;
  std::vector<int> best_plan;
};

BruteForce enumerate(const std::vector<QuantityPrices>& buckets, int seats, double weight) {
  BruteForce result;
  std::vector<int> plan(buckets.size(), 0);
  std::function<void(std::size_t, int, double)> visit = [&](std::size_t t, int left, double value) {
    if (t == buckets.size()) {
      if (value > result.best) {  // strict: keeps the lexicographically first optimum
        result.best = value;
        result.best_plan = plan;
      }
      return;
    }
    for (int q = 0; q <= left && q <= static_cast<int>(buckets[t].prices.size()); ++q) {
      const double price = q == 0 ? 0.0 : buckets[t].prices[static_cast<std::size_t>(q - 1)];
      if (!std::isfinite(price)) continue;
      plan[t] = q;
      visit(t + 1, left - q, value + (price + weight) * q);
    }
  };
  visit(0, seats, 0.0);
  return result;
}

}  // namespace

// Two buckets, three seats. Revenue r_t(q) = q · price_t(q):
//   bucket 0: prices 10, 8, 6  → r_0 = 0, 10, 16, 18
//   bucket 1: prices 20, 15, 9 → r_1 = 0, 20, 30, 27
// Feasible q_0 + q_1 <= 3: (1,2) = 10 + 30 = 40 is best; (2,1) = 36, (0,2) = 30, (0,3) = 27.
TEST(DeterministicDp, HandComputedTwoBucketsThreeSeats) {
  const std::vector<QuantityPrices> buckets{{{10, 8, 6}, 10}, {{20, 15, 9}, 20}};
  const auto plan = solve_deterministic(buckets, 3);
  ASSERT_EQ(plan.buckets.size(), 2u);
  EXPECT_EQ(quantities(plan), (std::vector<int>{1, 2}));
  EXPECT_DOUBLE_EQ(plan.buckets[0].price, 10.0);
  EXPECT_DOUBLE_EQ(plan.buckets[0].expected_revenue, 10.0);
  EXPECT_DOUBLE_EQ(plan.buckets[1].price, 15.0);
  EXPECT_DOUBLE_EQ(plan.buckets[1].expected_revenue, 30.0);
  EXPECT_DOUBLE_EQ(plan.expected_revenue, 40.0);
  EXPECT_DOUBLE_EQ(plan.expected_tickets, 3.0);
  EXPECT_DOUBLE_EQ(plan.objective, 40.0);
}

// Thesis 3.2.1: when later buckets pay more, an early bucket sells nothing and quotes the row
// maximum. r_0 = 5, 8, 9; r_1 = 20, 38, 54: everything goes to bucket 1 (54 > 20 + 8 …).
TEST(DeterministicDp, HoldsSeatsForLaterAtTheHoldPrice) {
  const std::vector<QuantityPrices> buckets{{{5, 4, 3}, 5}, {{20, 19, 18}, 20}};
  const auto plan = solve_deterministic(buckets, 3);
  EXPECT_EQ(quantities(plan), (std::vector<int>{0, 3}));
  EXPECT_DOUBLE_EQ(plan.buckets[0].price, 5.0);  // hold price
  EXPECT_DOUBLE_EQ(plan.buckets[0].expected_revenue, 0.0);
  EXPECT_DOUBLE_EQ(plan.objective, 54.0);
}

// Equal objectives: 1 ticket at 10 or 2 at 5 (both 10) → the single ticket at 10.
TEST(DeterministicDp, TieSellsFewerTicketsAtTheHigherPrice) {
  const auto plan = solve_deterministic({{{10, 5}, 10}}, 2);
  EXPECT_EQ(quantities(plan), (std::vector<int>{1}));
  EXPECT_DOUBLE_EQ(plan.buckets[0].price, 10.0);
}

// Equal objectives across buckets: the seat sells at 10 now or at 10 later → later, keeping the
// option open.
TEST(DeterministicDp, TieSellsFewerTicketsNow) {
  const auto plan = solve_deterministic({{{10}, 10}, {{10}, 10}}, 1);
  EXPECT_EQ(quantities(plan), (std::vector<int>{0, 1}));
}

TEST(DeterministicDp, NonFinitePricesAreNeverChosen) {
  // q = 1 is NaN (not allowed), q = 2 at 7 → 14; an infinite price would otherwise win.
  EXPECT_EQ(quantities(solve_deterministic({{{NaN, 7}, 7}}, 2)), (std::vector<int>{2}));
  const auto plan = solve_deterministic({{{3, Inf, -Inf}, 3}}, 3);
  EXPECT_EQ(quantities(plan), (std::vector<int>{1}));
  EXPECT_DOUBLE_EQ(plan.objective, 3.0);
  // Nothing sellable: q = 0 at the hold price.
  const auto none = solve_deterministic({{{NaN, NaN}, 42}}, 2);
  EXPECT_EQ(quantities(none), (std::vector<int>{0}));
  EXPECT_DOUBLE_EQ(none.buckets[0].price, 42.0);
}

TEST(DeterministicDp, NeverSellsMoreThanTheSeatsLeft) {
  // q = 3 at 100 would be worth 300 but only 2 seats exist: q = 2 at 1.
  const auto plan = solve_deterministic({{{1, 1, 100}, 100}}, 2);
  EXPECT_EQ(quantities(plan), (std::vector<int>{2}));
  EXPECT_DOUBLE_EQ(plan.objective, 2.0);
}

// One bucket, prices 10 (q = 1) and 4 (q = 2). w = 0: 10 vs 8 → q = 1.
// w = 3: (10 + 3)·1 = 13 vs (4 + 3)·2 = 14 → q = 2, revenue 8, objective 14.
TEST(DeterministicDp, AttendanceWeightSellsMore) {
  const std::vector<QuantityPrices> buckets{{{10, 4}, 10}};
  EXPECT_EQ(quantities(solve_deterministic(buckets, 2, 0.0)), (std::vector<int>{1}));
  const auto weighted = solve_deterministic(buckets, 2, 3.0);
  EXPECT_EQ(quantities(weighted), (std::vector<int>{2}));
  EXPECT_DOUBLE_EQ(weighted.expected_revenue, 8.0);
  EXPECT_DOUBLE_EQ(weighted.objective, 14.0);
}

TEST(DeterministicDp, ZeroSeatsOrNoBuckets) {
  const auto plan = solve_deterministic({{{10, 8}, 12}, {{20}, 21}}, 0);
  EXPECT_EQ(quantities(plan), (std::vector<int>{0, 0}));
  EXPECT_DOUBLE_EQ(plan.buckets[0].price, 12.0);
  EXPECT_DOUBLE_EQ(plan.buckets[1].price, 21.0);
  EXPECT_DOUBLE_EQ(plan.objective, 0.0);
  EXPECT_TRUE(solve_deterministic({}, 5).buckets.empty());
  EXPECT_DOUBLE_EQ(solve_deterministic({}, 5).objective, 0.0);
}

TEST(DeterministicDp, RejectsInvalidInput) {
  EXPECT_THROW(solve_deterministic({{{1}, 1}}, -1), std::invalid_argument);
  EXPECT_THROW(solve_deterministic({{{1}, 1}}, 1, NaN), std::invalid_argument);
}

// Random small instances against every quantity vector. Integer prices from a small range make
// exact ties common, so this also checks the tie-break: the plan is the lexicographically
// smallest optimal vector.
TEST(DeterministicDp, MatchesBruteForceOnRandomInstances) {
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> periods_dist(1, 4), seats_dist(0, 6), quantities_dist(0, 4), price_dist(-2, 12);
  for (int instance = 0; instance < 500; ++instance) {
    std::vector<QuantityPrices> buckets(static_cast<std::size_t>(periods_dist(rng)));
    for (auto& bucket : buckets) {
      const int k = quantities_dist(rng);
      for (int q = 0; q < k; ++q) {
        const int draw = price_dist(rng);
        bucket.prices.push_back(draw < 0 ? NaN : draw);
      }
      bucket.hold_price = 99;
    }
    const int seats = seats_dist(rng);
    const double weight = instance % 3 == 0 ? 2.0 : 0.0;
    const auto plan = solve_deterministic(buckets, seats, weight);
    const auto brute = enumerate(buckets, seats, weight);
    ASSERT_NEAR(plan.objective, brute.best, 1e-9) << "instance " << instance;
    EXPECT_EQ(quantities(plan), brute.best_plan) << "instance " << instance;
    EXPECT_LE(plan.expected_tickets, seats);
    EXPECT_NEAR(plan.objective, plan.expected_revenue + weight * plan.expected_tickets, 1e-9);
  }
}

// Raising the attendance weight never lowers the tickets sold by the optimal plan: if w' > w,
// optimality at both gives (w' − w)(N' − N) >= 0.
TEST(DeterministicDp, TicketsNeverFallAsAttendanceWeightRises) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> price_dist(1.0, 30.0);
  for (int instance = 0; instance < 100; ++instance) {
    std::vector<QuantityPrices> buckets(4);
    for (auto& bucket : buckets) {
      double price = price_dist(rng);
      for (int q = 1; q <= 6; ++q) bucket.prices.push_back(price *= 0.8);
    }
    double previous = -1.0;
    for (double weight : {0.0, 1.0, 3.0, 10.0, 100.0}) {
      const double tickets = solve_deterministic(buckets, 10, weight).expected_tickets;
      EXPECT_GE(tickets, previous) << "instance " << instance << " weight " << weight;
      previous = tickets;
    }
  }
}

// Every quantity allowed (K = seats, issue 17's full instance in small): random non-increasing
// rows, and rows of a few integer prices so that equal prices — and equal objectives — are
// common and pin the tie-break (lexicographically smallest optimal vector).
TEST(DeterministicDp, MatchesBruteForceWithEveryQuantityAllowed) {
  std::mt19937 rng(20261202);
  std::uniform_int_distribution<int> periods_dist(1, 4), seats_dist(0, 7), price_dist(1, 4);
  std::uniform_real_distribution<double> uniform(0.3, 1.0);
  for (int instance = 0; instance < 400; ++instance) {
    const int seats = seats_dist(rng);
    const bool ties = instance % 2 == 0;
    std::vector<QuantityPrices> buckets(static_cast<std::size_t>(periods_dist(rng)));
    for (std::size_t t = 0; t < buckets.size(); ++t) {
      std::vector<double> row;
      for (int q = 0; q <= seats; ++q) row.push_back(ties ? price_dist(rng) : 100.0 * (1.0 + t / 90.0) * uniform(rng));
      std::sort(row.begin(), row.end(), std::greater<>());  // row[0] is the hold price
      buckets[t].hold_price = row[0];
      buckets[t].prices.assign(row.begin() + 1, row.end());
    }
    const double weight = instance % 5 == 0 ? 1.0 : 0.0;
    const auto plan = solve_deterministic(buckets, seats, weight);
    const auto brute = enumerate(buckets, seats, weight);
    ASSERT_NEAR(plan.objective, brute.best, 1e-9) << "instance " << instance;
    EXPECT_EQ(quantities(plan), brute.best_plan) << "instance " << instance;
  }
}
