// The market command's logic: stored poll statistics first, listings for (game, source) pairs
// without any, and the median's trend; and the study's price-change count on a hand-made track.
#include <gtest/gtest.h>

#include "seatsync/market_study.hpp"
#include "seatsync/market_trend.hpp"

namespace seatsync {
namespace {

MarketPollStats stored(const std::string& at, double median) {
  MarketPollStats s;
  s.source = "seatgeek";
  s.polled_at = at;
  s.polled_date = *parse_date_or_datetime(at);
  s.count = 10;
  s.median = median;
  return s;
}

TEST(MarketTrend, StoredStatsWinAndListingsFillOtherSources) {
  Dataset data;
  data.games.push_back({"G1", *Date::parse("2026-05-20"), 1, ""});
  data.reindex();
  // Medians 100 twenty days out, then 90, 84, 81 on days 13, 16 and 19 (later first, to check the ordering).
  for (auto [at, m] : {std::pair{"2026-05-19T12:00:00", 81.0}, {"2026-04-30T12:00:00", 100.0},
                       {"2026-05-13T12:00:00", 90.0}, {"2026-05-16T12:00:00", 84.0}})
    data.market_stats.push_back(stored(at, m));
  Listing same_source;  // ignored: seatgeek has stored statistics
  same_source.source = "seatgeek";
  same_source.observed_at = "2026-05-18T10:00:00";
  same_source.observed_date = *Date::parse("2026-05-18");
  same_source.price = 1.0;
  Listing other = same_source;
  other.source = "fix";
  other.price = 50.0;
  data.listings = {same_source, other};

  auto markets = market_by_game(data);
  ASSERT_EQ(markets.size(), 2u);
  EXPECT_EQ(markets[0].source, "fix");
  ASSERT_EQ(markets[0].polls.size(), 1u);
  EXPECT_TRUE(markets[0].polls[0].from_listings);
  EXPECT_EQ(*markets[0].polls[0].stats.median, 50.0);
  const auto& sg = markets[1];
  ASSERT_EQ(sg.polls.size(), 4u);
  EXPECT_EQ(sg.polls[0].days_before, 20);
  EXPECT_EQ(sg.polls[3].days_before, 1);
  // Since the first poll: 81 − 100 = −19 over 19 days, −1 a day, −19%.
  EXPECT_DOUBLE_EQ(*sg.trend.median_change, -19.0);
  EXPECT_DOUBLE_EQ(*sg.trend.median_change_relative, -0.19);
  EXPECT_NEAR(*sg.trend.median_per_day, -1.0, 1e-12);
  // Last 7 days (days 13, 16, 19 → 90, 84, 81): slope = Σ(x−16)(y−85) / Σ(x−16)² = (−3·5 + 3·−4) / 18 = −1.5.
  EXPECT_NEAR(*sg.trend.median_per_day_last_7d, -1.5, 1e-9);

  auto only = market_by_game(data, GameIndex{0});
  EXPECT_EQ(only.size(), 2u);
}

TEST(MarketTrend, MeanWhenTheMedianIsUnknown) {
  auto a = stored("2026-05-01T12:00:00", 0), b = stored("2026-05-03T12:00:00", 0);
  a.median.reset();
  b.median.reset();
  a.mean = 120.0;
  b.mean = 110.0;
  auto t = market_trend({{a, 9, false}, {b, 7, false}});
  EXPECT_EQ(t.statistic, "mean");
  EXPECT_DOUBLE_EQ(*t.median_change, -10.0);
  EXPECT_NEAR(*t.median_per_day, -5.0, 1e-12);
}

TEST(MarketTrend, OnePollHasNoTrend) {
  std::vector<MarketPoll> polls{{stored("2026-05-19T12:00:00", 81.0), 1, false}};
  auto t = market_trend(polls);
  EXPECT_FALSE(t.median_change || t.median_per_day || t.median_per_day_last_7d);
  EXPECT_EQ(t.days_covered, 0.0);
}

TEST(MarketStudy, PriceChangesCountCutsAndRaises) {
  MarketImport import;
  import.events.push_back({"e", "", *Date::parse("2022-09-11"), 10 * 3600, ""});
  // Listing a: 100 → 90 (cut 10%) → 90 (no change) → 99 (raise 10%), all more than 3 h before.
  for (auto [t, p] : {std::pair{0, 100.0}, {3600, 90.0}, {3700, 90.0}, {3800, 99.0}})
    import.listings.push_back({"e", "s", "a", "118", t, "", p});
  auto rows = price_changes(import);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].bucket, "6-11");
  EXPECT_EQ(rows[0].observations, 3u);
  EXPECT_EQ(rows[0].cuts, 1u);
  EXPECT_EQ(rows[0].raises, 1u);
  EXPECT_NEAR(rows[0].median_cut, 0.10, 1e-12);
  EXPECT_NEAR(rows[0].median_raise, 0.10, 1e-12);
}

TEST(MarketStudy, RegularSeasonTitles) {
  EXPECT_TRUE(is_regular_season_title("Chicago Bears at Green Bay Packers"));
  EXPECT_FALSE(is_regular_season_title("AFC Wild Card: TBD at TBD"));
  EXPECT_FALSE(is_regular_season_title("Super Bowl LIII"));
}

}  // namespace
}  // namespace seatsync
