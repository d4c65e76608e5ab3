// The data options end to end: --delimiter on the commands that read --data, the venue's time
// zone, and the stale-inventory warning of plan.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

void to_semicolons(const std::filesystem::path& dir) {
  for (const char* name : {"games.csv", "seats.csv", "transactions.csv", "inventory.csv", "listings.csv"}) {
    std::string text = test::read_file(dir / name), out;
    bool quoted = false;
    for (char c : text) {
      if (c == '"') quoted = !quoted;
      out += (c == ',' && !quoted) ? ';' : c;
    }
    test::write_file(dir / name, out);
  }
}

}  // namespace

TEST(DataOptionsCli, DelimiterIsAcceptedByEveryCommandThatReadsData) {
  TempDir dir;
  test::copy_testdata("tiny", dir.path());
  to_semicolons(dir.path());
  const std::string data = dir.path().string();

  auto plain = run_seatsync({"validate", "--data", data});
  EXPECT_EQ(plain.exit_code, 2);
  EXPECT_THAT(plain.err, HasSubstr("games.csv:1: -: the header has no ',' but has ';'"));
  EXPECT_THAT(plain.err, Not(HasSubstr("required column is missing")));

  auto ok = run_seatsync({"validate", "--data", data, "--delimiter", ";"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("3 games, 4 price codes, 11 orders"));

  EXPECT_EQ(run_seatsync({"summary", "--data", data, "--delimiter", ";"}).exit_code, 0);
  const auto db = (dir / "season.db").string();
  auto imported = run_seatsync({"import", "--data", data, "--db", db, "--delimiter", ";"});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(run_seatsync({"summary", "--db", db}).exit_code, 0);

  auto bad = run_seatsync({"validate", "--data", data, "--delimiter", "|"});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST(DataOptionsCli, PlanWarnsAboutAStaleInventoryCount) {
  TempDir dir;
  test::copy_testdata("tiny", dir.path());
  test::write_file(dir / "inventory.csv", "game_id,price_code,remaining,current_price,observed_at\n"
                                          "G3,A,8,850,2025-12-28\nG3,B,12,600,2025-12-28\n");
  const std::string data = dir.path().string();
  auto fresh = run_seatsync({"plan", "--data", data, "--as-of", "2025-12-29"});
  EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_THAT(fresh.err, Not(HasSubstr("counted")));

  auto stale = run_seatsync({"plan", "--data", data, "--as-of", "2026-01-02"});
  EXPECT_EQ(stale.exit_code, 0) << stale.err;
  EXPECT_THAT(stale.err, HasSubstr("warn"));
  EXPECT_THAT(stale.err, HasSubstr("2 of 2 inventory rows for upcoming games were counted more than 1 day before "
                                   "--as-of 2026-01-02 (the oldest on 2025-12-28, 5 days before)"));
  // The same dataset from the store says the same.
  const auto db = (dir / "season.db").string();
  ASSERT_EQ(run_seatsync({"import", "--data", data, "--db", db}).exit_code, 0);
  EXPECT_THAT(run_seatsync({"plan", "--db", db, "--as-of", "2026-01-02"}).err, HasSubstr("2 of 2 inventory rows"));
}

// The example through validate.
TEST(DataOptionsCli, ValidateDatesAUtcSaleInTheVenuesTimeZone) {
  TempDir dir;
  test::copy_testdata("tiny", dir.path());
  test::write_file(dir / "games.csv", "game_id,game_date,tier\nG1,2024-10-20,1\n");
  test::write_file(dir / "transactions.csv", "game_id,price_code,sold_at,quantity,price\nG1,A,2024-10-21T00:30:00Z,2,900\n");
  std::filesystem::remove(dir / "inventory.csv");
  std::filesystem::remove(dir / "listings.csv");
  const std::string data = dir.path().string();
  auto before = run_seatsync({"validate", "--data", data});
  EXPECT_EQ(before.exit_code, 2);
  EXPECT_THAT(before.err, HasSubstr("after its game"));
  test::write_file(dir / "params.toml", "timezone = \"America/Chicago\"\n");
  auto after = run_seatsync({"validate", "--data", data});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  test::write_file(dir / "params.toml", "timezone = \"Chicago\"\n");
  auto bad = run_seatsync({"validate", "--data", data});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("params.toml:1: timezone: 'Chicago' is not a time zone"));
}
