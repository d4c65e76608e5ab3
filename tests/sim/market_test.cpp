// simulate_market: deterministic, shaped as documented, and consistent with its truth.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "seatsync/simulator.hpp"
#include "sim_fixtures.hpp"

namespace seatsync {
namespace {

using test::default_market;
using test::ScenarioStats;
using test::tickets_sold;

TEST(Market, SameSeedSameDatasetAndTruth) {
  SimulationConfig config;
  config.seasons = 1;
  const SimulatedMarket a = simulate_market(config);
  const SimulatedMarket b = simulate_market(config);
  test::expect_same_dataset(a.dataset, b.dataset);
  EXPECT_EQ(to_json(a.truth), to_json(b.truth));
  // Seasons are separate random streams: the one-season market's games are the default
  // market's last two seasons, game for game.
  const MarketTruth& full = default_market().truth;
  ASSERT_EQ(a.truth.games.size(), 82u);
  for (std::size_t i = 0; i < a.truth.games.size(); ++i) {
    const GameTruth& x = a.truth.games[i];
    const GameTruth& y = full.games[i + 82];
    EXPECT_TRUE(x.id == y.id && x.date == y.date && x.tier == y.tier && x.shock == y.shock) << x.id;
  }
}

TEST(Market, DifferentSeedDifferentDataset) {
  SimulationConfig config;
  config.seasons = 1;
  const SimulatedMarket a = simulate_market(config);
  config.seed = 43;
  const SimulatedMarket b = simulate_market(config);
  EXPECT_NE(to_json(a.truth), to_json(b.truth));
  bool differs = a.dataset.transactions.size() != b.dataset.transactions.size();
  for (std::size_t i = 0; !differs && i < a.dataset.transactions.size(); ++i)
    differs = a.dataset.transactions[i].sold_at != b.dataset.transactions[i].sold_at ||
              a.dataset.transactions[i].price != b.dataset.transactions[i].price;
  EXPECT_TRUE(differs);
}

TEST(Market, VenueHas25CodesInFiveGroupsPremiumFirst) {
  const Dataset& d = default_market().dataset;
  const MarketTruth& t = default_market().truth;
  ASSERT_EQ(d.codes.size(), 25u);
  EXPECT_EQ(d.groups(), (std::vector<std::string>{"Courtside", "Club", "Lower Bowl", "Plaza", "Balcony"}));
  std::map<std::string, int> per_group;
  int capacity = 0;
  for (CodeIndex c = 0; c < d.codes.size(); ++c) {
    ++per_group[d.codes[c].group];
    capacity += d.codes[c].capacity;
    EXPECT_EQ(d.codes[c].code, t.codes[c].code);
    EXPECT_EQ(d.codes[c].floor_price, std::round(d.codes[c].floor_price));
    const double ratio = d.codes[c].floor_price / t.codes[c].ref_price;
    EXPECT_GE(ratio, 0.55 - 0.5 / t.codes[c].ref_price);
    EXPECT_LE(ratio, 0.70 + 0.5 / t.codes[c].ref_price);
    if (c > 0) {
      EXPECT_LE(t.codes[c].ref_price, t.codes[c - 1].ref_price);  // premium first
    }
  }
  EXPECT_EQ(per_group["Courtside"], 4);
  EXPECT_EQ(per_group["Balcony"], 4);
  EXPECT_NEAR(capacity, 5500, 100);
  EXPECT_GE(t.codes.front().ref_price, 1500);
  EXPECT_LE(t.codes.back().ref_price, 20);
  EXPECT_LT(d.codes.front().capacity, d.codes.back().capacity / 5);
  EXPECT_TRUE(d.params_toml.empty());
  EXPECT_EQ(d.params.buckets.size(), default_buckets().size());
}

TEST(Market, SeasonsOfDistinctDatesOctoberToAprilWithEveryTier) {
  const Dataset& d = default_market().dataset;
  const MarketTruth& t = default_market().truth;
  ASSERT_EQ(d.games.size(), 4u * 41u);
  std::set<std::string> ids;
  std::map<int, std::vector<GameIndex>> seasons;
  for (GameIndex g = 0; g < d.games.size(); ++g) {
    ids.insert(d.games[g].id);
    seasons[t.games[g].season].push_back(g);
    EXPECT_EQ(t.games[g].id, d.games[g].id);
    EXPECT_EQ(t.games[g].tier, d.games[g].tier);
    EXPECT_EQ(d.find_game(d.games[g].id), g);
  }
  EXPECT_EQ(ids.size(), d.games.size());
  EXPECT_EQ(seasons.size(), 4u);
  EXPECT_EQ(seasons.begin()->first, 2023);
  EXPECT_EQ(seasons.rbegin()->first, 2026);
  int tier1 = 0, tier34 = 0;
  for (const auto& [year, games] : seasons) {
    ASSERT_EQ(games.size(), 41u);
    std::set<int> tiers;
    std::set<unsigned> weekdays;
    std::set<std::string> opponents;
    for (std::size_t i = 0; i < games.size(); ++i) {
      const Game& game = d.games[games[i]];
      tiers.insert(game.tier);
      weekdays.insert(game.date.weekday());
      opponents.insert(game.opponent);
      tier1 += game.tier == 1;
      tier34 += game.tier == 3 || game.tier == 4;
      EXPECT_GE(game.date, Date::from_ymd(year, 10, 1));
      EXPECT_LE(game.date, Date::from_ymd(year + 1, 4, 30));
      if (i > 0) {
        EXPECT_GT(game.date, d.games[games[i - 1]].date);  // distinct, in order
      }
    }
    EXPECT_EQ(tiers, (std::set<int>{1, 2, 3, 4, 5})) << year;
    EXPECT_GE(weekdays.size(), 6u) << year;  // weekdays and weekends mixed
    EXPECT_EQ(opponents.size(), 29u) << year;  // every team visits
  }
  EXPECT_NEAR(tier1 / 164.0, 0.10, 0.02);
  EXPECT_GE(tier34 / 164.0, 0.5);
}

TEST(Market, TiersFollowOpponentAttractiveness) {
  const MarketTruth& t = default_market().truth;
  std::map<int, std::pair<double, int>> by_tier;
  for (const GameTruth& g : t.games) {
    by_tier[g.tier].first += g.attractiveness;
    ++by_tier[g.tier].second;
  }
  for (int tier = 2; tier <= 5; ++tier)
    EXPECT_LT(by_tier[tier].first / by_tier[tier].second, by_tier[tier - 1].first / by_tier[tier - 1].second);
}

TEST(Market, TransactionsRespectPricesDatesAndCapacity) {
  const Dataset& d = default_market().dataset;
  const MarketTruth& t = default_market().truth;
  ASSERT_GT(d.transactions.size(), 100000u);
  std::map<std::tuple<GameIndex, CodeIndex, std::size_t>, double> price_of;
  for (const Transaction& tx : d.transactions) {
    const Game& game = d.games[tx.game];
    const int days = d.days_before(tx);
    ASSERT_GE(days, 0) << "sale after its game";
    ASSERT_LE(days, t.sales_window_days);
    EXPECT_EQ(parse_date_or_datetime(tx.sold_at), tx.sold_date);
    ASSERT_EQ(tx.sold_at.size(), 19u);
    EXPECT_EQ(tx.sold_at[10], 'T');
    EXPECT_GE(tx.quantity, 1);
    EXPECT_LE(tx.quantity, 4);
    EXPECT_GE(tx.price, d.codes[tx.code].floor_price);
    EXPECT_EQ(tx.price, std::round(tx.price));
    if (is_upcoming(t, tx.game)) {
      EXPECT_LT(tx.sold_date, t.as_of);
    }
    EXPECT_LE(tx.sold_date, game.date);
    const auto bucket = d.params.bucket_index(days);
    ASSERT_TRUE(bucket.has_value());
    const auto [it, inserted] = price_of.try_emplace({tx.game, tx.code, *bucket}, tx.price);
    if (!inserted) {
      ASSERT_EQ(it->second, tx.price) << "price changed inside a bucket";
    }
  }
  const auto sold = tickets_sold(d);
  for (GameIndex g = 0; g < d.games.size(); ++g)
    for (CodeIndex c = 0; c < d.codes.size(); ++c) ASSERT_LE(sold[g * d.codes.size() + c], d.codes[c].capacity);
  EXPECT_TRUE(std::is_sorted(d.transactions.begin(), d.transactions.end(),
                             [](const Transaction& a, const Transaction& b) { return a.sold_at < b.sold_at; }));
}

TEST(Market, PricesVaryWithinCellsSoPriceEffectsCanBeLearnt) {
  const Dataset& d = default_market().dataset;
  // For one tier × code × bucket cell, prices must differ across games.
  std::map<std::tuple<int, CodeIndex, std::size_t>, std::set<double>> prices;
  for (const Transaction& tx : d.transactions)
    prices[{d.games[tx.game].tier, tx.code, *d.params.bucket_index(d.days_before(tx))}].insert(tx.price);
  int varied = 0;
  for (const auto& [cell, set] : prices) varied += set.size() >= 3;
  EXPECT_GT(varied, static_cast<int>(prices.size() * 9 / 10));
}

TEST(Market, UpcomingGamesHaveInventoryMatchingTheirSales) {
  const Dataset& d = default_market().dataset;
  const MarketTruth& t = default_market().truth;
  EXPECT_EQ(t.as_of, Date::from_ymd(2026, 12, 1));
  const auto sold = tickets_sold(d);
  int upcoming = 0, played_this_season = 0;
  for (GameIndex g = 0; g < d.games.size(); ++g) {
    if (is_upcoming(t, g)) ++upcoming;
    else if (t.games[g].season == 2026) ++played_this_season;
  }
  EXPECT_GT(upcoming, 20);
  EXPECT_GT(played_this_season, 3);
  ASSERT_EQ(d.inventory.size(), static_cast<std::size_t>(upcoming) * d.codes.size());
  std::set<std::pair<GameIndex, CodeIndex>> seen;
  for (const InventoryRow& row : d.inventory) {
    ASSERT_TRUE(is_upcoming(t, row.game));
    EXPECT_TRUE(seen.insert({row.game, row.code}).second);
    EXPECT_EQ(sold[row.game * d.codes.size() + row.code] + row.remaining, d.codes[row.code].capacity);
    EXPECT_GE(row.current_price, d.codes[row.code].floor_price);
  }
}

TEST(Market, CurrentPriceIsTheAnalystPriceOfTheBucketHoldingAsOf) {
  const Dataset& d = default_market().dataset;
  const MarketTruth& t = default_market().truth;
  for (const InventoryRow& row : d.inventory) {
    const Date game_date = d.games[row.game].date;
    const BucketIndex b = *bucket_at(t, game_date - t.as_of);
    int sold_before_bucket = 0;
    for (const Transaction& tx : d.transactions)
      if (tx.game == row.game && tx.code == row.code && d.days_before(tx) > t.buckets[b].days_to)
        sold_before_bucket += tx.quantity;
    EXPECT_EQ(row.current_price,
              analyst_price(t, row.game, row.code, b, d.codes[row.code].capacity - sold_before_bucket));
    if (row.code == 3) break;  // the scan is quadratic: a few rows make the point
  }
}

// A closed-loop backtest of the analyst rule with the truth's customers must reproduce the
// dataset exactly: this is what lets later work compare policies on common random numbers.
TEST(Market, ReplayingTheAnalystRuleReproducesTheSales) {
  const Dataset& d = default_market().dataset;
  const MarketTruth& t = default_market().truth;
  const auto sold = tickets_sold(d);
  std::vector<double> revenue(sold.size(), 0.0);
  for (const Transaction& tx : d.transactions) revenue[tx.game * d.codes.size() + tx.code] += tx.quantity * tx.price;
  for (GameIndex g = 0; g < t.games.size(); ++g) {
    for (CodeIndex c = 0; c < t.codes.size(); ++c) {
      int remaining = t.codes[c].capacity;
      double money = 0;
      for (BucketIndex b = 0; b < t.buckets.size(); ++b) {
        const double price = analyst_price(t, g, c, b, remaining);
        auto customers = draw_customers(t, g, c, b);
        if (is_upcoming(t, g))
          std::erase_if(customers, [&](const Customer& cu) { return cu.date(t.games[g].date) >= t.as_of; });
        for (const Sale& s : serve_customers(customers, price, remaining)) {
          remaining -= s.quantity;
          money += s.quantity * price;
        }
      }
      ASSERT_EQ(t.codes[c].capacity - remaining, sold[g * d.codes.size() + c]) << g << "/" << c;
      ASSERT_DOUBLE_EQ(money, revenue[g * d.codes.size() + c]);
    }
  }
}

TEST(Market, ListingsAreRecentObservationsBeforeAsOf) {
  const Dataset& d = default_market().dataset;
  const MarketTruth& t = default_market().truth;
  ASSERT_GT(d.listings.size(), 1000u);
  int named = 0;
  std::set<std::string> sources;
  for (const Listing& l : d.listings) {
    const int days = d.games[l.game].date - l.observed_date;
    EXPECT_GE(days, 0);
    EXPECT_LE(days, t.listings.window_days);
    EXPECT_EQ(parse_date_or_datetime(l.observed_at), l.observed_date);
    if (is_upcoming(t, l.game)) {
      EXPECT_LT(l.observed_date, t.as_of);
    }
    EXPECT_GT(l.price, 0.0);
    EXPECT_GE(l.quantity, 1);
    named += l.code.has_value();
    sources.insert(l.source);
  }
  EXPECT_GT(named, static_cast<int>(d.listings.size() / 2));
  EXPECT_LT(named, static_cast<int>(d.listings.size()));
  EXPECT_EQ(sources, (std::set<std::string>{"exchange", "resale"}));
}

ScenarioStats stats(Scenario scenario) { return test::scenario_stats(default_market(scenario)); }

TEST(Market, ScenariosOrderSellThrough) {
  const ScenarioStats soft = stats(Scenario::soft);
  const ScenarioStats balanced = stats(Scenario::balanced);
  const ScenarioStats sellout = stats(Scenario::sellout);
  EXPECT_LT(soft.mean, balanced.mean - 0.15);
  EXPECT_LT(balanced.mean, sellout.mean - 0.05);
  EXPECT_GT(balanced.share_70_95, 0.6);   // most games sell 70-95%
  EXPECT_GT(sellout.sold_out_early, 0.5);  // many codes sell out before game day
  EXPECT_LT(soft.mean, 0.65);              // substantial unsold inventory
  EXPECT_LT(balanced.sold_out_early, sellout.sold_out_early / 2);
}

TEST(Market, ScenarioNames) {
  for (Scenario s : {Scenario::balanced, Scenario::sellout, Scenario::soft, Scenario::shift, Scenario::wtp2,
                     Scenario::wtp3, Scenario::segments})
    EXPECT_EQ(parse_scenario(to_string(s)), s);
  EXPECT_EQ(scenario_names(),
            (std::vector<std::string>{"balanced", "sellout", "soft", "shift", "wtp2", "wtp3", "segments"}));
  EXPECT_FALSE(parse_scenario("Balanced").has_value());
  EXPECT_EQ(default_market(Scenario::soft).truth.scenario, "soft");
}

TEST(Market, SmallConfigurationsStillHaveEveryTier) {
  SimulationConfig config;
  config.seasons = 0;
  config.games_per_season = 5;
  const SimulatedMarket m = simulate_market(config);
  EXPECT_EQ(m.dataset.tiers_present(), (std::vector<int>{1, 2, 3, 4, 5}));
  config.games_per_season = 4;
  EXPECT_THROW(simulate_market(config), std::invalid_argument);
  config.games_per_season = 41;
  config.seasons = -1;
  EXPECT_THROW(simulate_market(config), std::invalid_argument);
}

TEST(Market, ReportsProgress) {
  SimulationConfig config;
  config.seasons = 0;
  std::size_t calls = 0, last_done = 0, total = 0;
  simulate_market(config, [&](std::string_view, std::size_t done, std::size_t all) {
    ++calls;
    last_done = done;
    total = all;
  });
  EXPECT_GT(calls, 1u);
  EXPECT_EQ(last_done, total);
  EXPECT_EQ(total, 41u);
}

}  // namespace
}  // namespace seatsync
