// The planner end to end on simulated markets: every recommended price honours its constraints
// whatever the parameters, plans have the public shape, and the learned demand is sane.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "seatsync/backtest.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/simulator.hpp"

using namespace seatsync;

namespace {

const SimulatedMarket& market(Scenario scenario) {
  static std::map<Scenario, SimulatedMarket> cache;
  auto it = cache.find(scenario);
  if (it == cache.end()) {
    SimulationConfig config;
    config.seasons = 2;
    config.scenario = scenario;
    it = cache.emplace(scenario, simulate_market(config)).first;
  }
  return it->second;
}

// Random but valid [plan] parameters.
PlanParams random_params(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  PlanParams p;
  p.method = u(rng) < 0.5 ? "stochastic" : "deterministic";
  p.demand = std::vector<std::string>{"nn", "svd", "hybrid", "monotone"}[rng() % 4];
  p.rounding = std::vector<std::string>{"none", "dollar", "five", "charm"}[rng() % 4];
  p.attendance_weight = u(rng) < 0.5 ? 0.0 : 50 * u(rng);
  p.ceiling = u(rng) < 0.3 ? std::optional<double>(20 + 2000 * u(rng)) : std::nullopt;
  p.ceiling_multiple = u(rng) < 0.7 ? std::optional<double>(1 + 3 * u(rng)) : std::nullopt;
  p.max_change = u(rng) < 0.5 ? std::optional<double>(0.02 + 0.5 * u(rng)) : std::nullopt;
  p.price_points = 2 + static_cast<int>(rng() % 30);
  return p;
}

}  // namespace

TEST(Planner, NoRecommendedPriceEverBreaksItsConstraints) {
  std::mt19937_64 rng(2026);
  const auto& m = market(Scenario::balanced);
  const auto& data = m.dataset;
  for (int trial = 0; trial < 12; ++trial) {
    const PlanParams params = random_params(rng);
    const Planner planner(data, m.truth.as_of, params);
    for (int k = 0; k < 40; ++k) {
      const auto& row = data.inventory[rng() % data.inventory.size()];
      // Random states, including a price in force far outside the constraints.
      const int remaining = static_cast<int>(rng() % (data.codes[row.code].capacity + 1));
      const double current = row.current_price * std::exp(std::normal_distribution<double>(0, 0.8)(rng));
      const Date today = m.truth.as_of + static_cast<int>(rng() % 60);
      const CodePlan plan = planner.plan(row.game, row.code, remaining, current, today);
      if (data.games[row.game].date < today) {
        EXPECT_TRUE(plan.buckets.empty());
        continue;
      }
      const auto& c = plan.constraints;
      EXPECT_EQ(c.floor, data.codes[row.code].floor_price);
      if (remaining == 0) {  // sold out: planned, without buckets
        EXPECT_TRUE(plan.buckets.empty());
        continue;
      }
      ASSERT_FALSE(plan.buckets.empty());
      std::optional<double> previous = current;
      for (const auto& b : plan.buckets) {
        const auto bounds = price_bounds(c, previous);
        ASSERT_TRUE(std::isfinite(b.price)) << "trial " << trial;
        ASSERT_GE(b.price, c.floor - 1e-9);
        if (c.ceiling) ASSERT_LE(b.price, *c.ceiling + 1e-9);
        ASSERT_TRUE(bounds.contains(b.price)) << b.price << " outside [" << bounds.lo << ", " << bounds.hi << "]";
        ASSERT_GE(b.expected_quantity, 0.0);
        previous = b.price;
      }
      EXPECT_LE(plan.expected_tickets, remaining + 1e-6);
      // The closed-loop rule obeys the same bounds from any state.
      const auto policy = planner.policy(row.game, row.code, remaining, today);
      ASSERT_TRUE(policy);
      const std::size_t first = plan.buckets.front().bucket;
      for (std::size_t b = first; b < data.params.buckets.size(); ++b) {
        const double p = policy->price(b, static_cast<int>(rng() % (remaining + 1)), current);
        ASSERT_TRUE(price_bounds(c, current).contains(p));
      }
    }
  }
}

TEST(Planner, PlansRunFromTodaysBucketToGameDayWithConsistentTotals) {
  const auto& m = market(Scenario::balanced);
  const auto& data = m.dataset;
  const PlanSet set = plan_games(data, m.truth.as_of);
  std::size_t upcoming_rows = 0;
  for (const auto& r : data.inventory) upcoming_rows += data.games[r.game].date >= m.truth.as_of;
  std::size_t plans = 0;
  for (const auto& game : set.games) {
    const int days = data.games[game.game].date - m.truth.as_of;
    for (const auto& p : game.plans) {
      ++plans;
      if (p.remaining == 0) {  // sold out: planned, without buckets
        EXPECT_TRUE(p.buckets.empty());
        continue;
      }
      ASSERT_FALSE(p.buckets.empty());
      EXPECT_TRUE(data.params.buckets[p.buckets.front().bucket].contains(days));
      EXPECT_EQ(p.buckets.back().name, "0");
      double revenue = 0, tickets = 0;
      for (const auto& b : p.buckets) {
        EXPECT_NEAR(b.expected_revenue, b.price * b.expected_quantity, 1e-6);
        revenue += b.expected_revenue;
        tickets += b.expected_quantity;
      }
      EXPECT_NEAR(p.expected_revenue, revenue, 1e-6);
      EXPECT_NEAR(p.expected_tickets, tickets, 1e-6);
    }
  }
  EXPECT_EQ(plans, upcoming_rows);  // sold-out codes included
}

TEST(Planner, APlayedGameHasNoPlan) {
  const auto& m = market(Scenario::balanced);
  const Planner planner(m.dataset, m.truth.as_of, Params::defaults().plan);
  GameIndex played = 0;
  while (m.dataset.games[played].date >= m.truth.as_of) ++played;
  EXPECT_TRUE(planner.plan(played, 0, 10, 100.0, m.truth.as_of).buckets.empty());
  EXPECT_EQ(planner.policy(played, 0, 10, m.truth.as_of), nullptr);
}

TEST(ArrivalDemand, LearnsTheTruthsOrderOfMagnitude) {
  const auto& m = market(Scenario::balanced);
  ArrivalFitOptions o;
  o.as_of = m.truth.as_of;
  const auto model = ArrivalDemandModel::fit(m.dataset, o);
  // The simulator's WTP spread is 0.4; the estimate comes from within-game price noise only.
  EXPECT_GT(model.groups()[0].wtp_sigma, 0.2);
  EXPECT_LT(model.groups()[0].wtp_sigma, 0.8);
  double truth_arrivals = 0, model_arrivals = 0;
  for (GameIndex g = 0; g < m.dataset.games.size(); ++g) {
    if (!is_upcoming(m.truth, g)) continue;
    for (CodeIndex c = 0; c < m.dataset.codes.size(); ++c)
      for (std::size_t b = 0; b < m.truth.buckets.size(); ++b) {
        truth_arrivals += expected_arrivals(m.truth, g, c, b);
        model_arrivals += model.arrivals(m.dataset.games[g].tier, c, b);
      }
  }
  EXPECT_NEAR(model_arrivals / truth_arrivals, 1.0, 0.35);
  // Purchase probability falls with price.
  EXPECT_GT(model.purchase_probability(1, 0, 7, 500), model.purchase_probability(1, 0, 7, 1500));
}

TEST(Backtest, SeatsyncBeatsTheBaselinesWhereDemandIsStrongAndTheOracleLeads) {
  BacktestOptions o;
  o.max_games = 8;
  const auto r = run_backtest(market(Scenario::sellout), o);
  ASSERT_EQ(r.outcomes.size(), 6u);
  std::map<std::string, PolicyOutcome> by;
  for (const auto& x : r.outcomes) by[x.policy] = x;
  EXPECT_EQ(r.games, 8u);
  EXPECT_DOUBLE_EQ(by["oracle"].ratio_to_oracle, 1.0);
  EXPECT_GT(by["seatsync-stochastic"].revenue, by["static"].revenue);
  EXPECT_GT(by["seatsync-stochastic"].revenue, by["analyst"].revenue);
  EXPECT_GT(by["oracle"].revenue, by["static"].revenue);
  for (const auto& x : r.outcomes) {
    EXPECT_GT(x.revenue, 0);
    EXPECT_LE(x.tickets, r.seats_at_start);
    EXPECT_LE(x.sell_through, 1.0);
  }
}
