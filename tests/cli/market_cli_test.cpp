// End-to-end: seatsync market on a tiny dataset with known poll statistics.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using seatsync::test::write_file;
using ::testing::HasSubstr;

namespace {

// G1 on 2026-05-10; two polls of source "fix": 10, 20, 30, 40 nine days out, 30, 40 two days out.
void write_tiny(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  write_file(dir / "games.csv", "game_id,game_date,tier\nG1,2026-05-10,1\nG2,2026-05-17,1\n");
  write_file(dir / "seats.csv", "price_code,group,capacity,floor_price\nA,Lower,100,5\n");
  write_file(dir / "transactions.csv", "game_id,price_code,sold_at,quantity,price\n");
  write_file(dir / "listings.csv",
             "game_id,price_code,observed_at,price,quantity,source\n"
             "G1,A,2026-05-01T10:00:00,10,2,fix\nG1,A,2026-05-01T10:00:00,20,1,fix\n"
             "G1,A,2026-05-01T10:00:00,30,1,fix\nG1,,2026-05-01T10:00:00,40,4,fix\n"
             "G1,A,2026-05-08T10:00:00,30,1,fix\nG1,A,2026-05-08T10:00:00,40,1,fix\n");
}

TEST(MarketCli, KnownStatisticsAndTrend) {
  TempDir tmp;
  write_tiny(tmp / "d");
  auto r = run_seatsync({"market", "--data", (tmp / "d").string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);  // G2 has no polls
  EXPECT_EQ(j[0]["game_id"], "G1");
  const auto& first = j[0]["polls"][0];
  // 10, 20, 30, 40: type-7 p10 = 10 + 0.3·10 = 13, median 25, p90 = 37, sample sd = sqrt(500/3).
  EXPECT_EQ(first["count"], 4);
  EXPECT_EQ(first["days_before"], 9);
  EXPECT_DOUBLE_EQ(first["min"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(first["p10"].get<double>(), 13.0);
  EXPECT_DOUBLE_EQ(first["median"].get<double>(), 25.0);
  EXPECT_DOUBLE_EQ(first["mean"].get<double>(), 25.0);
  EXPECT_DOUBLE_EQ(first["p90"].get<double>(), 37.0);
  EXPECT_DOUBLE_EQ(first["max"].get<double>(), 40.0);
  EXPECT_NEAR(first["sd"].get<double>(), std::sqrt(500.0 / 3.0), 1e-9);
  EXPECT_EQ(first["tickets"], 8);
  EXPECT_EQ(first["from_listings"], true);
  const auto& second = j[0]["polls"][1];
  EXPECT_DOUBLE_EQ(second["median"].get<double>(), 35.0);
  // The median rose 10 in 7 days: +40%, 10/7 per day, and the same slope over the last 7 days.
  const auto& t = j[0]["trend"];
  EXPECT_DOUBLE_EQ(t["median_change"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(t["median_change_relative"].get<double>(), 0.4);
  EXPECT_NEAR(t["median_per_day"].get<double>(), 10.0 / 7.0, 1e-12);
  EXPECT_NEAR(t["median_per_day_last_7d"].get<double>(), 10.0 / 7.0, 1e-9);

  auto table = run_seatsync({"market", "--data", (tmp / "d").string(), "--game", "G1"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("game G1 (2026-05-10), source fix: 2 poll(s)"));
  EXPECT_THAT(table.out, HasSubstr("2026-05-01T10:00:00 *"));
  EXPECT_THAT(table.out, HasSubstr("median 10.00 (40.0%) over 7.00 days"));
}

TEST(MarketCli, UnknownGameAndBadDataExitTwo) {
  TempDir tmp;
  write_tiny(tmp / "d");
  auto r = run_seatsync({"market", "--data", (tmp / "d").string(), "--game", "G9"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("G9"));
  write_file(tmp / "d/listings.csv", "game_id,price_code,observed_at,price,quantity,source\nG1,A,2026-05-01,-1,1,fix\n");
  auto bad = run_seatsync({"market", "--data", (tmp / "d").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("listings.csv:2: price:"));
}

TEST(MarketCli, NoPollsSaysSo) {
  TempDir tmp;
  write_tiny(tmp / "d");
  auto r = run_seatsync({"market", "--data", (tmp / "d").string(), "--game", "G2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("no market polls or listings for game G2"));
}

}  // namespace
