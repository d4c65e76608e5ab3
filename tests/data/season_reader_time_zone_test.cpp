// params.toml's timezone: offset timestamps are dated in the venue's local time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "seatsync/season_io.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;

namespace {

class SeasonReaderTimeZoneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::copy_testdata("tiny", dir_.path());
    // An evening game, 2024-10-20 at 20:30 in Chicago (CDT, UTC-5).
    write("games.csv", "game_id,game_date,tier\nG1,2024-10-20,1\n");
    write("transactions.csv", "game_id,price_code,sold_at,quantity,price\nG1,A,2024-10-20,1,900\n");
    write("inventory.csv", "game_id,price_code,remaining,current_price\nG1,A,8,850\n");
    write("listings.csv", "game_id,price_code,observed_at,price,quantity,source\nG1,A,2024-10-21T01:00:00Z,950,2,resale\n");
  }
  void write(const std::string& file, const std::string& contents) { test::write_file(dir_ / file, contents); }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }
  std::vector<std::string> errors() const { return test::load_errors(dir_.path()); }

  TempDir dir_;
};

}  // namespace

TEST_F(SeasonReaderTimeZoneTest, AUtcStampedEveningSaleIsOnGameDay) {
  write("transactions.csv", "game_id,price_code,sold_at,quantity,price\nG1,A,2024-10-21T00:30:00Z,2,900\n"
                            "G1,A,2024-10-20T19:00:00,1,900\nG1,A,2024-10-19T23:30:00-07:00,1,900\n");
  write("params.toml", "timezone = \"America/Chicago\"\n");
  std::vector<Diagnostic> warnings;
  const Dataset d = load_season_dir(dir_.path(), &warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(d.params.timezone, "America/Chicago");
  ASSERT_EQ(d.transactions.size(), 3u);
  EXPECT_EQ(d.transactions[0].sold_date, Date::from_ymd(2024, 10, 20));
  EXPECT_EQ(d.transactions[0].sold_at, "2024-10-21T00:30:00Z");  // kept as written
  EXPECT_EQ(d.days_before(d.transactions[0]), 0);
  EXPECT_EQ(d.days_before(d.transactions[1]), 0);  // naive: local already
  EXPECT_EQ(d.days_before(d.transactions[2]), 0);  // 01:30 CDT on the 20th
  EXPECT_EQ(d.listings[0].observed_date, Date::from_ymd(2024, 10, 20));
}

// Before: this was refused whatever params.toml said. Without a zone it still is (the date
// as written), with a warning that says how to fix it.
TEST_F(SeasonReaderTimeZoneTest, WithoutATimeZoneTheWrittenDateCountsAndAWarningSaysSo) {
  write("transactions.csv", "game_id,price_code,sold_at,quantity,price\nG1,A,2024-10-21T00:30:00Z,2,900\n"
                            "G1,A,2024-10-20T00:30:00Z,2,900\n");
  try {
    load_season_dir(dir_.path());
    FAIL() << "expected the sale after its game to be refused";
  } catch (const ValidationError& e) {
    std::vector<std::string> all;
    for (const auto& d : e.diagnostics()) all.push_back(d.format());
    EXPECT_THAT(all, ::testing::Contains(path("transactions.csv") +
                                         ":2: sold_at: sold on 2024-10-21, after its game on 2024-10-20"));
    EXPECT_THAT(all, ::testing::Contains(HasSubstr(
                         "transactions.csv:2: sold_at: warning: '2024-10-21T00:30:00Z' has a UTC offset but "
                         "params.toml sets no timezone")));
    EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const std::string& s) { return s.find("UTC offset") != std::string::npos; }),
              2);  // once for transactions.csv, once for listings.csv
  }
}

TEST_F(SeasonReaderTimeZoneTest, AnUnknownZoneIsAnErrorAtItsLine) {
  write("params.toml", "tiers = [1, 2, 3]\ntimezone = \"America/Chicgo\"\n");
  EXPECT_THAT(errors(), ::testing::ElementsAre(path("params.toml") +
                                               ":2: timezone: 'America/Chicgo' is not a time zone of the IANA "
                                               "database (e.g. \"America/Chicago\"; see /usr/share/zoneinfo)"));
  write("params.toml", "timezone = 6\n");
  EXPECT_THAT(errors(), ::testing::ElementsAre(HasSubstr("params.toml:1: timezone: the value is not a time zone")));
}
