// The new scenarios show their phenomena in the dataset, where forecasters meet them: the
// WTP scales censor history (codes sell out early), the shift lifts the upcoming season, and
// the options' markets stay consistent with their truth under replay.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "seatsync/simulator.hpp"
#include "sim_fixtures.hpp"

namespace seatsync {
namespace {

using test::default_market;
using test::scenario_stats;

TEST(ScenarioEffects, WtpScalesCensorTheHistory) {
  const auto balanced = scenario_stats(default_market(Scenario::balanced));
  const auto wtp2 = scenario_stats(default_market(Scenario::wtp2));
  const auto wtp3 = scenario_stats(default_market(Scenario::wtp3));
  // The analyst prices for WTP at scale 1: nearly everyone buys, codes sell out before game day.
  EXPECT_GT(wtp3.sold_out_early, 0.8);
  EXPECT_GT(wtp3.sold_out_early, 4 * balanced.sold_out_early);
  EXPECT_GT(wtp2.sold_out_early, 0.6);
  EXPECT_GE(wtp3.sold_out_early, wtp2.sold_out_early);
  EXPECT_GT(wtp3.mean, 0.95);
  EXPECT_GT(wtp3.mean, balanced.mean + 0.1);
}

// Orders per game: {upcoming season's played games, past seasons' games}.
std::pair<double, double> orders_per_game(const SimulatedMarket& m) {
  std::map<GameIndex, int> orders;
  for (const Transaction& tx : m.dataset.transactions) ++orders[tx.game];
  double recent = 0, past = 0;
  int n_recent = 0, n_past = 0;
  for (GameIndex g = 0; g < m.truth.games.size(); ++g) {
    if (is_upcoming(m.truth, g)) continue;
    if (m.truth.games[g].season == 2026) {
      recent += orders[g];
      ++n_recent;
    } else {
      past += orders[g];
      ++n_past;
    }
  }
  return {recent / n_recent, past / n_past};
}

TEST(ScenarioEffects, TheShiftShowsInTheUpcomingSeasonsHistory) {
  const auto [shift_recent, shift_past] = orders_per_game(default_market(Scenario::shift));
  const auto [balanced_recent, balanced_past] = orders_per_game(default_market(Scenario::balanced));
  // The same games (same seed) in both markets: the shift, not the schedule, makes the gap.
  EXPECT_GT(shift_recent / shift_past, 1.1);
  EXPECT_GT(shift_recent / shift_past, balanced_recent / balanced_past + 0.08);
  // In the truth the whole upcoming season draws 1.3 times the orders.
  const MarketTruth& shift = default_market(Scenario::shift).truth;
  const MarketTruth& balanced = default_market(Scenario::balanced).truth;
  double shifted = 0, unshifted = 0;
  for (GameIndex g = 3 * 41; g < shift.games.size(); ++g)
    for (CodeIndex c = 0; c < shift.codes.size(); ++c)
      for (BucketIndex b = 0; b < shift.buckets.size(); ++b) {
        shifted += static_cast<double>(draw_customers(shift, g, c, b).size());
        unshifted += expected_arrivals(balanced, g, c, b);
      }
  EXPECT_NEAR(shifted / unshifted, 1.3, 4.5 * std::sqrt(shifted) / unshifted);
}

TEST(ScenarioEffects, SegmentsAndTierTimeKeepTheMarketNearBalanced) {
  // Both reshape WTP without raising its level much: sell-through stays in the balanced range.
  const auto segments = scenario_stats(default_market(Scenario::segments));
  const auto balanced = scenario_stats(default_market(Scenario::balanced));
  EXPECT_NEAR(segments.mean, balanced.mean, 0.1);
  EXPECT_GT(segments.share_70_95, 0.5);
}

// As for the existing scenarios, replaying the analyst against the truth's customers
// reproduces the dataset (sampled: the upcoming season of each options market).
TEST(ScenarioEffects, ReplayingTheAnalystReproducesTheSales) {
  for (Scenario s : {Scenario::shift, Scenario::wtp3, Scenario::segments}) {
    const SimulatedMarket& m = default_market(s);
    const Dataset& d = m.dataset;
    const MarketTruth& t = m.truth;
    const auto sold = test::tickets_sold(d);
    for (GameIndex g = 3 * 41; g < t.games.size(); g += 3)
      for (CodeIndex c = 0; c < t.codes.size(); ++c) {
        int remaining = t.codes[c].capacity;
        for (BucketIndex b = 0; b < t.buckets.size(); ++b) {
          const double price = analyst_price(t, g, c, b, remaining);
          auto customers = draw_customers(t, g, c, b);
          if (is_upcoming(t, g))
            std::erase_if(customers, [&](const Customer& cu) { return cu.date(t.games[g].date) >= t.as_of; });
          for (const Sale& sale : serve_customers(customers, price, remaining)) remaining -= sale.quantity;
        }
        ASSERT_EQ(t.codes[c].capacity - remaining, sold[g * d.codes.size() + c]) << to_string(s) << " " << g << "/" << c;
      }
  }
}

}  // namespace
}  // namespace seatsync
