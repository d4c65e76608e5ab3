// The truth's demand functions against the customers it draws: the statistics of
// draw_customers must match arrival_rate, purchase_probability and the order-size pmf.
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/truth.hpp"
#include "sim_fixtures.hpp"

namespace seatsync {
namespace {

using test::default_market;

const MarketTruth& truth() { return default_market().truth; }

TEST(DemandModel, ArrivalSharesSumToOneAndRatesMatchThem) {
  const MarketTruth& t = truth();
  double share = 0;
  for (double s : t.bucket_arrival_share) share += s;
  EXPECT_NEAR(share, 1.0, 1e-12);
  // Over the whole window a game expects base × scale × tier × shock orders.
  for (GameIndex g : {0u, 17u, 100u}) {
    double total = 0;
    for (BucketIndex b = 0; b < t.buckets.size(); ++b) total += arrival_rate(t, g, 3, b) * selling_days(t, b);
    const GameTruth& game = t.games[g];
    EXPECT_NEAR(total, t.codes[3].base_orders * t.demand_scale *
                           t.tier_arrival_multiplier[static_cast<std::size_t>(game.tier - 1)] * game.shock,
                1e-9);
  }
}

TEST(DemandModel, BetterGamesAndLaterBucketsAreWorthMore) {
  const MarketTruth& t = truth();
  for (std::size_t i = 1; i < t.tier_wtp_multiplier.size(); ++i)
    EXPECT_LT(t.tier_wtp_multiplier[i], t.tier_wtp_multiplier[i - 1]);
  for (std::size_t b = 1; b < t.buckets.size(); ++b)
    EXPECT_GT(t.bucket_wtp_multiplier[b], t.bucket_wtp_multiplier[b - 1]);
  EXPECT_NEAR(t.bucket_wtp_multiplier.front(), 0.9, 0.01);
  EXPECT_NEAR(t.bucket_wtp_multiplier.back(), 1.2, 1e-9);
}

TEST(DemandModel, PurchaseProbabilityIsASurvivalFunction) {
  const MarketTruth& t = truth();
  const double median = median_wtp(t, 5, 10, 3);
  EXPECT_NEAR(purchase_probability(t, 5, 10, 3, median), 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(purchase_probability(t, 5, 10, 3, 0.0), 1.0);
  double last = 1.0;
  for (double p = median * 0.2; p < median * 5; p *= 1.1) {
    const double q = purchase_probability(t, 5, 10, 3, p);
    EXPECT_LT(q, last);
    last = q;
  }
  // One sigma above the median in log terms: 1 - Phi(1).
  EXPECT_NEAR(purchase_probability(t, 5, 10, 3, median * std::exp(t.wtp_sigma)), 0.158655, 1e-5);
}

TEST(DemandModel, OrderSizePmf) {
  const MarketTruth& t = truth();
  double mass = 0;
  for (int k = 1; k <= 4; ++k) mass += order_size_probability(t, k);
  EXPECT_NEAR(mass, 1.0, 1e-12);
  EXPECT_EQ(order_size_probability(t, 0), 0.0);
  EXPECT_EQ(order_size_probability(t, 5), 0.0);
  EXPECT_NEAR(mean_order_size(t), 0.25 + 2 * 0.45 + 3 * 0.12 + 4 * 0.18, 1e-12);
}

TEST(Customers, SameArgumentsSameCustomersWhateverWasDrawnBefore) {
  const MarketTruth& t = truth();
  const auto first = draw_customers(t, 12, 7, 4);
  (void)draw_customers(t, 13, 7, 4);
  const auto again = draw_customers(t, 12, 7, 4);
  ASSERT_EQ(first.size(), again.size());
  ASSERT_FALSE(first.empty());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].days_before, again[i].days_before);
    EXPECT_EQ(first[i].minute, again[i].minute);
    EXPECT_EQ(first[i].quantity, again[i].quantity);
    EXPECT_EQ(first[i].wtp, again[i].wtp);
  }
  MarketTruth other = t;
  other.seed += 1;
  const auto different = draw_customers(other, 12, 7, 4);
  EXPECT_TRUE(different.size() != first.size() || different.front().wtp != first.front().wtp);
}

TEST(Customers, ArriveInOrderInsideTheirBucketAndOpeningHours) {
  const MarketTruth& t = truth();
  for (BucketIndex b = 0; b < t.buckets.size(); ++b) {
    const auto customers = draw_customers(t, 40, 20, b);
    for (std::size_t i = 0; i < customers.size(); ++i) {
      const Customer& c = customers[i];
      EXPECT_TRUE(t.buckets[b].contains(c.days_before));
      EXPECT_LE(c.days_before, t.sales_window_days);
      EXPECT_GE(c.minute, t.opening_minute);
      EXPECT_LT(c.minute, c.days_before == 0 ? t.tipoff_minute : 24 * 60);
      EXPECT_GE(c.quantity, 1);
      EXPECT_LE(c.quantity, 4);
      EXPECT_GT(c.wtp, 0.0);
      if (i > 0) {
        const Customer& p = customers[i - 1];
        EXPECT_TRUE(p.days_before > c.days_before || (p.days_before == c.days_before && p.minute <= c.minute));
      }
    }
  }
}

TEST(Customers, ArrivalCountsMatchTheSummedRates) {
  const MarketTruth& t = truth();
  double all_expected = 0, all_seen = 0;
  for (CodeIndex c = 0; c < t.codes.size(); ++c) {
    for (BucketIndex b = 0; b < t.buckets.size(); ++b) {
      double expected = 0, seen = 0;
      for (GameIndex g = 0; g < t.games.size(); ++g) {
        expected += arrival_rate(t, g, c, b) * selling_days(t, b);
        seen += static_cast<double>(draw_customers(t, g, c, b).size());
      }
      // A sum of independent Poisson counts is Poisson: sd = sqrt(mean).
      EXPECT_NEAR(seen, expected, 4.5 * std::sqrt(expected)) << "code " << c << " bucket " << b;
      all_expected += expected;
      all_seen += seen;
    }
  }
  EXPECT_NEAR(all_seen / all_expected, 1.0, 0.005);
}

TEST(Customers, OrderSizesFollowThePmf) {
  const MarketTruth& t = truth();
  std::vector<double> counts(4, 0.0);
  double n = 0;
  for (GameIndex g = 0; g < 40; ++g)
    for (CodeIndex c = 0; c < t.codes.size(); ++c)
      for (const Customer& cu : draw_customers(t, g, c, 0)) {
        counts[static_cast<std::size_t>(cu.quantity - 1)] += 1;
        n += 1;
      }
  ASSERT_GT(n, 10000);
  double mean = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const double p = t.order_size_pmf[k];
    EXPECT_NEAR(counts[k] / n, p, 4.5 * std::sqrt(p * (1 - p) / n));
    mean += (k + 1.0) * counts[k] / n;
  }
  EXPECT_NEAR(mean, mean_order_size(t), 0.02);
}

TEST(Customers, EmpiricalBuyingShareMatchesPurchaseProbability) {
  // Many independent markets (seeds) for one (game, code, bucket) give many draws of WTP.
  MarketTruth t = truth();
  const GameIndex g = 30;
  const CodeIndex c = 22;
  const BucketIndex b = 6;
  const double median = median_wtp(t, g, c, b);
  const std::vector<double> prices = {0.5 * median, 0.8 * median, median, 1.3 * median, 2.0 * median};
  std::vector<double> buyers(prices.size(), 0.0);
  double n = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    t.seed = seed;
    for (const Customer& cu : draw_customers(t, g, c, b)) {
      n += 1;
      for (std::size_t i = 0; i < prices.size(); ++i) buyers[i] += cu.wtp >= prices[i];
    }
  }
  ASSERT_GT(n, 5000);
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const double p = purchase_probability(t, g, c, b, prices[i]);
    EXPECT_NEAR(buyers[i] / n, p, 4.5 * std::sqrt(p * (1 - p) / n) + 1e-9) << "price " << prices[i];
  }
}

TEST(Customers, ExpectedTicketsMatchServedTicketsWhenSeatsAreAmple) {
  MarketTruth t = truth();
  const GameIndex g = 7;
  const CodeIndex c = 14;
  const BucketIndex b = 3;
  const double price = median_wtp(t, g, c, b) * 1.1;
  double served = 0;
  const int markets = 400;
  for (std::uint64_t seed = 1; seed <= markets; ++seed) {
    t.seed = seed;
    for (const Sale& s : serve_customers(draw_customers(t, g, c, b), price, 1 << 30)) served += s.quantity;
  }
  const double expected = expected_tickets_demanded(t, g, c, b, price);
  EXPECT_NEAR(served / markets, expected, 0.04 * expected);
}

TEST(Customers, SalesFallWhenThePriceRises) {
  const MarketTruth& t = truth();
  double low_total = 0, high_total = 0;
  for (GameIndex g = 0; g < 41; ++g) {
    const auto customers = draw_customers(t, g, 18, 2);
    const double price = median_wtp(t, g, 18, 2);
    int low = 0, high = 0;
    for (const Sale& s : serve_customers(customers, price, 1 << 30)) low += s.quantity;
    for (const Sale& s : serve_customers(customers, price * 1.3, 1 << 30)) high += s.quantity;
    EXPECT_LE(high, low);  // the same customers: a higher price never sells more
    low_total += low;
    high_total += high;
  }
  // …and clearly fewer: with sigma 0.4, P(buy) drops from 0.5 to about 0.26.
  EXPECT_LT(high_total, 0.65 * low_total);
  EXPECT_GT(high_total, 0.35 * low_total);
}

TEST(ServeCustomers, BuysIffWtpCoversThePriceAndFillsPartiallyWhenSeatsRunOut) {
  const std::vector<Customer> customers = {
      {10, 600, 2, 50.0}, {10, 601, 3, 30.0}, {9, 500, 4, 80.0}, {8, 700, 2, 45.0}, {8, 701, 1, 99.0}};
  auto sales = serve_customers(customers, 45.0, 100);
  ASSERT_EQ(sales.size(), 4u);
  EXPECT_EQ(sales[0].customer, 0u);
  EXPECT_EQ(sales[1].customer, 2u);  // customer 1 (WTP 30) walks away
  EXPECT_EQ(sales[2].customer, 3u);  // WTP equal to the price buys
  EXPECT_EQ(sales[3].customer, 4u);

  sales = serve_customers(customers, 45.0, 5);
  ASSERT_EQ(sales.size(), 2u);
  EXPECT_EQ(sales[0].quantity, 2);
  EXPECT_EQ(sales[1].quantity, 3);  // wanted 4, took the 3 left
  EXPECT_TRUE(serve_customers(customers, 45.0, 0).empty());
}

}  // namespace
}  // namespace seatsync
