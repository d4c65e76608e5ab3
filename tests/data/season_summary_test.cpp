#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/season_io.hpp"
#include "seatsync/season_summary.hpp"
#include "test_support.hpp"

using namespace seatsync;

TEST(SeasonSummary, CountsTicketsRevenueAndAveragesByGroupAndBucket) {
  test::TempDir dir;
  test::copy_testdata("tiny", dir.path());
  auto s = summarize(load_season_dir(dir.path()));
  EXPECT_EQ(s.games, 3u);
  EXPECT_EQ(s.upcoming_games, 1u);
  EXPECT_EQ(s.games_per_tier, (std::map<int, std::size_t>{{1, 1}, {2, 1}, {3, 1}}));
  EXPECT_EQ(s.groups, (std::vector<std::string>{"Courtside", "Balcony"}));
  EXPECT_EQ(s.total.orders, 11);
  EXPECT_EQ(s.total.tickets, 24);
  EXPECT_DOUBLE_EQ(s.total.revenue, 6999.5);
  // Courtside on game day: G1 A 1 x $1000.
  EXPECT_EQ(s.by_group_bucket[0][7].tickets, 1);
  EXPECT_DOUBLE_EQ(s.by_group_bucket[0][7].revenue, 1000.0);
  // Courtside 1-3 days out: G1 A 2 x $900.
  EXPECT_DOUBLE_EQ(s.by_group_bucket[0][6].average_price(), 900.0);
  // Balcony 91-365 days out: G2 Q sold 130 days before, 2 x $22.
  EXPECT_EQ(s.by_group_bucket[1][0].tickets, 2);
  EXPECT_EQ(s.by_group[1].tickets, 2 + 4 + 3 + 1 + 4 + 2);
  EXPECT_THAT(format_summary(s), ::testing::HasSubstr("Total: 11 orders, 24 tickets"));
}
