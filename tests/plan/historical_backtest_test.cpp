// The backtest on history: the records a window's past decisions are read into (known answers on
// a hand-made season), the counterfactuals at a policy's prices (charging the actual prices
// changes nothing; a constant multiplier moves sales the right way; the simulator's customers
// reproduce history), every policy price within its constraints, and no look-ahead.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <tuple>

#include "plan/historical_replay.hpp"
#include "seatsync/historical_backtest.hpp"
#include "test_support.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

namespace {

Date day(const char* text) { return *Date::parse(text); }

// Buckets 8-30, 1-7 and game day; codes A (10 seats) and B (2 seats); G1 on 2025-03-01, G2 on
// 2025-06-01 (whose last order, 12 days out, is the data's last).
Dataset tiny_season() {
  Dataset d;
  d.params.buckets = {{"8-30", 8, 30}, {"1-7", 1, 7}, {"0", 0, 0}};
  d.games = {{"G1", day("2025-03-01"), 1, ""}, {"G2", day("2025-06-01"), 1, ""}};
  d.codes = {{"A", "Lower", 10, 20.0}, {"B", "Lower", 2, 20.0}};
  d.reindex();
  const auto order = [&](GameIndex g, CodeIndex c, const char* when, int quantity, double price) {
    d.transactions.push_back({g, c, when, day(when), quantity, price});
  };
  order(0, 0, "2025-01-20", 1, 40);  // 40 days out: before the first bucket
  order(0, 0, "2025-02-19", 1, 50);  // the file's order is not the date order
  order(0, 0, "2025-02-09", 2, 50);
  order(0, 0, "2025-02-24", 3, 62);
  order(0, 0, "2025-02-26", 1, 58);
  order(0, 1, "2025-02-05", 2, 30);  // B sells out in its first bucket
  order(1, 0, "2025-05-20", 1, 45);
  return d;
}

}  // namespace

TEST(HistoricalRecords, KnownAnswersOnAHandMadeSeason) {
  const auto set = historical_records(tiny_season(), day("2025-01-01"), day("2025-05-31"), 0);
  ASSERT_EQ(set.games, std::vector<GameIndex>{0});
  EXPECT_EQ(set.pairs, 2u);
  EXPECT_EQ(set.sold_out, 2u);  // B's buckets 1-7 and 0
  EXPECT_EQ(set.incomplete, 0u);
  ASSERT_EQ(set.records.size(), 4u);

  const auto& a0 = set.records[0];  // A, 8-30: opened 30 days out
  EXPECT_EQ(a0.day, day("2025-01-30"));
  EXPECT_EQ(a0.seats_left, 9);       // the order 40 days out took a seat
  EXPECT_EQ(a0.price_in_force, 40.0);
  EXPECT_EQ(a0.observed_price, 50.0);
  EXPECT_EQ(a0.tickets, 3);
  EXPECT_DOUBLE_EQ(a0.revenue, 150.0);
  EXPECT_DOUBLE_EQ(a0.charged, 50.0);

  const auto& a1 = set.records[1];  // A, 1-7
  EXPECT_EQ(a1.day, day("2025-02-22"));
  EXPECT_EQ(a1.seats_left, 6);
  EXPECT_EQ(a1.price_in_force, 50.0);
  EXPECT_EQ(a1.tickets, 4);
  EXPECT_DOUBLE_EQ(a1.revenue, 244.0);
  EXPECT_DOUBLE_EQ(*a1.observed_price, 61.0);  // per ticket: (3 × 62 + 58) / 4

  const auto& a2 = set.records[2];  // A, game day: nothing sold, so no price was seen
  EXPECT_EQ(a2.day, day("2025-03-01"));
  EXPECT_EQ(a2.seats_left, 2);
  EXPECT_FALSE(a2.observed_price);
  EXPECT_EQ(a2.tickets, 0);
  EXPECT_DOUBLE_EQ(a2.charged, 58.0);  // the last price seen: the price in force

  const auto& b0 = set.records[3];  // B, 8-30: no earlier price at all
  EXPECT_EQ(b0.code, 1u);
  EXPECT_EQ(b0.seats_left, 2);
  EXPECT_FALSE(b0.price_in_force);
  EXPECT_EQ(b0.tickets, 2);

  // G2 ends the data: its buckets were still selling (the data ends 2025-05-21) and are left out.
  const auto both = historical_records(tiny_season(), day("2025-01-01"), day("2025-06-30"), 0);
  EXPECT_EQ(both.games.size(), 2u);
  EXPECT_EQ(both.incomplete, 6u);
  EXPECT_EQ(both.records.size(), 4u);
  EXPECT_EQ(historical_records(tiny_season(), day("2025-01-01"), day("2025-06-30"), 1).games.size(), 1u);
}

TEST(HistoricalRecords, AnEmptyWindowIsBadInput) {
  try {
    historical_records(tiny_season(), day("2030-01-01"), day("2030-12-31"), 0);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("no game of the data is played from 2030-01-01 to 2030-12-31"));
    EXPECT_THAT(e.what(), HasSubstr("its games run from 2025-03-01 to 2025-06-01"));
  }
  try {
    historical_records(tiny_season(), day("2025-05-01"), day("2025-06-30"), 0);  // G2 alone: nothing over
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("no time bucket that had seats left and was over by the end of the data"));
  }
  HistoricalBacktestOptions o;
  o.from = day("2025-04-01");
  o.to = day("2025-03-01");
  EXPECT_THROW(run_historical_backtest(tiny_season(), nullptr, o), std::invalid_argument);
  EXPECT_THROW(check_historical_policy("multiplier:0"), std::invalid_argument);
  EXPECT_THROW(check_historical_policy("multiplier:1.1x"), std::invalid_argument);
  EXPECT_THROW(check_historical_policy("oracle"), std::invalid_argument);
  EXPECT_NO_THROW(check_historical_policy("multiplier:1.1"));
}

namespace {

// Two past seasons of 20 games: the last games of the second are replayed, on history before them.
const SimulatedMarket& two_seasons() {
  static const SimulatedMarket market = [] {
    SimulationConfig config;
    config.seasons = 2;
    config.games_per_season = 20;
    config.seed = 11;
    return simulate_market(config);
  }();
  return market;
}

HistoricalBacktestOptions window(std::vector<std::string> policies, int games = 2) {
  HistoricalBacktestOptions o;
  o.from = day("2026-03-01");
  o.to = day("2026-04-30");
  o.policies = std::move(policies);
  o.max_games = games;
  o.plan = two_seasons().dataset.params.plan;
  return o;
}

}  // namespace

TEST(HistoricalBacktest, ChargingTheActualPricesChangesNothingAndAMultiplierMovesSalesTheRightWay) {
  const auto& m = two_seasons();
  auto o = window({"multiplier:1", "multiplier:1.25", "multiplier:0.8"});
  o.plan.max_change.reset();  // nothing may move the actual prices
  o.plan.ceiling_multiple.reset();
  o.plan.rounding = "none";
  const auto r = run_historical_backtest(m.dataset, &m.truth, o);
  ASSERT_EQ(r.arms.size(), 4u);
  ASSERT_GT(r.records, 50u);
  for (const auto& d : r.decisions) {
    const auto& actual = d.arms[0];
    EXPECT_DOUBLE_EQ(actual.price, d.record.charged);
    EXPECT_DOUBLE_EQ(d.arms[1].price, actual.price);
    EXPECT_DOUBLE_EQ(d.arms[1].model_tickets, actual.model_tickets);
    EXPECT_DOUBLE_EQ(*d.arms[1].true_tickets, *actual.true_tickets);
    // The simulator's customers are history's: at the price charged they bought what was sold.
    if (d.record.observed_price) EXPECT_EQ(*actual.realized_tickets, d.record.tickets);
    // Demand never rises with the price, under the model or the truth, capped by the seats.
    for (const auto& [higher, lower] : {std::pair{2, 0}, std::pair{0, 3}}) {
      EXPECT_LE(d.arms[higher].model_tickets, d.arms[lower].model_tickets + 1e-9);
      EXPECT_LE(*d.arms[higher].true_tickets, *d.arms[lower].true_tickets + 1e-9);
      EXPECT_LE(*d.arms[higher].realized_tickets, *d.arms[lower].realized_tickets);
    }
    EXPECT_LE(d.arms[3].model_tickets, d.record.seats_left + 1e-9);
  }
  const auto& actual = r.arms[0].total;
  const auto& same = r.arms[1].total;
  EXPECT_DOUBLE_EQ(same.model.revenue, actual.model.revenue);  // lift 0 under every demand
  EXPECT_DOUBLE_EQ(same.truth->revenue, actual.truth->revenue);
  EXPECT_DOUBLE_EQ(same.realized->revenue, actual.realized->revenue);
  EXPECT_LT(r.arms[2].total.model.tickets, actual.model.tickets);
  EXPECT_LT(r.arms[2].total.truth->tickets, actual.truth->tickets);
  EXPECT_GT(r.arms[3].total.model.tickets, actual.model.tickets);
  EXPECT_GT(r.arms[3].total.truth->tickets, actual.truth->tickets);
  EXPECT_GT(r.arms[2].total.model.average_price(), actual.model.average_price());
  // The observed totals are the records' own.
  double revenue = 0;
  for (const auto& d : r.decisions) revenue += d.record.revenue;
  EXPECT_DOUBLE_EQ(actual.observed->revenue, revenue);
  EXPECT_FALSE(r.arms[1].total.observed);
  // Tiers add up to the whole.
  double tier_revenue = 0;
  for (const auto& [tier, t] : r.arms[2].tiers) tier_revenue += t.model.revenue;
  EXPECT_NEAR(tier_revenue, r.arms[2].total.model.revenue, 1e-6);
}

TEST(HistoricalBacktest, EveryPolicyPriceHonoursItsConstraints) {
  const auto& m = two_seasons();
  auto o = window({"seatsync-stochastic", "seatsync-deterministic", "rule_based", "static", "multiplier:3",
                   "multiplier:0.2"});
  o.plan.max_change = 0.1;
  o.plan.rounding = "five";
  const auto r = run_historical_backtest(m.dataset, nullptr, o);
  EXPECT_FALSE(r.has_truth);
  std::size_t prices = 0, moved = 0;
  for (const auto& d : r.decisions) {
    EXPECT_FALSE(d.arms[0].true_tickets);
    for (std::size_t a = 1; a < d.arms.size(); ++a) {
      const double p = d.arms[a].price;
      ASSERT_TRUE(std::isfinite(p));
      EXPECT_GE(p, d.constraints.floor);
      EXPECT_TRUE(price_bounds(d.constraints, d.record.price_in_force).contains(p))
          << r.arms[a].name << " priced " << p << " from " << d.record.price_in_force.value_or(-1);
      EXPECT_DOUBLE_EQ(enforce_price(p, d.constraints, d.record.price_in_force), p);
      ++prices;
      if (d.record.price_in_force && std::abs(p - *d.record.price_in_force) > 1e-9) ++moved;
    }
  }
  EXPECT_EQ(prices, r.records * 6);
  EXPECT_GT(moved, prices / 4);  // the policies do set prices, not just hold the one in force
}

TEST(HistoricalBacktest, SalesAfterADecisionDoNotChangeIt) {
  const auto& m = two_seasons();
  const auto o = window({"seatsync-stochastic", "rule_based", "static"}, 1);
  const auto before = run_historical_backtest(m.dataset, &m.truth, o);
  const Date cut = before.decisions[before.decisions.size() / 2].record.day;

  // New orders and listings from the cut on: for the replayed game and for every other game.
  Dataset later = m.dataset;
  const GameIndex replayed = before.decisions.front().record.game;
  for (GameIndex g = 0; g < later.games.size(); ++g) {
    if (later.games[g].date < cut) continue;
    for (CodeIndex c = 0; c < later.codes.size(); ++c)
      later.transactions.push_back({g, c, cut.str(), cut, 1, 5 * later.codes[c].floor_price});
    later.listings.push_back({g, std::nullopt, cut.str(), cut, 10 * later.codes[0].floor_price, 4, "resale"});
  }
  ASSERT_GE(later.games[replayed].date, cut);
  const auto after = run_historical_backtest(later, &m.truth, o);

  using Key = std::tuple<GameIndex, CodeIndex, std::size_t>;
  std::map<Key, const HistoricalDecision*> seen;
  for (const auto& d : after.decisions) seen[{d.record.game, d.record.code, d.record.bucket}] = &d;
  std::size_t compared = 0, changed_later = 0;
  for (const auto& d : before.decisions) {
    const auto it = seen.find({d.record.game, d.record.code, d.record.bucket});
    if (d.record.day > cut) {
      if (it == seen.end()) ++changed_later;  // sold out by the new orders
      else
        for (std::size_t a = 0; a < d.arms.size(); ++a)
          if (it->second->arms[a].price != d.arms[a].price || it->second->arms[a].model_tickets != d.arms[a].model_tickets)
            ++changed_later;
      continue;
    }
    ASSERT_NE(it, seen.end());
    const HistoricalDecision& e = *it->second;
    ++compared;
    EXPECT_EQ(e.record.seats_left, d.record.seats_left);
    EXPECT_EQ(e.record.price_in_force, d.record.price_in_force);
    EXPECT_EQ(e.constraints.ceiling, d.constraints.ceiling);
    // The actual arm is read at what the bucket's own orders paid: a new order inside it moves that.
    const Date last = m.dataset.games[d.record.game].date - m.dataset.params.buckets[d.record.bucket].days_from;
    for (std::size_t a = last < cut ? 0 : 1; a < d.arms.size(); ++a) {
      EXPECT_EQ(e.arms[a].price, d.arms[a].price) << before.arms[a].name << " on " << d.record.day.str();
      EXPECT_EQ(e.arms[a].model_tickets, d.arms[a].model_tickets) << before.arms[a].name;
    }
  }
  EXPECT_GT(compared, 20u);
  EXPECT_GT(changed_later, 0u);  // the new sales are seen by the decisions after them
}
