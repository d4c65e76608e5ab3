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
      EXPECT_EQ(game.buckets.size(), row.cells.size());
      for (std::size_t b = 0; b < row.cells.size(); ++b) {
        const auto& c = row.cells[b];
        ++cells;
        EXPECT_DOUBLE_EQ(c.recommended_price, plan.buckets[b].price);
        EXPECT_NEAR(c.change, plan.buckets[b].price - *plan.current_price, 1e-9);
        EXPECT_NEAR(c.change_share, c.change / *plan.current_price, 1e-12);
        EXPECT_EQ(c.large, std::abs(c.change_share) >= 0.05);
        EXPECT_EQ(c.supported, c.support_orders >= 10);
        const GuideFill expected = !c.supported ? GuideFill::none : c.large ? GuideFill::dark : GuideFill::light;
        EXPECT_EQ(c.fill, expected);
        EXPECT_GE(c.support_games, c.support_orders > 0 ? 1 : 0);
      }
      dark_now += row.cells.front().fill == GuideFill::dark;
    }
  }
  EXPECT_GT(cells, 1000u);
  // Significant = the dark cells of the current bucket, largest relative change first.
  ASSERT_EQ(guide.significant.size(), dark_now);
  for (std::size_t i = 1; i < guide.significant.size(); ++i)
    EXPECT_GE(std::abs(guide.significant[i - 1].change_share), std::abs(guide.significant[i].change_share));
}
