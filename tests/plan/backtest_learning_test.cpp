// seatsync's planner in the closed loop, re-fitted on every decision day from the history plus
// its own sales so far (as the daily run does live): every price it sets honours the constraints
// of the fit that set it, and the re-fits do learn from those sales.
#include <gtest/gtest.h>

#include <cmath>
#include <mutex>

#include "plan/backtest_play.hpp"
#include "seatsync/backtest.hpp"
#include "seatsync/planner.hpp"
#include "test_support.hpp"

using namespace seatsync;

namespace {

// The first `games` upcoming games' rows, as the backtest builds them.
std::vector<BacktestRow> rows_of(const SimulatedMarket& m, std::size_t games) {
  std::vector<GameIndex> upcoming;
  for (const auto& r : m.dataset.inventory)
    if (std::find(upcoming.begin(), upcoming.end(), r.game) == upcoming.end()) upcoming.push_back(r.game);
  upcoming.resize(std::min(games, upcoming.size()));
  std::vector<BacktestRow> rows;
  for (const auto& r : m.dataset.inventory) {
    if (std::find(upcoming.begin(), upcoming.end(), r.game) == upcoming.end()) continue;
    const int days = m.dataset.games[r.game].date - m.truth.as_of;
    const auto b = m.dataset.params.bucket_index(days);
    const auto& bucket = m.dataset.params.buckets[b.value_or(0)];
    rows.push_back({r, b.value_or(0), b ? double(days - bucket.days_from + 1) / bucket.length() : 1.0});
  }
  return rows;
}

const SimulatedMarket& shifted_market() {
  static const SimulatedMarket market = [] {
    SimulationConfig config;
    config.seasons = 1;
    config.games_per_season = 20;
    config.scenario = *parse_scenario("shift");
    return simulate_market(config);
  }();
  return market;
}

}  // namespace

TEST(LearningPlanner, EveryPriceHonoursItsConstraints) {
  const auto& m = shifted_market();
  const auto rows = rows_of(m, 3);
  ASSERT_FALSE(rows.empty());
  PlanParams params = m.dataset.params.plan;
  params.max_change = 0.05;
  params.rounding = "five";
  std::mutex mutex;
  std::size_t prices = 0;
  play_learning_planner(m, rows, params, true, "test", {},
                        [&](std::size_t, std::size_t, double price, std::optional<double> previous,
                            const PriceConstraints& c) {
                          std::lock_guard lock(mutex);
                          ++prices;
                          ASSERT_TRUE(std::isfinite(price));
                          ASSERT_GE(price, c.floor);
                          ASSERT_TRUE(price_bounds(c, previous).contains(price)) << price << " from " << *previous;
                        });
  // Several decisions per row: one per bucket until it sells out.
  EXPECT_GT(prices, rows.size());
}

// A season selling well above history: re-fitting from what has sold changes the prices set
// (the update moves demand), and fitting once reproduces the policy planned at as_of exactly.
TEST(LearningPlanner, RefitsLearnFromTheSeasonsOwnSales) {
  const auto& m = shifted_market();
  const auto rows = rows_of(m, 4);
  const PlanParams params = m.dataset.params.plan;
  const auto once = play_learning_planner(m, rows, params, false, "once", {});
  const auto refit = play_learning_planner(m, rows, params, true, "refit", {});
  const Planner planner(m.dataset, m.truth.as_of, params);
  double once_revenue = 0, refit_revenue = 0, replay_revenue = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i].state;
    replay_revenue += play_row(m.truth, rows[i], *planner.policy(r.game, r.code, r.remaining, m.truth.as_of, r.current_price)).revenue;
    once_revenue += once[i].revenue;
    refit_revenue += refit[i].revenue;
  }
  EXPECT_DOUBLE_EQ(once_revenue, replay_revenue);
  EXPECT_NE(once_revenue, refit_revenue);
}

TEST(LearningPlanner, BacktestSaysHowItFitted) {
  BacktestOptions o;
  o.max_games = 1;
  o.refit = false;
  const auto r = run_backtest(test::one_season_market(), o);
  EXPECT_FALSE(r.refit);
  EXPECT_NE(r.outcomes[0].description.find("fitted once"), std::string::npos);
  ASSERT_FALSE(r.outcomes[0].tier_ratio.empty());
  for (const auto& [tier, ratio] : r.outcomes.back().tier_ratio) EXPECT_DOUBLE_EQ(ratio, 1.0) << tier;  // the oracle's own
}
