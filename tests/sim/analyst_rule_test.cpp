// The analyst rule: whole dollars, never below the floor, reacting to pace.
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/truth.hpp"
#include "sim_fixtures.hpp"

namespace seatsync {
namespace {

using test::default_market;

TEST(AnalystRule, WholeDollarsNeverBelowTheFloorAndDeterministic) {
  const MarketTruth& t = default_market().truth;
  for (GameIndex g = 0; g < t.games.size(); g += 7)
    for (CodeIndex c = 0; c < t.codes.size(); ++c)
      for (BucketIndex b = 0; b < t.buckets.size(); ++b)
        for (int remaining : {0, t.codes[c].capacity / 2, t.codes[c].capacity}) {
          const double p = analyst_price(t, g, c, b, remaining);
          EXPECT_EQ(p, std::round(p));
          EXPECT_GE(p, t.codes[c].floor_price);
          EXPECT_EQ(p, analyst_price(t, g, c, b, remaining));
        }
}

TEST(AnalystRule, RaisesWhenAheadAndCutsWhenBehind) {
  MarketTruth t = default_market().truth;
  t.analyst.noise_sigma = 0.0;  // isolate the pace reaction
  const CodeIndex c = 0;
  GameIndex g = 0;  // a tier-1 game of the dearest code: the floor cannot bind
  while (t.games[g].tier != 1) ++g;
  const int cap = t.codes[c].capacity;
  const BucketIndex b = 4;
  const int on_pace = cap - static_cast<int>(std::lround(cap * t.analyst.pace_curve[b]));
  const double base = analyst_price(t, g, c, b, on_pace);
  EXPECT_GT(analyst_price(t, g, c, b, on_pace - cap / 4), base);  // sold more: ahead
  EXPECT_LT(analyst_price(t, g, c, b, on_pace + cap / 4), base);  // sold less: behind
  // Limits: however far ahead or behind, within [pace_min, pace_max] of the belief.
  const double belief = t.codes[c].ref_price * t.analyst.tier_factor[static_cast<std::size_t>(t.games[g].tier - 1)] *
                        t.analyst.bucket_factor[b];
  EXPECT_NEAR(analyst_price(t, g, c, b, 0), std::round(belief * t.analyst.pace_max), 0.5);
  EXPECT_NEAR(analyst_price(t, g, c, b, cap), std::round(belief * t.analyst.pace_min), 0.5);
}

TEST(AnalystRule, NoiseVariesPricesAcrossGamesOfOneTier) {
  const MarketTruth& t = default_market().truth;
  // Same tier, code, bucket and state: only the analyst's noise differs between games.
  std::vector<double> ratios;
  for (GameIndex g = 0; g < t.games.size(); ++g)
    if (t.games[g].tier == 3) ratios.push_back(analyst_price(t, g, 0, 0, t.codes[0].capacity));
  ASSERT_GT(ratios.size(), 10u);
  double mean = 0, sq = 0;
  for (double r : ratios) mean += std::log(r) / ratios.size();
  for (double r : ratios) sq += (std::log(r) - mean) * (std::log(r) - mean) / ratios.size();
  EXPECT_NEAR(std::sqrt(sq), t.analyst.noise_sigma, 0.03);
}

TEST(AnalystRule, TheFloorBindsForCheapSeatsPricedLow) {
  MarketTruth t = default_market().truth;
  t.analyst.pace_min = 0.1;  // an analyst desperate to sell
  t.analyst.pace_gain = 50;
  const CodeIndex c = static_cast<CodeIndex>(t.codes.size() - 1);
  EXPECT_EQ(analyst_price(t, 0, c, 5, t.codes[c].capacity), t.codes[c].floor_price);
}

}  // namespace
}  // namespace seatsync
