// seatsync forecast --data/--db --as-of: the booking-curve forecasts end to end (every format,
// --out, --game, both data paths) and the errors (exit 2).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::read_file;
using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

// A small simulated season (one past season), written once per test binary.
const fs::path& simulated() {
  static TempDir dir;
  static const bool made = [] {
    auto r = run_seatsync({"simulate", "--out", dir.path().string(), "--seasons", "1", "--seed", "5"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return true;
  }();
  (void)made;
  return dir.path();
}

TEST(BookingForecastCli, JsonForEveryUpcomingGameWithinTheSeats) {
  const auto r = run_seatsync({"forecast", "--data", simulated().string(), "--as-of", "2026-12-01", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["as_of"], "2026-12-01");
  ASSERT_GT(json["games"].size(), 0u);
  std::size_t codes = 0;
  for (const auto& game : json["games"]) {
    EXPECT_GE(game["game_date"].get<std::string>(), "2026-12-01");
    for (const auto& c : game["codes"]) {
      ++codes;
      const double seats = c["seats"], sold = c["sold"], expected = c["expected_final"];
      EXPECT_GE(expected, sold);
      EXPECT_LE(expected, seats);
      EXPECT_LE(c["lower_95"].get<double>(), c["lower_80"].get<double>());
      EXPECT_LE(c["upper_80"].get<double>(), c["upper_95"].get<double>());
      EXPECT_LE(c["upper_95"].get<double>(), seats);
      const double p = c["p_sellout"];
      EXPECT_GE(p, 0.0);
      EXPECT_LE(p, 1.0);
      if (sold >= seats) EXPECT_EQ(p, 1.0);
      EXPECT_EQ(c["method"], "combination");
    }
  }
  EXPECT_GT(codes, 100u);
}

TEST(BookingForecastCli, TableCsvOutAndGames) {
  TempDir dir;
  const auto out = dir / "booking.csv";
  const auto r = run_seatsync({"forecast", "--data", simulated().string(), "--as-of", "2026-12-01", "--game",
                               "S2026-G12", "--format", "csv", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string csv = read_file(out);
  EXPECT_EQ(csv.rfind("game_id,game_date,tier,days_before,price_code,seats,sold,expected_final", 0), 0u);
  EXPECT_NE(csv.find("\nS2026-G12,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("S2026-G13"), std::string::npos);
  const auto table =
      run_seatsync({"forecast", "--data", simulated().string(), "--as-of", "2026-12-01", "--game", "S2026-G12"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Booking-curve forecasts as of 2026-12-01"));
  EXPECT_THAT(table.out, HasSubstr("S2026-G12"));
}

TEST(BookingForecastCli, TheDatabaseGivesTheSameAnswer) {
  TempDir dir;
  const auto db = dir / "season.db";
  ASSERT_EQ(run_seatsync({"import", "--data", simulated().string(), "--db", db.string()}).exit_code, 0);
  const auto from_dir = run_seatsync({"forecast", "--data", simulated().string(), "--as-of", "2026-12-01", "--format", "json"});
  const auto from_db = run_seatsync({"forecast", "--db", db.string(), "--as-of", "2026-12-01", "--format", "json"});
  ASSERT_EQ(from_db.exit_code, 0) << from_db.err;
  EXPECT_EQ(from_db.out, from_dir.out);
}

TEST(BookingForecastCli, BadInputExitsTwo) {
  const auto bad_date = run_seatsync({"forecast", "--data", simulated().string(), "--as-of", "2026-13-01"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_THAT(bad_date.err, HasSubstr("--as-of"));
  const auto unknown =
      run_seatsync({"forecast", "--data", simulated().string(), "--as-of", "2026-12-01", "--game", "NOPE"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("NOPE"));
  const auto played =
      run_seatsync({"forecast", "--data", simulated().string(), "--as-of", "2026-12-01", "--game", "S2025-G01"});
  EXPECT_EQ(played.exit_code, 2);
  EXPECT_THAT(played.err, HasSubstr("before the as-of date"));
}

}  // namespace

namespace seatsync {
namespace {

TEST(BookingForecastCli, EvaluateBookingWritesTheMethodTables) {
  test::TempDir dir;
  const auto r = test::run_seatsync({"forecast", "--evaluate-booking", "--scenario", "balanced", "--seed", "3", "--out",
                                     (dir / "eval.md").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string md = test::read_file(dir / "eval.md");
  EXPECT_NE(md.find("Datasets: balanced seed 3"), std::string::npos) << md;
  for (const char* part : {"| days before | cases | additive |", "combination |", "| 60 | 1025 |", "Brier score"}) {
    EXPECT_NE(md.find(part), std::string::npos) << part << "\n" << md;
  }
}

}  // namespace
}  // namespace seatsync
