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
  EXPECT_DOUBLE_EQ(s.mae_percent, 100 * (10 / 100.0 + 5 / 50.0 + 1 / 20.0 + 0) / 4);  // each price alike
}

TEST(Spread, MeanSampleStdMinMax) {
  const auto s = spread_of({1, 2, 3, 6});
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.std, std::sqrt((4 + 1 + 0 + 9) / 3.0));
  EXPECT_DOUBLE_EQ(s.min, 1.0);
  EXPECT_DOUBLE_EQ(s.max, 6.0);
  EXPECT_DOUBLE_EQ(spread_of({5}).std, 0.0);
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
  ASSERT_EQ(e.rows.size(), 6u);  // (2 methods + the baseline) × {group, individual}
  for (std::size_t i = 0; i < e.rows.size(); i += 3) {
    const auto &hybrid = e.rows[i].stats, &ours = e.rows[i + 1].stats;
    EXPECT_GT(hybrid.cases, 500u);
    EXPECT_EQ(hybrid.cases, ours.cases);  // the same split and the same test cases
    EXPECT_LT(ours.mae, hybrid.mae);
    EXPECT_LT(std::abs(ours.revenue_difference_sum), std::abs(hybrid.revenue_difference_sum));
  }
}

// The naive baseline (average price of the tier, key and bucket, whatever the quantity) is a row
// of its own, scored on the same test cases. On the default season it is as good as our method
// by MAE % (9.70% vs 9.75% by group, 11.06% vs 10.78% by code at seed 1): the bar a completion
// method has to clear, so it is reported next to them.
TEST(DemandEvaluation, NaiveBaselineRowOnTheSameCases) {
  DemandEvaluationOptions o;
  o.methods = {CompletionMethod::monotone};
  const auto e = evaluate_demand(market().dataset, o);
  ASSERT_EQ(e.rows.size(), 4u);
  for (std::size_t i = 0; i < e.rows.size(); i += 2) {
    const auto &ours = e.rows[i], &baseline = e.rows[i + 1];
    EXPECT_FALSE(ours.baseline);
    EXPECT_TRUE(baseline.baseline);
    EXPECT_EQ(method_label(baseline), "baseline");
    EXPECT_EQ(method_label(ours), "monotone");
    EXPECT_EQ(ours.individual, baseline.individual);
    EXPECT_EQ(ours.stats.cases, baseline.stats.cases);
    EXPECT_GT(baseline.stats.mae_percent, 0.0);
    EXPECT_LT(ours.stats.mae_percent, 1.05 * baseline.stats.mae_percent) << i;
    EXPECT_GT(ours.stats.mae_percent, 0.8 * baseline.stats.mae_percent) << i;
  }
}

// Over a range of split seeds: one run per seed (the first equal to a single-seed run), and each
// row's spread summarises exactly those runs.
TEST(DemandEvaluation, SeedRangeReportsMeanAndSpread) {
  DemandEvaluationOptions o;
  o.methods = {CompletionMethod::monotone};
  const auto e = evaluate_demand_seeds(market().dataset, o, 1, 3);
  ASSERT_EQ(e.runs.size(), 3u);
  ASSERT_EQ(e.rows.size(), 4u);
  o.seed = 1;
  const auto single = evaluate_demand(market().dataset, o);
  EXPECT_DOUBLE_EQ(e.runs[0].rows[0].stats.revenue_difference_sum, single.rows[0].stats.revenue_difference_sum);
  for (std::size_t i = 0; i < e.rows.size(); ++i) {
    std::vector<double> revenue, mae_percent;
    for (const auto& run : e.runs) {
      revenue.push_back(run.rows[i].stats.revenue_difference_sum);
      mae_percent.push_back(run.rows[i].stats.mae_percent);
    }
    const auto r = spread_of(revenue), m = spread_of(mae_percent);
    EXPECT_DOUBLE_EQ(e.rows[i].revenue_difference_sum.mean, r.mean);
    EXPECT_DOUBLE_EQ(e.rows[i].revenue_difference_sum.std, r.std);
    EXPECT_DOUBLE_EQ(e.rows[i].mae_percent.min, m.min);
    EXPECT_DOUBLE_EQ(e.rows[i].mae_percent.max, m.max);
    EXPECT_GT(e.rows[i].revenue_difference_sum.std, 0.0);  // the splits differ
    EXPECT_EQ(e.rows[i].baseline, i % 2 == 1);
  }
  EXPECT_THROW(evaluate_demand_seeds(market().dataset, o, 3, 1), std::invalid_argument);
}
