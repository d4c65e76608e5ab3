// MarketOptions: what each scenario turns on, how a config overrides it, and how the options
// land in the truth (and nowhere else: the analyst rule does not know them).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "seatsync/simulator.hpp"
#include "sim_fixtures.hpp"

namespace seatsync {
namespace {

using test::default_market;

TEST(MarketOptions, EachScenarioSetsItsPhenomena) {
  const MarketOptions balanced = scenario_options(Scenario::balanced);
  EXPECT_EQ(balanced.demand_scale, 1.0);
  EXPECT_EQ(balanced.wtp_scale, 1.0);
  EXPECT_FALSE(balanced.tier_time_effects);
  EXPECT_FALSE(balanced.wtp_segments);
  EXPECT_EQ(balanced.shift_arrivals, 1.0);
  EXPECT_EQ(balanced.shift_wtp, 1.0);
  EXPECT_EQ(scenario_options(Scenario::sellout).demand_scale, 1.9);
  EXPECT_EQ(scenario_options(Scenario::soft).demand_scale, 0.55);

  const MarketOptions shift = scenario_options(Scenario::shift);
  EXPECT_EQ(shift.demand_scale, 1.0);
  EXPECT_EQ(shift.shift_arrivals, 1.3);
  EXPECT_EQ(shift.shift_wtp, 1.2);
  EXPECT_TRUE(shift.tier_time_effects);
  EXPECT_FALSE(shift.wtp_segments);
  EXPECT_EQ(scenario_options(Scenario::wtp2).wtp_scale, 2.0);
  EXPECT_EQ(scenario_options(Scenario::wtp3).wtp_scale, 3.0);
  EXPECT_FALSE(scenario_options(Scenario::wtp3).tier_time_effects);
  const MarketOptions segments = scenario_options(Scenario::segments);
  EXPECT_TRUE(segments.wtp_segments);
  EXPECT_TRUE(segments.tier_time_effects);
  EXPECT_EQ(segments.wtp_scale, 1.0);
  EXPECT_EQ(segments.shift_arrivals, 1.0);
}

TEST(MarketOptions, TheTruthRecordsThem) {
  const MarketTruth& balanced = default_market().truth;
  EXPECT_EQ(balanced.wtp_scale, 1.0);
  EXPECT_TRUE(balanced.tier_bucket_wtp_multiplier.empty());
  EXPECT_TRUE(balanced.wtp_segments.empty());
  for (const GameTruth& g : balanced.games) EXPECT_TRUE(g.arrival_multiplier == 1.0 && g.wtp_multiplier == 1.0);

  EXPECT_EQ(default_market(Scenario::wtp3).truth.wtp_scale, 3.0);
  EXPECT_EQ(default_market(Scenario::wtp3).truth.scenario, "wtp3");

  const MarketTruth& shift = default_market(Scenario::shift).truth;
  int shifted = 0;
  for (const GameTruth& g : shift.games) {
    const bool upcoming_season = g.season == 2026;
    EXPECT_EQ(g.arrival_multiplier, upcoming_season ? 1.3 : 1.0) << g.id;
    EXPECT_EQ(g.wtp_multiplier, upcoming_season ? 1.2 : 1.0) << g.id;
    shifted += upcoming_season;
  }
  EXPECT_EQ(shifted, 41);
  // The season's games played before as_of are shifted too: the shift shows in recent history.
  EXPECT_EQ(shift.games[3 * 41].arrival_multiplier, 1.3);
  EXPECT_FALSE(is_upcoming(shift, 3 * 41));

  // One row per tier, one value per bucket; tier 3 is the common curve, bit for bit.
  ASSERT_EQ(shift.tier_bucket_wtp_multiplier.size(), 5u);
  for (const auto& row : shift.tier_bucket_wtp_multiplier) EXPECT_EQ(row.size(), shift.buckets.size());
  EXPECT_EQ(shift.tier_bucket_wtp_multiplier[2], shift.bucket_wtp_multiplier);
  for (double m : shift.tier_bucket_wtp_multiplier[3]) EXPECT_DOUBLE_EQ(m, 1.0);
  // Game day (one day, d = 0): level + change exactly.
  EXPECT_DOUBLE_EQ(shift.tier_bucket_wtp_multiplier[0].back(), 1.5);
  EXPECT_DOUBLE_EQ(shift.tier_bucket_wtp_multiplier[1].back(), 1.35);
  EXPECT_DOUBLE_EQ(shift.tier_bucket_wtp_multiplier[4].back(), 0.8);

  const MarketTruth& segments = default_market(Scenario::segments).truth;
  ASSERT_EQ(segments.wtp_segments.size(), 2u);
  EXPECT_EQ(segments.wtp_segments[0].name, "premium");
  EXPECT_EQ(segments.wtp_segments[0].share, 0.35);
  EXPECT_EQ(segments.wtp_segments[0].multiplier, 1.7);
  EXPECT_EQ(segments.wtp_segments[0].sigma, 0.25);
  EXPECT_EQ(segments.wtp_segments[1].name, "price-sensitive");
  EXPECT_EQ(segments.wtp_segments[1].share, 0.65);
  EXPECT_EQ(segments.wtp_segments[1].multiplier, 0.75);
  EXPECT_EQ(segments.wtp_segments[1].sigma, 0.3);
  EXPECT_EQ(segments.tier_bucket_wtp_multiplier, shift.tier_bucket_wtp_multiplier);
}

TEST(MarketOptions, AConfigOverridesItsScenario) {
  SimulationConfig config;
  config.seasons = 0;
  config.market = scenario_options(Scenario::wtp3);
  const SimulatedMarket custom = simulate_market(config);
  EXPECT_EQ(custom.truth.scenario, "balanced");  // the name the options started from …
  EXPECT_EQ(custom.truth.wtp_scale, 3.0);        // … and what was simulated
  EXPECT_EQ(market_options(config).wtp_scale, 3.0);

  config.market.reset();
  config.scenario = Scenario::wtp3;
  const SimulatedMarket named = simulate_market(config);
  test::expect_same_dataset(custom.dataset, named.dataset);
}

TEST(MarketOptions, OutOfRangeValuesAreRejectedByName) {
  const auto error_of = [](const MarketOptions& o) -> std::string {
    try {
      check_market_options(o);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  MarketOptions o;
  EXPECT_EQ(error_of(o), "");
  o.wtp_scale = 0.0;
  EXPECT_EQ(error_of(o), "wtp_scale must be between 0.05 and 10, got 0");
  o = {};
  o.demand_scale = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(error_of(o).find("demand_scale must be between"), std::string::npos);
  o = {};
  o.shift_arrivals = 6.0;
  EXPECT_EQ(error_of(o), "shift_arrivals must be between 0.2 and 5, got 6");
  o = {};
  o.shift_wtp = -1.0;
  EXPECT_NE(error_of(o).find("shift_wtp"), std::string::npos);

  SimulationConfig config;
  config.seasons = 0;
  config.market = MarketOptions{};
  config.market->wtp_scale = 11.0;
  EXPECT_THROW(simulate_market(config), std::invalid_argument);
}

// wtp_scale is what buyers pay over the analyst's beliefs: the analyst prices exactly as in
// the balanced market, while the secondary market (priced off the true WTP) sees the scale.
TEST(MarketOptions, TheAnalystDoesNotKnowTheWtpScale) {
  const MarketTruth& balanced = default_market().truth;
  const MarketTruth& wtp3 = default_market(Scenario::wtp3).truth;
  for (GameIndex g : {0u, 50u, 150u})
    for (BucketIndex b = 0; b < balanced.buckets.size(); ++b) {
      EXPECT_EQ(analyst_price(wtp3, g, 9, b, 120), analyst_price(balanced, g, 9, b, 120));
      EXPECT_DOUBLE_EQ(median_wtp(wtp3, g, 9, b), 3.0 * median_wtp(balanced, g, 9, b));
    }
  const auto& a = default_market().dataset.listings;
  const auto& b = default_market(Scenario::wtp3).dataset.listings;
  ASSERT_EQ(a.size(), b.size());
  // Same draws, three times the median; each price is rounded to the dollar.
  for (std::size_t i = 0; i < a.size(); i += 97) EXPECT_NEAR(b[i].price, 3.0 * a[i].price, 2.0) << i;
}

}  // namespace
}  // namespace seatsync
