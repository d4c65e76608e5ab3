// The truth's demand functions against the customers it draws when the market options are on:
// the WTP mixture, tier-time effects and the upcoming season's shift. Like demand_model_test,
// many independent markets (seeds) of one (game, code, bucket) give many draws, and each
// tolerance is 4.5 standard errors of the sample at hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "seatsync/truth.hpp"
#include "sim_fixtures.hpp"

namespace seatsync {
namespace {

using test::default_market;

double normal_survival(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

// First game of the given tier in the given season.
GameIndex game_of_tier(const MarketTruth& t, int tier, int season) {
  for (GameIndex g = 0; g < t.games.size(); ++g)
    if (t.games[g].tier == tier && t.games[g].season == season) return g;
  ADD_FAILURE() << "no tier-" << tier << " game in " << season;
  return 0;
}

// The share of drawn customers with WTP >= each price, over `seeds` markets.
struct BuyingShares {
  std::vector<double> share;
  double n = 0;
};
BuyingShares buying_shares(MarketTruth t, GameIndex g, CodeIndex c, BucketIndex b,
                           const std::vector<double>& prices, int seeds) {
  BuyingShares out{std::vector<double>(prices.size(), 0.0), 0.0};
  for (int seed = 1; seed <= seeds; ++seed) {
    t.seed = static_cast<std::uint64_t>(seed);
    for (const Customer& cu : draw_customers(t, g, c, b)) {
      out.n += 1;
      for (std::size_t i = 0; i < prices.size(); ++i) out.share[i] += cu.wtp >= prices[i];
    }
  }
  for (double& s : out.share) s /= out.n;
  return out;
}

double tolerance(double p, double n) { return 4.5 * std::sqrt(p * (1 - p) / n) + 1e-9; }

TEST(MarketOptionsDemand, MixturePurchaseProbabilityHasAKnownAnswer) {
  const MarketTruth& t = default_market(Scenario::segments).truth;
  const double m = median_wtp(t, 20, 12, 4);
  // At 1.7 × scale the premium segment is at its median; the price-sensitive one is
  // ln(1.7/0.75)/0.3 of its sigmas above its median.
  const double expected = 0.35 * 0.5 + 0.65 * normal_survival(std::log(1.7 / 0.75) / 0.3);
  EXPECT_NEAR(purchase_probability(t, 20, 12, 4, 1.7 * m), expected, 1e-12);
  EXPECT_DOUBLE_EQ(purchase_probability(t, 20, 12, 4, 0.0), 1.0);
  double last = 1.0;
  for (double p = 0.2 * m; p < 5 * m; p *= 1.1) {
    const double q = purchase_probability(t, 20, 12, 4, p);
    EXPECT_LT(q, last);
    last = q;
  }
  // Only the shares' proportions matter.
  MarketTruth doubled = t;
  for (WtpSegment& s : doubled.wtp_segments) s.share *= 2;
  EXPECT_NEAR(purchase_probability(doubled, 20, 12, 4, m), purchase_probability(t, 20, 12, 4, m), 1e-15);
}

TEST(MarketOptionsDemand, DrawnMixtureMatchesPurchaseProbability) {
  const MarketTruth& t = default_market(Scenario::segments).truth;
  const GameIndex g = 30;
  const CodeIndex c = 22;
  const BucketIndex b = 6;
  const double m = median_wtp(t, g, c, b);
  const std::vector<double> prices = {0.4 * m, 0.6 * m, 0.75 * m, m, 1.3 * m, 1.7 * m, 2.0 * m, 2.3 * m};
  const BuyingShares seen = buying_shares(t, g, c, b, prices, 600);
  ASSERT_GT(seen.n, 12000);
  MarketTruth single = t;
  single.wtp_segments.clear();  // one lognormal at the same scale
  int distinguishable = 0;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const double p = purchase_probability(t, g, c, b, prices[i]);
    EXPECT_NEAR(seen.share[i], p, tolerance(p, seen.n)) << "price " << prices[i] / m << " x scale";
    // The check has power: a single lognormal at the same scale would fail it at most prices
    // (the mixture has more buyers far above the scale, fewer just below it).
    const double q = purchase_probability(single, g, c, b, prices[i]);
    distinguishable += std::abs(p - q) > 2 * tolerance(p, seen.n);
  }
  EXPECT_GE(distinguishable, 5);
}

TEST(MarketOptionsDemand, MixtureExpectedTicketsMatchServedTickets) {
  MarketTruth t = default_market(Scenario::segments).truth;
  const GameIndex g = 7;
  const CodeIndex c = 14;
  const BucketIndex b = 3;
  const double price = median_wtp(t, g, c, b) * 1.1;
  const double expected = expected_tickets_demanded(t, g, c, b, price);
  double served = 0, arrivals = 0;
  const int markets = 400;
  for (int seed = 1; seed <= markets; ++seed) {
    t.seed = static_cast<std::uint64_t>(seed);
    const auto customers = draw_customers(t, g, c, b);
    arrivals += static_cast<double>(customers.size());
    for (const Sale& s : serve_customers(customers, price, 1 << 30)) served += s.quantity;
  }
  // Arrivals are Poisson: sd of the total = sqrt(mean).
  const double mean_arrivals = expected_arrivals(t, g, c, b) * markets;
  EXPECT_NEAR(arrivals, mean_arrivals, 4.5 * std::sqrt(mean_arrivals));
  // Tickets: a compound Poisson sum, variance = mean arrivals × P(buy) × E[size²].
  double size2 = 0;
  for (int k = 1; k <= 4; ++k) size2 += k * k * order_size_probability(t, k);
  const double var = mean_arrivals * purchase_probability(t, g, c, b, price) * size2;
  EXPECT_NEAR(served, expected * markets, 4.5 * std::sqrt(var));
}

// Tier-time effects: tier-1 WTP rises towards game day, tier-5 WTP falls, and the drawn
// customers follow median_wtp in every bucket.
TEST(MarketOptionsDemand, TierTimeEffectsMoveTheMedianByTier) {
  const MarketTruth& t = default_market(Scenario::shift).truth;
  const MarketTruth& flat = default_market().truth;
  const GameIndex top = game_of_tier(t, 1, 2024);
  const GameIndex weak = game_of_tier(t, 5, 2024);
  const GameIndex middle = game_of_tier(t, 3, 2024);
  for (BucketIndex b = 1; b < t.buckets.size(); ++b) {
    EXPECT_GT(median_wtp(t, top, 5, b), median_wtp(t, top, 5, b - 1));
    EXPECT_LT(median_wtp(t, weak, 5, b), median_wtp(t, weak, 5, b - 1));
    EXPECT_EQ(median_wtp(t, middle, 5, b), median_wtp(flat, middle, 5, b));  // tier 3 as before
  }
  // From the first bucket to game day: tier 1 × 1.5/0.9, tier 5 × 0.8/1.1 (the first bucket's
  // mean of exp(−d/14) is 8e-5, not quite 0).
  const BucketIndex last = t.buckets.size() - 1;
  EXPECT_NEAR(median_wtp(t, top, 5, last) / median_wtp(t, top, 5, 0), 1.5 / 0.9, 2e-4);
  EXPECT_NEAR(median_wtp(t, weak, 5, last) / median_wtp(t, weak, 5, 0), 0.8 / 1.1, 2e-4);

  for (GameIndex g : {top, weak})
    for (BucketIndex b : {BucketIndex{0}, BucketIndex{4}, last}) {
      const double m = median_wtp(t, g, 20, b);
      const std::vector<double> prices = {0.7 * m, m, 1.4 * m};
      const BuyingShares seen = buying_shares(t, g, 20, b, prices, 300);
      ASSERT_GT(seen.n, 2000) << g << "/" << b;
      for (std::size_t i = 0; i < prices.size(); ++i) {
        const double p = purchase_probability(t, g, 20, b, prices[i]);
        EXPECT_NEAR(seen.share[i], p, tolerance(p, seen.n)) << "game " << g << " bucket " << b;
      }
    }
}

// The shift multiplies the upcoming season's arrivals and WTP, and the draws follow.
TEST(MarketOptionsDemand, ShiftedGamesDrawMoreCustomersWhoPayMore) {
  MarketTruth t = default_market(Scenario::shift).truth;
  const MarketTruth& past = default_market().truth;  // same seed: same schedule and shocks
  const GameIndex g = 3 * 41 + 20;  // an upcoming game
  ASSERT_EQ(t.games[g].season, 2026);
  ASSERT_EQ(t.games[g].shock, past.games[g].shock);
  for (BucketIndex b = 0; b < t.buckets.size(); ++b) {
    EXPECT_NEAR(expected_arrivals(t, g, 8, b), 1.3 * expected_arrivals(past, g, 8, b), 1e-9);
    EXPECT_NEAR(arrival_rate(t, g, 8, b), 1.3 * arrival_rate(past, g, 8, b), 1e-9);
  }
  const BucketIndex b = 5;
  const double m = median_wtp(t, g, 8, b);
  const double unshifted = past.codes[8].ref_price * past.tier_wtp_multiplier[static_cast<std::size_t>(t.games[g].tier - 1)] *
                           t.tier_bucket_wtp_multiplier[static_cast<std::size_t>(t.games[g].tier - 1)][b];
  EXPECT_NEAR(m, 1.2 * unshifted, 1e-9);

  double arrivals = 0;
  const int markets = 200;
  const std::vector<double> prices = {0.8 * m, m, 1.25 * m};
  const BuyingShares seen = buying_shares(t, g, 8, b, prices, markets);
  arrivals = seen.n;
  const double mean = expected_arrivals(t, g, 8, b) * markets;
  EXPECT_NEAR(arrivals, mean, 4.5 * std::sqrt(mean));
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const double p = purchase_probability(t, g, 8, b, prices[i]);
    EXPECT_NEAR(seen.share[i], p, tolerance(p, seen.n)) << prices[i];
  }
}

}  // namespace
}  // namespace seatsync
