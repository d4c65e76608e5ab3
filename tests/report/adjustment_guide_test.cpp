#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/adjustment_guide.hpp"
#include "seatsync/simulator.hpp"
#include "test_support.hpp"

using namespace seatsync;

namespace {
const SimulatedMarket& market() { return test::one_season_market(); }
}  // namespace

TEST(AdjustmentGuide, CellsCompareThePlanWithThePriceInForceAndColourByChangeAndSupport) {
  const auto& data = market().dataset;
  const Planner planner(data, market().truth.as_of, data.params.plan);
  const PlanSet plans = plan_games(data, planner, market().truth.as_of);
  GuideThresholds t;
  t.large_change = 0.05;
  t.min_support_orders = 10;
  t.min_expected_tickets = 0.5;
  t.min_revenue_at_stake = 50;
  const auto guide = build_adjustment_guide(data, plans, planner, t);
  ASSERT_EQ(guide.games.size(), plans.games.size());
  std::size_t dark_now = 0, cells = 0;
  for (std::size_t g = 0; g < guide.games.size(); ++g) {
    const auto& game = guide.games[g];
    ASSERT_EQ(game.rows.size(), plans.games[g].plans.size());
    for (std::size_t r = 0; r < game.rows.size(); ++r) {
      const auto& row = game.rows[r];
      const auto& plan = plans.games[g].plans[r];
      ASSERT_EQ(row.cells.size(), plan.buckets.size());
      if (plan.buckets.empty()) {  // a sold-out code: listed, with nothing to recommend
        EXPECT_EQ(plan.remaining, 0);
        continue;
      }
      EXPECT_EQ(game.buckets.size(), row.cells.size());
      for (std::size_t b = 0; b < row.cells.size(); ++b) {
        const auto& c = row.cells[b];
        ++cells;
        EXPECT_DOUBLE_EQ(c.recommended_price, plan.buckets[b].price);
        EXPECT_NEAR(c.change, plan.buckets[b].price - *plan.current_price, 1e-9);
        EXPECT_NEAR(c.change_share, c.change / *plan.current_price, 1e-12);
        EXPECT_EQ(c.large, std::abs(c.change_share) >= 0.05);
        EXPECT_EQ(c.supported, c.support_orders >= 10);
        EXPECT_DOUBLE_EQ(c.expected_tickets, plan.buckets[b].expected_quantity);
        EXPECT_NEAR(c.revenue_at_stake, std::abs(c.change) * plan.buckets[b].expected_quantity, 1e-9);
        EXPECT_EQ(c.material, c.expected_tickets > 0 && c.expected_tickets >= 0.5 && c.revenue_at_stake >= 50);
        const GuideFill expected = !c.supported                ? GuideFill::none
                                   : c.large && c.material ? GuideFill::dark
                                                               : GuideFill::light;
        EXPECT_EQ(c.fill, expected);
        EXPECT_GE(c.support_games, c.support_orders > 0 ? 1 : 0);
      }
      dark_now += row.cells.front().fill == GuideFill::dark;
    }
  }
  EXPECT_GT(cells, 1000u);
  // Significant = the dark cells of the current bucket, most revenue at stake first.
  ASSERT_EQ(guide.significant.size(), dark_now);
  EXPECT_GT(dark_now, 0u);
  for (std::size_t i = 1; i < guide.significant.size(); ++i)
    EXPECT_GE(guide.significant[i - 1].revenue_at_stake, guide.significant[i].revenue_at_stake);
}

// The case: a supported code whose plan jumps to the ceiling where nothing is expected to
// sell is a large change by percentage, but there is nothing to act on.
TEST(AdjustmentGuide, AMoveWhereNothingIsExpectedToSellIsNeverSignificant) {
  const auto& data = market().dataset;
  const Planner planner(data, market().truth.as_of, data.params.plan);
  PlanSet plans = plan_games(data, planner, market().truth.as_of);
  const GuideThresholds defaults;
  // The best-supported plan with a current price: the cell would be "act on it" on support and size alone.
  CodePlan* target = nullptr;
  int best = -1;
  for (auto& g : plans.games)
    for (auto& p : g.plans) {
      if (!p.current_price || p.buckets.empty() || !p.constraints.ceiling) continue;
      const int orders =
          planner.matrices().code_matrix(data.games[g.game].tier, p.code).observed.orders.row(
              static_cast<Eigen::Index>(p.buckets[0].bucket)).sum();
      if (orders > best) best = orders, target = &p;
    }
  ASSERT_NE(target, nullptr);
  ASSERT_GE(best, defaults.min_support_orders);
  auto& now = target->buckets[0];
  now.price = *target->constraints.ceiling;
  now.expected_quantity = 0.0;
  now.expected_revenue = 0.0;
  ASSERT_GE(std::abs(now.price - *target->current_price) / *target->current_price, defaults.large_change);

  const auto guide = build_adjustment_guide(data, plans, planner, defaults);
  for (const auto& g : guide.games)
    for (const auto& row : g.rows) {
      if (row.price_code != data.codes[target->code].code || g.game_id != data.games[target->game].id) continue;
      const auto& cell = row.cells.front();
      EXPECT_TRUE(cell.large);
      EXPECT_TRUE(cell.supported);
      EXPECT_FALSE(cell.material);
      EXPECT_EQ(cell.fill, GuideFill::light);
    }
  for (const auto& s : guide.significant) {
    EXPECT_FALSE(s.game_id == data.games[target->game].id && s.price_code == data.codes[target->code].code);
    // With the defaults every significant recommendation moves real money.
    EXPECT_GE(s.expected_tickets, defaults.min_expected_tickets);
    EXPECT_GE(s.revenue_at_stake, defaults.min_revenue_at_stake);
  }
}
