#include <gtest/gtest.h>

#include <map>

#include "seatsync/demand_evaluation.hpp"
#include "seatsync/simulator.hpp"

using namespace seatsync;

TEST(PriceErrorStats, HandComputed) {
  // differences: +10, -5, +1, 0 ; tickets 2, 4, 1, 3
  auto s = price_error_stats({110, 45, 21, 30}, {100, 50, 20, 30}, {2, 4, 1, 3});
  EXPECT_EQ(s.cases, 4u);
  EXPECT_DOUBLE_EQ(s.positive_share, 0.5);
  EXPECT_DOUBLE_EQ(s.mean_difference, 1.5);
  EXPECT_DOUBLE_EQ(s.median_difference, 0.5);
  EXPECT_DOUBLE_EQ(s.revenue_difference_sum, 20 - 20 + 1 + 0);
  EXPECT_DOUBLE_EQ(s.mae, 4.0);
  EXPECT_DOUBLE_EQ(s.rmse, std::sqrt((100 + 25 + 1) / 4.0));
}

TEST(SeasonOf, SeasonsRunJulyToJune) {
  EXPECT_EQ(season_of(*Date::parse("2025-10-22")), 2025);
  EXPECT_EQ(season_of(*Date::parse("2026-04-10")), 2025);
  EXPECT_EQ(season_of(*Date::parse("2026-07-01")), 2026);
}

namespace {
const SimulatedMarket& market() {
  static const SimulatedMarket m = simulate_market({});
  return m;
}
}  // namespace

TEST(GameSplit, StratifiedDisjointDeterministicAndOnlyPlayedGames) {
  const auto& data = market().dataset;
  const Date as_of = market().truth.as_of;
  auto a = split_games(data, 0.2, 7, as_of), b = split_games(data, 0.2, 7, as_of), c = split_games(data, 0.2, 8, as_of);
  EXPECT_EQ(a.test, b.test);
  EXPECT_NE(a.test, c.test);
  std::size_t played = 0;
  std::map<std::pair<int, int>, std::pair<int, int>> strata;  // (season, tier) -> (test, all)
  for (GameIndex g = 0; g < data.games.size(); ++g) {
    const bool is_played = data.games[g].date < as_of;
    played += is_played;
    EXPECT_FALSE(a.test[g] && a.train[g]);
    EXPECT_EQ(a.test[g] || a.train[g], is_played);
    if (is_played) {
      auto& s = strata[{season_of(data.games[g].date), data.games[g].tier}];
      s.first += a.test[g];
      s.second += 1;
    }
  }
  EXPECT_EQ(a.test_games + a.train_games, played);
  EXPECT_EQ(a.test_games, static_cast<std::size_t>(std::llround(0.2 * played)));
  // Every stratum within one game of its exact share.
  for (const auto& [key, s] : strata) EXPECT_LE(std::abs(s.first - 0.2 * s.second), 1.0);
}

TEST(DemandEvaluation, OurMethodBeatsTheThesisHybridOnTheSimulatedSeason) {
  DemandEvaluationOptions o;
  o.methods = {CompletionMethod::hybrid, CompletionMethod::monotone};
  auto e = evaluate_demand(market().dataset, o);
  ASSERT_EQ(e.rows.size(), 4u);  // 2 methods × {group, individual}
  for (std::size_t i = 0; i < e.rows.size(); i += 2) {
    const auto &hybrid = e.rows[i].stats, &ours = e.rows[i + 1].stats;
    EXPECT_GT(hybrid.cases, 500u);
    EXPECT_EQ(hybrid.cases, ours.cases);  // the same split and the same test cases
    EXPECT_LT(ours.mae, hybrid.mae);
    EXPECT_LT(std::abs(ours.revenue_difference_sum), std::abs(hybrid.revenue_difference_sum));
  }
}
