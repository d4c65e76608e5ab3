#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/season_io.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;
using ::testing::Contains;
using ::testing::HasSubstr;

namespace {

// Copies the tiny dataset, lets the test change one file, and returns every error message.
class SeasonReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { test::copy_testdata("tiny", dir_.path()); }
  void write(const std::string& file, const std::string& contents) { test::write_file(dir_ / file, contents); }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }

  std::vector<std::string> errors() const { return test::load_errors(dir_.path()); }

  TempDir dir_;
};

}  // namespace

TEST_F(SeasonReaderTest, LoadsTheTinyDatasetWithEveryField) {
  std::vector<Diagnostic> warnings;
  Dataset d = load_season_dir(dir_.path(), &warnings);
  // The offsets are taken as written (no params.toml timezone), which the first one says.
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0].format(), HasSubstr("transactions.csv:5: sold_at: warning: '2025-10-25T08:00:00Z' has a "
                                              "UTC offset but params.toml sets no timezone"));
  ASSERT_EQ(d.games.size(), 3u);
  EXPECT_EQ(d.games[1].opponent, "Valley Owls, The");
  EXPECT_EQ(d.games[2].tier, 2);
  ASSERT_EQ(d.codes.size(), 4u);
  EXPECT_EQ(d.groups(), (std::vector<std::string>{"Courtside", "Balcony"}));
  ASSERT_EQ(d.transactions.size(), 11u);
  const auto& t = d.transactions[0];
  EXPECT_EQ(d.games[t.game].id, "G1");
  EXPECT_EQ(t.sold_at, "2025-10-30T19:05:00");
  EXPECT_EQ(d.days_before(t), 2);
  EXPECT_DOUBLE_EQ(d.transactions[8].price, 25.5);
  // A sale on game day written with a UTC offset still counts as game day.
  EXPECT_EQ(d.days_before(d.transactions[6]), 0);
  ASSERT_EQ(d.inventory.size(), 4u);
  EXPECT_EQ(d.inventory[2].remaining, 96);
  ASSERT_EQ(d.listings.size(), 2u);
  EXPECT_FALSE(d.listings[1].code.has_value());
  EXPECT_EQ(d.params.buckets.size(), 8u);
}

TEST_F(SeasonReaderTest, AcceptsColumnsInAnyOrderAndIgnoresExtraColumns) {
  write("games.csv", "tier,note,game_date,game_id\n1,x,2025-11-01,G1\n3,,2025-11-08,G2\n2,y,2026-01-10,G3\n");
  Dataset d = load_season_dir(dir_.path());
  EXPECT_EQ(d.games[0].id, "G1");
  EXPECT_EQ(d.games[1].tier, 3);
  EXPECT_TRUE(d.games[0].opponent.empty());
}

TEST_F(SeasonReaderTest, OptionalFilesMayBeAbsent) {
  std::filesystem::remove(dir_ / "inventory.csv");
  std::filesystem::remove(dir_ / "listings.csv");
  Dataset d = load_season_dir(dir_.path());
  EXPECT_TRUE(d.inventory.empty());
  EXPECT_TRUE(d.listings.empty());
}

TEST_F(SeasonReaderTest, MissingFileAndMissingColumn) {
  std::filesystem::remove(dir_ / "seats.csv");
  write("games.csv", "game_id,tier\nG1,1\n");
  auto e = errors();
  EXPECT_THAT(e, Contains(path("seats.csv") + ":0: -: required file is missing or unreadable"));
  EXPECT_THAT(e, Contains(path("games.csv") + ":1: game_date: required column is missing"));
}

TEST_F(SeasonReaderTest, UnparsableNumbersAndDates) {
  write("games.csv", "game_id,game_date,tier\nG1,2025-11-01,one\nG2,2025/11/08,3\nG3,2026-01-10,2\n");
  write("transactions.csv",
        "game_id,price_code,sold_at,quantity,price\nG3,A,2025-12-20,two,800\nG3,A,2025-13-20,1,800\nG3,P,2025-12-28,1,4O\n");
  auto e = errors();
  EXPECT_THAT(e, Contains(path("games.csv") + ":2: tier: 'one' is not a whole number"));
  EXPECT_THAT(e, Contains(path("games.csv") + ":3: game_date: '2025/11/08' is not a date (YYYY-MM-DD)"));
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":2: quantity: 'two' is not a whole number"));
  EXPECT_THAT(e, Contains(path("transactions.csv") +
                          ":3: sold_at: '2025-13-20' is not a date (YYYY-MM-DD) or ISO-8601 date-time"));
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":4: price: '4O' is not a number"));
}

TEST_F(SeasonReaderTest, QuantityBelowOneAndNonPositiveOrInfinitePrices) {
  write("transactions.csv",
        "game_id,price_code,sold_at,quantity,price\nG3,A,2025-12-20,0,800\nG3,A,2025-12-20,1,0\n"
        "G3,A,2025-12-20,1,-5\nG3,A,2025-12-20,1,inf\n");
  auto e = errors();
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":2: quantity: quantity must be >= 1, found 0"));
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":3: price: price must be a finite number > 0, found 0.00"));
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":4: price: price must be a finite number > 0, found -5.00"));
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":5: price: 'inf' is not a finite number"));
}

TEST_F(SeasonReaderTest, UnknownGameAndPriceCode) {
  write("transactions.csv", "game_id,price_code,sold_at,quantity,price\nG9,A,2025-12-20,1,800\nG3,ZZ,2025-12-20,1,800\n");
  write("inventory.csv", "game_id,price_code,remaining,current_price\nG3,Z,1,10\n");
  auto e = errors();
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":2: game_id: unknown game_id 'G9' (not in games.csv)"));
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":3: price_code: unknown price_code 'ZZ' (not in seats.csv)"));
  EXPECT_THAT(e, Contains(path("inventory.csv") + ":2: price_code: unknown price_code 'Z' (not in seats.csv)"));
}

TEST_F(SeasonReaderTest, DuplicateKeys) {
  write("games.csv", "game_id,game_date,tier\nG1,2025-11-01,1\nG2,2025-11-08,3\nG3,2026-01-10,2\nG1,2025-12-01,1\n");
  write("seats.csv", "price_code,group,capacity,floor_price\nA,C,10,5\nB,C,12,4\nP,B,100,2\nQ,B,150,1\nA,C,1,1\n");
  write("inventory.csv", "game_id,price_code,remaining,current_price\nG3,A,8,850\nG3,A,7,850\n");
  auto e = errors();
  EXPECT_THAT(e, Contains(path("games.csv") + ":5: game_id: duplicate game_id 'G1'"));
  EXPECT_THAT(e, Contains(path("seats.csv") + ":6: price_code: duplicate price_code 'A'"));
  EXPECT_THAT(e, Contains(path("inventory.csv") + ":3: price_code: duplicate row for game 'G3' and price code 'A'"));
}

TEST_F(SeasonReaderTest, SaleAfterItsGameAndBeyondCapacity) {
  write("transactions.csv",
        "game_id,price_code,sold_at,quantity,price\nG1,A,2025-11-02T10:00:00,1,900\n"
        "G1,B,2025-10-01,7,600\nG1,B,2025-10-02,6,600\nG1,B,2025-10-03,1,600\n");
  auto e = errors();
  EXPECT_THAT(e, Contains(path("transactions.csv") + ":2: sold_at: sold on 2025-11-02, after its game on 2025-11-01"));
  EXPECT_THAT(e, Contains(path("transactions.csv") +
                          ":4: quantity: game 'G1' price code 'B' has sold 13 tickets, more than its capacity 12"));
  EXPECT_EQ(e.size(), 2u);  // the over-capacity game is reported once
}

TEST_F(SeasonReaderTest, RemainingBeyondCapacity) {
  write("inventory.csv", "game_id,price_code,remaining,current_price\nG3,A,11,850\nG3,B,-1,600\n");
  auto e = errors();
  EXPECT_THAT(e, Contains(path("inventory.csv") + ":2: remaining: remaining 11 exceeds the capacity 10 of price code 'A'"));
  EXPECT_THAT(e, Contains(path("inventory.csv") + ":3: remaining: remaining must be >= 0"));
}

TEST_F(SeasonReaderTest, BucketsWithGapsInParams) {
  write("params.toml", "[[buckets]]\ndays_from = 0\ndays_to = 3\n[[buckets]]\ndays_from = 5\ndays_to = 365\n");
  auto e = errors();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_THAT(e[0], HasSubstr(path("params.toml") + ":1: buckets: gap between bucket '0-3' and bucket '5-365'"));
}

TEST_F(SeasonReaderTest, ParamsRegroupCodesAndRestrictTiers) {
  write("params.toml", "tiers = [1, 2]\n[groups]\nPremium = [\"A\"]\nNope = [\"X\"]\n");
  auto e = errors();
  EXPECT_THAT(e, Contains(path("games.csv") + ":3: tier: tier 3 is not among the tiers in use (params.toml)"));
  EXPECT_THAT(e, Contains(path("params.toml") + ":0: groups.Nope: unknown price code 'X'"));

  write("params.toml", "[groups]\nPremium = [\"A\"]\n");
  Dataset d = load_season_dir(dir_.path());
  EXPECT_EQ(d.codes[0].group, "Premium");
  EXPECT_EQ(d.codes[1].group, "Courtside");
  EXPECT_EQ(d.params_toml, "[groups]\nPremium = [\"A\"]\n");
}

TEST_F(SeasonReaderTest, ReportsAllProblemsNotJustTheFirst) {
  std::string rows = "game_id,price_code,sold_at,quantity,price\n";
  for (int i = 0; i < 30; ++i) rows += "G3,A,2025-12-20,0,800\n";
  write("transactions.csv", rows);
  EXPECT_EQ(errors().size(), 30u);
}

TEST_F(SeasonReaderTest, WarnsAboutSalesBeforeTheFirstBucket) {
  write("transactions.csv", "game_id,price_code,sold_at,quantity,price\nG3,A,2024-12-01,1,800\n");
  std::vector<Diagnostic> warnings;
  load_season_dir(dir_.path(), &warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0].format(), HasSubstr("transactions.csv:2: sold_at: warning: sold 405 days before the game"));
}
