// The secondary-market comparison: which sale matches which listing on a tiny hand-made dataset
// (every number below worked out by hand from the rows in make_data), the shares and the sums,
// the histogram's bins, the section map, and on the simulator's market that the matched asks are
// what its listing truth says they are (1.1 × median WTP, noise around it).
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "seatsync/diagnostics.hpp"
#include "seatsync/market_comparison.hpp"
#include "seatsync/truth.hpp"
#include "test_support.hpp"

using namespace seatsync;

namespace {

Date day(const char* text) { return *Date::parse(text); }

Transaction sale(CodeIndex code, const char* sold, int quantity, double price) {
  Transaction t;
  t.game = 0;
  t.code = code;
  t.sold_at = sold;
  t.sold_date = day(sold);
  t.quantity = quantity;
  t.price = price;
  return t;
}

Listing ask(std::optional<CodeIndex> code, const char* observed, int quantity, double price, std::string section = {}) {
  Listing l;
  l.game = 0;
  l.code = code;
  l.observed_at = observed;
  l.observed_date = day(observed);
  l.quantity = quantity;
  l.price = price;
  l.source = "resale";
  l.section = std::move(section);
  return l;
}

// One game on 2026-12-20; code A (group Club) = 0, B (group Plaza) = 1; as of 2026-12-16.
Dataset make_data() {
  Dataset d;
  d.games = {{"G1", day("2026-12-20"), 2, "Tides"}};
  d.codes = {{"A", "Club", 100, 40.0}, {"B", "Plaza", 100, 20.0}};
  d.reindex();
  d.transactions = {
      sale(0, "2026-12-10", 2, 100),  // t0: 10 days before
      sale(0, "2026-12-15", 1, 80),   // t1: 5 days before
      sale(1, "2026-12-10", 4, 50),   // t2: 10 days before
      sale(0, "2026-11-20", 1, 90),   // t3: 30 days before, no listing near it
  };
  d.listings = {
      ask(0, "2026-12-09", 2, 90),               // l0: 11 days: t0's, one day earlier (ties go to the earlier)
      ask(0, "2026-12-11", 2, 95),               // l1: 9 days: as near to t0, but after it
      ask(0, "2026-12-15", 3, 85),               // l2: 5 days, quantity 3: farther in quantity from t1
      ask(0, "2026-12-15", 1, 100),              // l3: 5 days, quantity 1 } t1: median of the two
      ask(0, "2026-12-15", 1, 110),              // l4: 5 days, quantity 1 }   = 105
      ask(std::nullopt, "2026-12-10", 4, 60, "101"),  // l5: no code; section 101 → B with the map
      ask(std::nullopt, "2026-12-10", 2, 70),    // l6: no code, no section: left out
      ask(0, "2026-12-17", 1, 70),               // l7: after as_of
  };
  return d;
}

MarketMatchOptions options_with_map(const Dataset& d) {
  MarketMatchOptions o;
  o.as_of = day("2026-12-16");
  o.sections = parse_section_map_toml("[sections]\n\"101\" = \"B\"\n", "map.toml", d);
  return o;
}

TEST(MarketMatching, MatchesEachSaleToTheNearestDayThenQuantity) {
  const Dataset d = make_data();
  const MarketMatches m = match_market(d, nullptr, options_with_map(d));
  ASSERT_EQ(m.sales.size(), 3u);
  EXPECT_EQ(m.sales_considered, 4u);
  EXPECT_EQ(m.sales_unmatched, 1u);  // t3
  EXPECT_EQ(m.tickets_considered, 8);
  EXPECT_EQ(m.tickets_unmatched, 1);

  const SaleMatch& t0 = m.sales[0];
  EXPECT_EQ(t0.transaction, 0u);
  EXPECT_DOUBLE_EQ(t0.market_price, 90);  // l0, not l1: the earlier of two equally near days
  EXPECT_EQ(t0.market_days_before, 11);
  EXPECT_EQ(t0.listings, 1u);
  EXPECT_DOUBLE_EQ(t0.difference(), 10);
  EXPECT_NEAR(t0.relative(), 10.0 / 90.0, 1e-12);

  const SaleMatch& t1 = m.sales[1];
  EXPECT_EQ(t1.transaction, 1u);
  EXPECT_DOUBLE_EQ(t1.market_price, 105);  // l3 and l4 (quantity 1, as the sale), not l2
  EXPECT_EQ(t1.listings, 2u);
  EXPECT_EQ(t1.market_quantity, 1);
  EXPECT_DOUBLE_EQ(t1.difference(), -25);

  const SaleMatch& t2 = m.sales[2];
  EXPECT_EQ(t2.transaction, 2u);
  EXPECT_DOUBLE_EQ(t2.market_price, 60);  // l5 through the section map
  EXPECT_EQ(t2.market_days_before, 10);
  EXPECT_DOUBLE_EQ(t2.difference(), -10);

  EXPECT_EQ(m.listings.total, 8u);
  EXPECT_EQ(m.listings.coded, 5u);
  EXPECT_EQ(m.listings.by_section, 1u);
  EXPECT_EQ(m.listings.left_out, 1u);
  EXPECT_EQ(m.listings.after_as_of, 1u);
  EXPECT_EQ(m.listings.used, 4u);  // l0, l3, l4, l5
}

TEST(MarketMatching, WithoutTheSectionMapTheUncodedListingIsLeftOut) {
  const Dataset d = make_data();
  MarketMatchOptions o;
  o.as_of = day("2026-12-16");
  const MarketMatches m = match_market(d, nullptr, o);
  EXPECT_EQ(m.sales.size(), 2u);
  EXPECT_EQ(m.sales_unmatched, 2u);  // t2 and t3
  EXPECT_EQ(m.listings.left_out, 2u);
  EXPECT_EQ(m.listings.by_section, 0u);
}

TEST(MarketMatching, ANarrowerWindowMatchesLess) {
  const Dataset d = make_data();
  MarketMatchOptions o = options_with_map(d);
  o.window_days = 0;  // t0's listings are a day away
  const MarketMatches m = match_market(d, nullptr, o);
  ASSERT_EQ(m.sales.size(), 2u);
  EXPECT_EQ(m.sales[0].transaction, 1u);
  EXPECT_EQ(m.sales[1].transaction, 2u);
}

TEST(MarketComparison, SharesAndSumsOfTheHandMadeMatches) {
  const Dataset d = make_data();
  const MarketComparison c = compare_market(d, match_market(d, nullptr, options_with_map(d)));
  const DifferenceStats& s = c.sales;
  // Differences +10 (2 tickets at $100), −25 (1 at $80), −10 (4 at $50).
  EXPECT_EQ(s.count, 3u);
  EXPECT_EQ(s.above, 1u);
  EXPECT_EQ(s.below, 2u);
  EXPECT_DOUBLE_EQ(s.tickets, 7);
  EXPECT_NEAR(s.share_above_count(), 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.share_above_tickets(), 2.0 / 7.0, 1e-12);
  EXPECT_NEAR(s.share_above_revenue(), 200.0 / 480.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.below_market_gap, 1 * 25 + 4 * 10);
  EXPECT_DOUBLE_EQ(s.above_market_premium, 2 * 10);
  EXPECT_DOUBLE_EQ(s.difference.median, -10);
  EXPECT_NEAR(s.difference.mean, -25.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.relative.median, -10.0 / 60.0, 1e-12);
  // Type-7 quantiles of {−25, −10, 10}: p25 = −25 + 0.5 × 15, p90 = −10 + 0.8 × 20.
  EXPECT_NEAR(s.difference.p25, -17.5, 1e-12);
  EXPECT_NEAR(s.difference.p90, 6, 1e-12);

  ASSERT_EQ(c.by_group.size(), 2u);
  EXPECT_EQ(c.by_group[0].label, "Club");
  EXPECT_EQ(c.by_group[0].stats.count, 2u);
  EXPECT_EQ(c.by_group[1].label, "Plaza");
  EXPECT_DOUBLE_EQ(c.by_group[1].stats.below_market_gap, 40);
  // Buckets in params order: 8-14 holds t0 and t2, 4-7 holds t1.
  ASSERT_EQ(c.by_bucket.size(), 2u);
  EXPECT_EQ(c.by_bucket[0].label, "8-14");
  EXPECT_EQ(c.by_bucket[0].stats.count, 2u);
  EXPECT_EQ(c.by_bucket[1].label, "4-7");

  const nlohmann::json j = market_comparison_to_json(c, d);
  EXPECT_EQ(j["sales"]["matched"], 3);
  EXPECT_EQ(j["sales"]["matches"][1]["market_price"], 105.0);
  EXPECT_EQ(j["sales"]["matches"][2]["price_code"], "B");
  EXPECT_EQ(j["listings"]["left_out"], 1);
}

TEST(MarketMatching, PlanBucketsMatchListingsInsideTheBucketOrNearItsEdge) {
  const Dataset d = make_data();
  auto bucket = [&](int days) {
    BucketRecommendation b;
    b.bucket = *d.params.bucket_index(days);
    b.days_from = d.params.buckets[b.bucket].days_from;
    b.days_to = d.params.buckets[b.bucket].days_to;
    b.name = d.params.buckets[b.bucket].name;
    return b;
  };
  CodePlan p;
  p.game = 0;
  p.code = 0;
  for (auto [days, price] : {std::pair{10, 95.0}, {5, 120.0}, {2, 130.0}, {0, 140.0}}) {
    BucketRecommendation b = bucket(days);
    b.price = price;
    b.expected_quantity = 2;
    p.buckets.push_back(b);
  }
  PlanSet plans;
  plans.games = {{0, {p}}};
  const MarketMatches m = match_market(d, &plans, options_with_map(d));
  EXPECT_EQ(m.plan_buckets_considered, 4u);
  ASSERT_EQ(m.plans.size(), 3u);
  EXPECT_EQ(m.plan_buckets_unmatched, 1u);  // game day: the nearest ask is 5 days away
  EXPECT_DOUBLE_EQ(m.plans[0].market_price, 92.5);  // 8-14: l0 and l1 inside it
  EXPECT_EQ(m.plans[0].market_days_before, 9);      // the most recent of them
  EXPECT_DOUBLE_EQ(m.plans[1].market_price, 100);   // 4-7: l2, l3, l4
  EXPECT_DOUBLE_EQ(m.plans[2].market_price, 100);   // 1-3: the same asks, 2 days from its edge
  EXPECT_DOUBLE_EQ(m.plans[2].difference(), 30);
  const MarketComparison c = compare_market(d, m);
  EXPECT_EQ(c.plans.above, 3u);
  EXPECT_DOUBLE_EQ(c.plans.above_market_premium, 2 * 2.5 + 2 * 20 + 2 * 30);
}

TEST(MarketHistogram, NiceEdgesAndEveryValueInABin) {
  // {−25, −10, 10}: the 1st–99th percentile is −24.7 … 9.6, so width 2 (34.3 / 23 rounded up),
  // bins from −26 to 10; 10 itself lies beyond and goes into the last, open bin.
  const std::vector<double> diffs{-25, -10, 10};
  const DifferenceHistogram edges = histogram_edges(diffs);
  EXPECT_DOUBLE_EQ(edges.width, 2);
  ASSERT_EQ(edges.bins.size(), 18u);
  EXPECT_DOUBLE_EQ(edges.bins.front().lo, -26);
  EXPECT_DOUBLE_EQ(edges.bins.back().hi, 10);
  EXPECT_FALSE(edges.open_low);
  EXPECT_TRUE(edges.open_high);
  const DifferenceHistogram h = fill_histogram(edges, diffs, {1, 4, 2});
  EXPECT_EQ(h.bins[0].count, 1u);
  EXPECT_EQ(h.bins[8].count, 1u);  // [−10, −8)
  EXPECT_DOUBLE_EQ(h.bins[8].value, -40);
  EXPECT_EQ(h.bins[17].count, 1u);
  EXPECT_DOUBLE_EQ(h.bins[17].value, 20);
  std::size_t total = 0;
  for (const auto& b : h.bins) total += b.count;
  EXPECT_EQ(total, 3u);
  EXPECT_TRUE(histogram_edges({}).bins.empty());
}

TEST(MarketHistogram, NeverMoreBinsThanAsked) {
  std::vector<double> diffs;
  for (int i = 0; i < 500; ++i) diffs.push_back(std::sin(i * 0.7) * 137.3 + i * 0.11);
  for (int max_bins : {5, 12, 24, 40}) {
    const DifferenceHistogram h = histogram_edges(diffs, max_bins);
    EXPECT_LE(h.bins.size(), static_cast<std::size_t>(max_bins));
    EXPECT_GE(h.bins.size(), static_cast<std::size_t>(max_bins) / 3);
    const auto filled = fill_histogram(h, diffs, std::vector<double>(diffs.size(), 1.0));
    std::size_t total = 0;
    for (const auto& b : filled.bins) total += b.count;
    EXPECT_EQ(total, diffs.size());
  }
}

TEST(SectionMap, SourcesFileMapsPerSourceAndBadCodesAreRefused) {
  const Dataset d = make_data();
  const SectionMap map = parse_section_map_toml(
      "[collector]\nuser_agent = \"x\"\n[[source]]\nname = \"resale\"\nurl = \"http://x\"\n"
      "[source.sections]\n\"101\" = \"A\"\n[sections]\n\"101\" = \"B\"\n\"7\" = \"B\"\n",
      "sources.toml", d);
  EXPECT_EQ(map.find("resale", "101"), CodeIndex{0});    // the source's own map first
  EXPECT_EQ(map.find("exchange", "101"), CodeIndex{1});  // the map for every source
  EXPECT_EQ(map.find("resale", "7"), CodeIndex{1});
  EXPECT_FALSE(map.find("resale", "999"));
  try {
    parse_section_map_toml("[sections]\n\"101\" = \"A\"\n\"102\" = \"Z\"\n", "bad.toml", d);
    FAIL() << "an unknown code was accepted";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].format(), "bad.toml:3: 102: unknown price code 'Z'");
  }
}

// On the simulator's market the matched ask is a listing drawn at 1.1 × median WTP × exp(0.15 Z)
// (docs/simulator.md §8): its ratio to 1.1 × median WTP of the listing's own day has median 1
// (±2% for some hundred matches) and a log-sd of about 0.15.
TEST(MarketMatching, SimulatedAsksAreWhatTheListingTruthSays) {
  const SimulatedMarket& market = test::one_season_market();
  const Dataset& d = market.dataset;
  MarketMatchOptions o;
  o.as_of = market.truth.as_of;
  const MarketComparison c = compare_market(d, match_market(d, nullptr, o));
  ASSERT_GT(c.sales.count, 300u);
  std::vector<double> log_ratio;
  for (const SaleMatch& m : c.matches.sales) {
    EXPECT_LE(std::abs(m.market_days_before - m.days_before), 2);
    if (m.listings != 1) continue;
    const auto b = bucket_at(market.truth, m.market_days_before);
    ASSERT_TRUE(b);
    log_ratio.push_back(std::log(m.market_price / (1.1 * median_wtp(market.truth, m.game, m.code, *b))));
  }
  ASSERT_GT(log_ratio.size(), 200u);
  const Quantiles q = quantiles_of(log_ratio);
  EXPECT_NEAR(q.median, 0.0, 0.02);
  // The interquartile range of 0.15 Z is 2 × 0.674 × 0.15 = 0.20.
  EXPECT_NEAR(q.p75 - q.p25, 0.20, 0.04);
  // What the truth says the comparison should show: our price against the listings' median,
  // 1.1 × median WTP of the sale's own day. The median relative difference measured on the drawn
  // asks is that, give or take the asks' noise (a few points).
  std::vector<double> truth_relative;
  for (const SaleMatch& m : c.matches.sales)
    truth_relative.push_back(m.our_price / (1.1 * median_wtp(market.truth, m.game, m.code, m.bucket)) - 1.0);
  const double expected = quantiles_of(truth_relative).median;
  std::cout << "median relative difference: measured " << c.sales.relative.median << ", truth " << expected << "\n";
  EXPECT_NEAR(c.sales.relative.median, expected, 0.03);
  EXPECT_LT(expected, 0.0);  // the simulator's listings sit above the analyst's prices
  EXPECT_EQ(c.sales.above + c.sales.equal + c.sales.below, c.sales.count);
  EXPECT_EQ(c.matches.sales_considered, c.sales.count + c.matches.sales_unmatched);
}

}  // namespace
