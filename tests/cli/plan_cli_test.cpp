// End-to-end: seatsync plan (its public JSON/CSV contract) and seatsync backtest.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "seatsync/date.hpp"

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using ::testing::HasSubstr;

TEST(PlanCli, JsonFollowsThePublicContract) {
  seatsync::test::TempDir out;
  const auto file = (out / "plan.json").string();
  auto r = run_seatsync({"plan", "--data", seatsync::test::simulated_season_dir().string(), "--as-of", "2026-12-01", "--out", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto j = nlohmann::json::parse(seatsync::test::read_file(file));
  EXPECT_EQ(j["as_of"], "2026-12-01");
  ASSERT_FALSE(j["games"].empty());
  for (const auto& game : j["games"]) {
    ASSERT_TRUE(game["game_id"].is_string());
    ASSERT_FALSE(game["plans"].empty());
    for (const auto& plan : game["plans"]) {
      ASSERT_TRUE(plan["price_code"].is_string());
      ASSERT_GE(plan["remaining"].get<int>(), 0);
      ASSERT_TRUE(plan["current_price"].is_number());
      const double floor = plan["floor"].get<double>();
      if (plan["remaining"] == 0) {  // sold out: planned, without buckets
        EXPECT_TRUE(plan["buckets"].empty());
        continue;
      }
      ASSERT_FALSE(plan["buckets"].empty());
      EXPECT_EQ(plan["buckets"].back()["days_from"], 0);
      for (const auto& b : plan["buckets"]) {
        for (const char* key : {"bucket", "days_from", "days_to", "price", "expected_quantity", "expected_revenue"})
          ASSERT_TRUE(b.contains(key)) << key;
        EXPECT_GE(b["price"].get<double>(), floor);
        EXPECT_LE(b["days_from"].get<int>(), b["days_to"].get<int>());
      }
    }
  }
}

TEST(PlanCli, OneGameAsCsv) {
  auto all = nlohmann::json::parse(
      run_seatsync({"plan", "--data", seatsync::test::simulated_season_dir().string(), "--as-of", "2026-12-01"}).out);
  const std::string game = all["games"][0]["game_id"];
  auto r = run_seatsync({"plan", "--data", seatsync::test::simulated_season_dir().string(), "--as-of", "2026-12-01", "--game", game,
                         "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The original ten columns first, in their order, then what a spreadsheet needs without a join.
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "game_id,price_code,remaining,current_price,bucket,days_from,days_to,price,expected_quantity,"
            "expected_revenue,game_date,tier,group,floor,ceiling,first_date,last_date");
  const auto& g = all["games"][0];
  const std::string game_date = g["game_date"];
  // Every data row is that game, with its date and tier, its code's group, floor and ceiling as
  // the JSON has them, and the bucket's calendar days: game date − days_to (not before today)
  // to game date − days_from.
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) f.push_back(cell);
    if (!line.empty() && line.back() == ',') f.emplace_back();  // getline drops a last empty field
    ASSERT_EQ(f.size(), 17u) << line;
    EXPECT_EQ(f[0], game);
    EXPECT_EQ(f[10], game_date);
    EXPECT_EQ(f[11], std::to_string(g["tier"].get<int>()));
    const auto plan = std::find_if(g["plans"].begin(), g["plans"].end(), [&](const auto& p) { return p["price_code"] == f[1]; });
    ASSERT_NE(plan, g["plans"].end()) << line;
    EXPECT_EQ(f[12], (*plan)["group"].get<std::string>());
    EXPECT_NEAR(std::stod(f[13]), (*plan)["floor"].get<double>(), 0.005);
    EXPECT_NEAR(std::stod(f[14]), (*plan)["ceiling"].get<double>(), 0.005);
    ++rows;
    if (f[4].empty()) {  // a sold-out code: one row, no bucket, price or dates
      EXPECT_EQ(f[2], "0") << line;
      EXPECT_TRUE(f[7].empty() && f[15].empty() && f[16].empty()) << line;
      continue;
    }
    const auto date = [](const std::string& text) { return *seatsync::Date::parse(text); };
    const int from = std::stoi(f[5]), to = std::stoi(f[6]);
    EXPECT_EQ(date(f[16]), date(game_date) - from);
    EXPECT_EQ(date(f[15]), std::max(date("2026-12-01"), date(game_date) - to));
    EXPECT_LE(date(f[15]), date(f[16]));
  }
  EXPECT_GT(rows, 0u);
}

TEST(PlanCli, BadRequestsExitWithTwoAndWriteNothing) {
  seatsync::test::TempDir out;
  const auto file = (out / "plan.json").string();
  auto unknown = run_seatsync({"plan", "--data", seatsync::test::simulated_season_dir().string(), "--as-of", "2026-12-01", "--game", "NOPE",
                               "--out", file});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("--game: unknown game_id 'NOPE'"));
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_EQ(run_seatsync({"plan", "--data", seatsync::test::simulated_season_dir().string(), "--as-of", "12/01/2026"}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"plan", "--data", seatsync::test::simulated_season_dir().string()}).exit_code, 2);

  seatsync::test::TempDir bad;
  std::filesystem::copy(seatsync::test::simulated_season_dir(), bad.path(), std::filesystem::copy_options::recursive);
  seatsync::test::write_file(bad / "params.toml", "[plan]\nmax_change = -1\n");
  auto params = run_seatsync({"plan", "--data", bad.path().string(), "--as-of", "2026-12-01"});
  EXPECT_EQ(params.exit_code, 2);
  EXPECT_THAT(params.err, HasSubstr("params.toml:2: plan.max_change: must be a number > 0"));
}

TEST(BacktestCli, WritesNothingIntoTheWorkingDirectoryWithoutOut) {
  seatsync::test::TempDir cwd;
  auto r = run_seatsync({"backtest", "--data", seatsync::test::simulated_season_dir().string(), "--games", "1"}, cwd.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("oracle"));
  EXPECT_TRUE(std::filesystem::is_empty(cwd.path()));
}

TEST(BacktestCli, DataWithoutTruthIsBadInput) {
  seatsync::test::TempDir bad;
  std::filesystem::copy(seatsync::test::simulated_season_dir(), bad.path(), std::filesystem::copy_options::recursive);
  std::filesystem::remove(bad / "truth.json");
  auto missing = run_seatsync({"backtest", "--data", bad.path().string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("no truth.json there"));
  EXPECT_THAT(missing.err, HasSubstr("--simulate"));
  seatsync::test::write_file(bad / "truth.json", "{\"not\": \"a truth\"}");
  EXPECT_EQ(run_seatsync({"backtest", "--data", bad.path().string()}).exit_code, 2);
}

TEST(BacktestCli, PrintsEveryPolicyAndWritesJson) {
  seatsync::test::TempDir out;
  const auto file = (out / "bt.json").string();
  auto r = run_seatsync({"backtest", "--data", seatsync::test::simulated_season_dir().string(), "--games", "3", "--out", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* policy : {"seatsync-stochastic", "seatsync-deterministic", "static", "analyst",
                             "best-static-oracle", "oracle"})
    EXPECT_THAT(r.out, HasSubstr(policy));
  auto j = nlohmann::json::parse(seatsync::test::read_file(file));
  EXPECT_EQ(j["games"], 3);
  EXPECT_EQ(j["policies"].size(), 6u);
  EXPECT_EQ(j["policies"][5]["policy"], "oracle");
  EXPECT_DOUBLE_EQ(j["policies"][5]["ratio_to_oracle"].get<double>(), 1.0);
  EXPECT_EQ(run_seatsync({"backtest"}).exit_code, 2);
}
