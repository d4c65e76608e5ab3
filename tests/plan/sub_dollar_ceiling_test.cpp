// Regression (found by PlannerInvariant, issue 19): the stochastic planner's price grid starts
// at $1 (its geometric spacing needs a positive lower end), and a ceiling below $1 — params.toml
// accepts any ceiling > 0, and a floor may be 0 — made that range empty: price_grid threw
// "the range [1, 0.75] is empty" and no plan or policy could be made for the code. The same
// happened without a ceiling when the floor lay above 4 × the code's reference price. Now the
// grid's range is never empty: its ends are clamped into the constraints.
#include <gtest/gtest.h>

#include "price_invariant.hpp"
#include "seatsync/planner.hpp"
#include "test_support.hpp"

using namespace seatsync;

namespace {

struct Case {
  Dataset data;
  Date as_of;
  InventoryRow row;
};

// The one-season market with the first upcoming row's code given `floor`.
Case market_with_floor(double floor) {
  const auto& m = test::one_season_market();
  Case c{m.dataset, m.truth.as_of, {}};
  for (const auto& r : c.data.inventory)
    if (c.data.games[r.game].date >= c.as_of + 10 && r.remaining > 0) {
      c.row = r;
      break;
    }
  c.data.codes[c.row.code].floor_price = floor;
  return c;
}

}  // namespace

TEST(SubDollarCeiling, StochasticPlanQuotesTheCeiling) {
  const auto c = market_with_floor(0.0);
  PlanParams params;  // stochastic, 20 % change limit
  params.ceiling = 0.75;
  params.rounding = "none";  // (whole dollars would make it $0, the only whole dollar in [0, 0.75])
  const Planner planner(c.data, c.as_of, params);
  const auto limits = planner.constraints(c.row.code);
  ASSERT_EQ(limits.ceiling, 0.75);
  const CodePlan plan = planner.plan(c.row.game, c.row.code, c.row.remaining, std::nullopt, c.as_of);
  ASSERT_FALSE(plan.buckets.empty());
  // The only price the grid holds: the ceiling.
  for (const auto& b : plan.buckets) EXPECT_EQ(b.price, 0.75) << b.name;
  const auto policy = planner.policy(c.row.game, c.row.code, c.row.remaining, c.as_of, 2.0);
  EXPECT_EQ(policy->price(plan.buckets[0].bucket, c.row.remaining, 2.0), 0.75);  // $2 in force: down to the ceiling
}

TEST(SubDollarCeiling, FloorAboveTheUnboundedGridTopQuotesTheFloor) {
  const auto c = market_with_floor(1e6);  // far above 4 × any reference price
  PlanParams params;
  params.ceiling_multiple.reset();  // no ceiling at all (library callers; params.toml always has one)
  const Planner planner(c.data, c.as_of, params);
  const CodePlan plan = planner.plan(c.row.game, c.row.code, c.row.remaining, std::nullopt, c.as_of);
  ASSERT_FALSE(plan.buckets.empty());
  for (const auto& b : plan.buckets) {
    EXPECT_EQ(b.price, 1e6) << b.name;
    EXPECT_EQ(test::price_violation(b.price, plan.constraints), "");
  }
}
