// Competitor price quantiles, weighted by tickets listed.
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/market_summary.hpp"

using namespace seatsync;

TEST(MarketSummary, QuantilesWeightEachListingByItsTickets) {
  // 1 ticket at 100, 8 at 200, 1 at 900: the median and the 10th percentile are 200 and 100.
  const std::vector<CompetitorPrice> l = {{900, 1, "a"}, {100, 1, "a"}, {200, 8, "a"}};
  const auto m = summarize_market(l);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->p10, 100);
  EXPECT_EQ(m->p50, 200);
  EXPECT_EQ(m->p90, 200);
  EXPECT_EQ(m->count, 3u);
  EXPECT_EQ(m->source, "a");
}

TEST(MarketSummary, SkipsInvalidPricesAndNamesMixedSources) {
  const std::vector<CompetitorPrice> l = {{-1, 1, "x"}, {std::nan(""), 1, "x"}, {50, 0, "seatgeek"}, {70, 2, ""}};
  const auto m = summarize_market(l);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->count, 2u);
  EXPECT_EQ(m->p10, 50);
  EXPECT_EQ(m->p90, 70);
  EXPECT_EQ(m->source, "mixed: seatgeek, unknown");
  EXPECT_FALSE(summarize_market(std::vector<CompetitorPrice>{{0, 1, "x"}}));
}

TEST(MarketSummary, StoredListingsAreRecentAndTheCodesOwnFirst) {
  const Date day = *Date::parse("2026-12-01");
  std::vector<Listing> l(4);
  l[0] = {0, 3u, "", day - 1, 100, 1, "own"};
  l[1] = {0, std::nullopt, "", day, 300, 1, "untied"};
  l[2] = {0, 3u, "", day - 30, 999, 1, "old"};
  l[3] = {0, 3u, "", day + 1, 999, 1, "future"};
  auto own = stored_competitors(l, 3, day, 7);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].source, "own");
  auto other = stored_competitors(l, 4, day, 7);  // no listing of its own: the untied ones
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].source, "untied");
}
