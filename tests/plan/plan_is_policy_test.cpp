// The reported plan is the policy (issue 10, item 12): every bucket of a plan is exactly what the
// closed-loop rule quotes at the plan's own expected state — the expected seats left (rounded)
// and the previous bucket's price in force. Later buckets used to come from a seat path that
// assumed free price changes (at a 10% limit, 100 of 950 buckets differed).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "seatsync/planner.hpp"
#include "test_support.hpp"

using namespace seatsync;

TEST(PlanIsPolicy, EveryBucketIsThePolicysQuoteAtTheExpectedState) {
  const auto& m = test::one_season_market();
  const auto& data = m.dataset;
  std::mt19937_64 rng(12);
  std::size_t checked = 0;
  for (const char* method : {"stochastic", "deterministic"})
    for (double limit : {0.1, 0.02}) {
      PlanParams params = data.params.plan;
      params.method = method;
      params.max_change = limit;
      params.rounding = limit < 0.05 ? "five" : "dollar";
      const Planner planner(data, m.truth.as_of, params);
      for (int k = 0; k < 25; ++k) {
        const auto& row = data.inventory[rng() % data.inventory.size()];
        if (data.games[row.game].date < m.truth.as_of || row.remaining == 0) continue;
        const CodePlan plan = planner.plan(row.game, row.code, row.remaining, row.current_price, m.truth.as_of);
        const auto policy = planner.policy(row.game, row.code, row.remaining, m.truth.as_of, row.current_price);
        ASSERT_TRUE(policy);
        double seats = row.remaining;
        std::optional<double> previous = row.current_price;
        for (const auto& b : plan.buckets) {
          const int s = static_cast<int>(std::lround(seats));
          ASSERT_EQ(b.price, policy->price(b.bucket, s, previous)) << method << " limit " << limit << " bucket " << b.name;
          ASSERT_TRUE(price_bounds(plan.constraints, previous).contains(b.price));
          seats = std::max(0.0, seats - b.expected_quantity);
          previous = b.price;
          ++checked;
        }
      }
    }
  EXPECT_GT(checked, 200u);
}
