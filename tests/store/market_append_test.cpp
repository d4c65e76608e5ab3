// Appending market rows (what `collect` and `import-listings` do), one suite over both places a
// dataset lives: a CSV directory and a SQLite store.
#include <gtest/gtest.h>

#include "seatsync/market_stats.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/source.hpp"
#include "pg_test_server.hpp"
#include "store_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

TEST(PollStats, KnownAnswer) {
  std::vector<Listing> page(4);
  const double prices[] = {40, 10, 30, 20};
  for (int i = 0; i < 4; ++i) page[i] = {0, std::nullopt, "t", Date::from_ymd(2026, 1, 1), prices[i], i, "s"};
  page.push_back({0, std::nullopt, "t", Date::from_ymd(2026, 1, 1), -5.0, 3, "s"});  // not a price: skipped
  const auto s = poll_stats(page, 0, "s", "t", Date::from_ymd(2026, 1, 1));
  EXPECT_EQ(s.count, 4u);
  EXPECT_EQ(s.tickets, 0 + 1 + 2 + 3);
  EXPECT_DOUBLE_EQ(*s.min, 10);
  EXPECT_DOUBLE_EQ(*s.max, 40);
  EXPECT_DOUBLE_EQ(*s.median, 25);
  EXPECT_DOUBLE_EQ(*s.p10, 13);  // type 7: 10 + 0.3 · (20 − 10), as numpy.quantile
  EXPECT_DOUBLE_EQ(*s.p90, 37);
  EXPECT_DOUBLE_EQ(*s.mean, 25);
  EXPECT_NEAR(*s.sd, 12.909944487358056, 1e-12);  // numpy.std([10, 20, 30, 40], ddof=1)
  const auto one = poll_stats(std::span(page).first(1), 0, "s", "t", Date::from_ymd(2026, 1, 1));
  EXPECT_FALSE(one.sd);
  EXPECT_EQ(poll_stats({}, 0, "s", "t", Date::from_ymd(2026, 1, 1)).count, 0u);
}

TEST(ListingKey, TheMarketplaceIdWinsOverTheFields) {
  const Dataset data = sample_dataset();
  Listing a = data.listings[0];  // has a listing_id
  Listing b = a;
  b.price += 10;  // a repriced listing seen in the same poll is still the same listing
  EXPECT_EQ(listing_key(data, a), listing_key(data, b));
  b.observed_at = "2026-01-10T08:05:00Z";
  EXPECT_NE(listing_key(data, a), listing_key(data, b));
  Listing c = data.listings[2];  // no listing_id: its fields are its identity
  Listing d = c;
  EXPECT_EQ(listing_key(data, c), listing_key(data, d));
  d.quantity += 1;
  EXPECT_NE(listing_key(data, c), listing_key(data, d));
}

enum class Place { directory, sqlite, postgres };

class MarketAppend : public ::testing::TestWithParam<Place> {
 protected:
  void SetUp() override {
    if (GetParam() == Place::directory) {
      write_season_dir(sample_dataset(), dir_ / "season");
      where_.data_dir = dir_ / "season";
    } else {
      where_.db = GetParam() == Place::sqlite ? (dir_ / "season.db").string() : fresh_postgres_database();
      open_store(*where_.db)->replace(sample_dataset());
    }
  }
  Dataset load() const { return load_dataset(where_); }

  TempDir dir_;
  DataSource where_;
};

TEST_P(MarketAppend, AddsNewRowsOnceAndKeepsTheOld) {
  const Dataset before = load();
  expect_same_dataset(sample_dataset(), before);
  std::vector<Listing> poll = {
      {0, 1, "2026-01-12T10:00:00Z", Date::from_ymd(2026, 1, 12), 80.0, 2, "fixture", "L1", "101"},
      {0, std::nullopt, "2026-01-12T10:00:00Z", Date::from_ymd(2026, 1, 12), 95.5, 1, "fixture", "", "999"},
      before.listings[0],  // already stored
  };
  const std::vector<MarketPollStats> stats = {
      poll_stats(std::span(poll).first(2), 0, "fixture", "2026-01-12T10:00:00Z", Date::from_ymd(2026, 1, 12)),
      before.market_stats[1],  // already stored
  };
  const auto first = append_market_data(where_, before, poll, stats);
  EXPECT_EQ(first.listings_added, 2u);
  EXPECT_EQ(first.listings_duplicate, 1u);
  EXPECT_EQ(first.stats_added, 1u);
  EXPECT_EQ(first.stats_duplicate, 1u);

  Dataset expected = sample_dataset();
  expected.listings.push_back(poll[0]);
  expected.listings.push_back(poll[1]);
  expected.market_stats.push_back(stats[0]);
  const Dataset after = load();
  expect_same_dataset(expected, after);

  // The same poll again (a re-run) adds nothing and changes nothing.
  const auto again = append_market_data(where_, after, poll, stats);
  EXPECT_EQ(again.listings_added, 0u);
  EXPECT_EQ(again.stats_added, 0u);
  expect_same_dataset(expected, load());
}

TEST_P(MarketAppend, RepeatsWithinOneCallAreStoredOnce) {
  const Dataset before = load();
  Listing l{1, 0, "2026-01-13T09:00:00Z", Date::from_ymd(2026, 1, 13), 70.0, 4, "fixture"};
  const std::vector<Listing> twice = {l, l};
  const auto result = append_market_data(where_, before, twice, {});
  EXPECT_EQ(result.listings_added, 1u);
  EXPECT_EQ(result.listings_duplicate, 1u);
  EXPECT_EQ(load().listings.size(), before.listings.size() + 1);
}

INSTANTIATE_TEST_SUITE_P(Places, MarketAppend, ::testing::Values(Place::directory, Place::sqlite, Place::postgres),
                         [](const auto& info) {
                           return info.param == Place::directory ? "Directory"
                                  : info.param == Place::sqlite  ? "Sqlite"
                                                                 : "Postgres";
                         });

}  // namespace
}  // namespace seatsync::test
