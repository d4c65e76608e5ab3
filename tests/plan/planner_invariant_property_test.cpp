// The first invariant through the whole planner (issue 19, section 4): random simulated
// datasets (seed, scenario, games), their floors, seats left and prices in force shaken
// (zero and huge floors, a floor above the ceiling so that ceiling == floor, sold-out codes,
// prices in force far outside the bounds), random [plan] parameters (both methods, tiny
// ceilings, zero and tight change limits, every rounding), and random days left down to game
// day. Every price of every plan (each bucket against the one before it) and every quote of
// every policy from random states is checked against the constraints the planner declares for
// the code — which must themselves be the dataset's floor and the parameters' limit.
// Fixed seed; the counts scale with SEATSYNC_INVARIANT_SCALE and are printed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "price_invariant.hpp"
#include "random_price_inputs.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/simulator.hpp"

using namespace seatsync;
using seatsync::test::price_violation;
using seatsync::test::RandomPriceInputs;
using seatsync::test::scaled_cases;

namespace {

SimulatedMarket random_market(RandomPriceInputs& in) {
  SimulationConfig config;
  config.seasons = 1;
  config.seed = in.rng()();
  config.games_per_season = in.between(5, 8);
  config.scenario = static_cast<Scenario>(in.rng()() % 7);
  auto market = simulate_market(config);
  auto& data = market.dataset;
  for (auto& code : data.codes) {  // shaken floors: zero, a cent, typical, far above any price
    const double r = in.unit();
    if (r < 0.1) code.floor_price = 0.0;
    else if (r < 0.15) code.floor_price = 0.01;
    else if (r < 0.25) code.floor_price = in.cents(code.floor_price * (2 + 20 * in.unit()));
  }
  for (auto& row : data.inventory) {
    const int capacity = data.codes[row.code].capacity;
    const double r = in.unit();
    if (r < 0.1) row.remaining = 0;
    else if (r < 0.2) row.remaining = 1;
    else if (r < 0.3) row.remaining = capacity;
    const double f = in.unit();
    if (f < 0.1) row.current_price = 0.0;  // no price in force
    else if (f < 0.3) row.current_price = in.cents(row.current_price * std::exp(2 * (in.unit() - 0.5) * 3));
  }
  return market;
}

PlanParams random_params(RandomPriceInputs& in) {
  PlanParams p;
  p.method = in.chance(0.5) ? "stochastic" : "deterministic";
  p.demand = std::vector<std::string>{"nn", "svd", "hybrid", "monotone"}[in.rng()() % 4];
  p.rounding = std::vector<std::string>{"none", "dollar", "five", "charm"}[in.rng()() % 4];
  p.attendance_weight = in.chance(0.6) ? 0.0 : 100 * in.unit();
  const double c = in.unit();
  p.ceiling = c < 0.1 ? std::optional<double>(0.5 * in.unit()) : c < 0.35 ? std::optional<double>(5 + 500 * in.unit()) : std::nullopt;
  const double m = in.unit();
  p.ceiling_multiple = m < 0.1 ? std::optional<double>(1.0) : m < 0.8 ? std::optional<double>(1 + 3 * in.unit()) : std::nullopt;
  const double x = in.unit();
  p.max_change = x < 0.2 ? std::nullopt : x < 0.3 ? std::optional<double>(0.0) : x < 0.5 ? std::optional<double>(0.001 + 0.02 * in.unit())
                                                                               : std::optional<double>(0.02 + 0.6 * in.unit());
  p.hold_margin = std::vector<double>{0.0, 0.002, 0.05}[in.rng()() % 3];
  p.price_points = in.between(1, 24);
  return p;
}

std::string describe(const PlanParams& p) {
  return fmt::format("method {} demand {} rounding {} ceiling {} multiple {} max_change {} points {}", p.method, p.demand,
                     p.rounding, p.ceiling.value_or(-1), p.ceiling_multiple.value_or(-1), p.max_change.value_or(-1),
                     p.price_points);
}

}  // namespace

TEST(PlannerInvariant, EveryPlannedAndQuotedPriceKeepsItsConstraints) {
  RandomPriceInputs in(0x19b1);
  const auto start = std::chrono::steady_clock::now();
  const int markets = scaled_cases(8), planners_per_market = 4;
  const int codes_per_planner = 100;
  long long plans = 0, quotes = 0, prices = 0;
  for (int m = 0; m < markets; ++m) {
    const auto market = random_market(in);
    const auto& data = market.dataset;
    for (int k = 0; k < planners_per_market; ++k) {
      const PlanParams params = random_params(in);
      const Planner planner(data, market.truth.as_of, params);
      const std::string what = fmt::format("market {} planner {}: {}", m, k, describe(params));
      for (int n = 0; n < codes_per_planner; ++n) {
        const auto& row = data.inventory[in.rng()() % data.inventory.size()];
        const Date game_day = data.games[row.game].date;
        const int days = std::max(0, game_day - market.truth.as_of);
        const double d = in.unit();  // game day, one day left, or anywhere before
        const Date today = d < 0.15 ? game_day : d < 0.3 ? game_day - 1 : market.truth.as_of + in.between(0, days);
        const int capacity = data.codes[row.code].capacity;
        const int remaining = in.chance(0.5) ? row.remaining : in.between(0, capacity);
        auto c = planner.constraints(row.code);
        ASSERT_EQ(c.floor, data.codes[row.code].floor_price) << what;
        ASSERT_EQ(c.max_change, params.max_change) << what;
        const auto in_force = in.chance(0.2) ? std::optional<double>(row.current_price) : in.in_force(c);
        const std::optional<double> current = in_force && std::isfinite(*in_force) && *in_force > 0 ? in_force : std::nullopt;
        const CodePlan plan = planner.plan(row.game, row.code, remaining, current, today);
        ++plans;
        ASSERT_EQ(plan.constraints.floor, c.floor) << what;
        std::optional<double> previous = current;
        for (const auto& b : plan.buckets) {
          ++prices;
          ASSERT_EQ(price_violation(b.price, c, previous), "")
              << what << " game " << row.game << " code " << row.code << " remaining " << remaining << " today "
              << today.str() << " bucket " << b.bucket << " previous " << previous.value_or(-1);
          previous = b.price;
        }
        if (remaining == 0 || today > game_day) continue;
        const auto policy = planner.policy(row.game, row.code, remaining, today, current);
        ASSERT_NE(policy, nullptr) << what;
        const std::size_t first = data.params.bucket_index(game_day - today).value_or(0);
        for (int q = 0; q < 30; ++q) {
          const std::size_t bucket = first + static_cast<std::size_t>(in.between(0, static_cast<int>(data.params.buckets.size() - 1 - first)));
          const int seats = in.between(0, remaining);
          const auto from = in.chance(0.3) ? current : in.in_force(c);
          ++quotes, ++prices;
          ASSERT_EQ(price_violation(policy->price(bucket, seats, from), c, from), "")
              << what << " game " << row.game << " code " << row.code << " remaining " << remaining << " today "
              << today.str() << " bucket " << bucket << " seats " << seats << " from " << from.value_or(-1);
        }
      }
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "[invariant] Planner: %d markets, %d planners, %lld plans, %lld policy quotes, %lld prices checked in %.2f s\n",
               markets, markets * planners_per_market, plans, quotes, prices, s);
}
