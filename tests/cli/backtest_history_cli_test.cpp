// End-to-end: seatsync backtest --from/--to (the backtest on history) from a CSV directory and
// from the SQLite store, its table and JSON, and its bad input (exit 2).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using ::testing::HasSubstr;

namespace {

// Two past seasons of 20 games and their store, written once per test binary.
struct History {
  seatsync::test::TempDir dir;
  std::string data() const { return (dir / "data").string(); }
  std::string db() const { return (dir / "store.db").string(); }
};

const History& history() {
  static History h;
  static bool written = false;
  if (!written) {
    auto r = run_seatsync({"simulate", "--out", h.data(), "--seasons", "2", "--games", "20", "--seed", "11"});
    if (r.exit_code != 0) throw std::runtime_error(r.err);
    r = run_seatsync({"import", "--data", h.data(), "--db", h.db()});
    if (r.exit_code != 0) throw std::runtime_error(r.err);
    written = true;
  }
  return h;
}

const std::vector<std::string> kWindow = {"--from", "2026-03-01", "--to", "2026-04-30", "--games", "1"};

std::vector<std::string> args(std::vector<std::string> head, const std::vector<std::string>& tail = kWindow) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

}  // namespace

TEST(BacktestHistoryCli, PrintsSeedThreesTableWithTheTruthBesideTheModel) {
  seatsync::test::TempDir cwd;
  auto r = run_seatsync(args({"backtest", "--data", history().data()}), cwd.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Backtest on history: 1 games played from 2026-03-01 to 2026-04-30"));
  for (const char* text : {"records", "tickets", "conv. rate", "revenue", "avg price", "lift", "vs truth", "observed",
                           "model", "true expected", "true, same buyers", "seatsync-stochastic", "rule_based",
                           "static"})
    EXPECT_THAT(r.out, HasSubstr(text));
  EXPECT_TRUE(std::filesystem::is_empty(cwd.path()));  // nothing written without --out
}

TEST(BacktestHistoryCli, JsonIsTheSameFromTheStoreAndHoldsEveryArm) {
  seatsync::test::TempDir out;
  const auto file = (out / "history.json").string();
  auto csv = run_seatsync(args({"backtest", "--data", history().data(), "--format", "json", "--out", file,
                                "--policy", "static", "--policy", "multiplier:1.1"}));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto j = nlohmann::json::parse(csv.out);
  EXPECT_EQ(j, nlohmann::json::parse(seatsync::test::read_file(file)));
  EXPECT_EQ(j["mode"], "history");
  EXPECT_EQ(j["games"], 1);
  EXPECT_EQ(j["truth"], true);
  EXPECT_EQ(j["conversions"], "tickets");
  ASSERT_EQ(j["arms"].size(), 3u);
  EXPECT_EQ(j["arms"][0]["name"], "actual");
  EXPECT_EQ(j["arms"][2]["name"], "multiplier:1.1");
  EXPECT_TRUE(j["arms"][0].contains("observed"));
  EXPECT_FALSE(j["arms"][1].contains("observed"));
  for (const auto& arm : j["arms"]) {
    for (const char* demand : {"model", "truth", "realized"}) {
      ASSERT_TRUE(arm.contains(demand)) << demand;
      for (const char* key : {"records", "conversions", "conversion_rate", "revenue", "avg_price"})
        EXPECT_TRUE(arm[demand].contains(key)) << key;
      EXPECT_EQ(arm[demand]["records"], j["records"]);
    }
    EXPECT_TRUE(arm["model_vs_truth_pct"].is_number());
    EXPECT_FALSE(arm["tiers"].empty());
  }
  // A dearer price sells fewer tickets, under the model and the truth.
  EXPECT_LT(j["arms"][2]["model"]["conversions"], j["arms"][0]["model"]["conversions"]);
  EXPECT_LT(j["arms"][2]["truth"]["conversions"], j["arms"][0]["truth"]["conversions"]);

  // The store holds the same data: with the same truth, the same answer.
  const auto truth = (std::filesystem::path(history().data()) / "truth.json").string();
  auto db = run_seatsync(args({"backtest", "--db", history().db(), "--truth", truth, "--format", "json", "--policy",
                               "static", "--policy", "multiplier:1.1"}));
  ASSERT_EQ(db.exit_code, 0) << db.err;
  EXPECT_EQ(nlohmann::json::parse(db.out), j);
  // Without a truth, the model's counterfactuals alone.
  auto alone = run_seatsync(args({"backtest", "--db", history().db(), "--format", "json", "--policy", "static"}));
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  const auto k = nlohmann::json::parse(alone.out);
  EXPECT_EQ(k["truth"], false);
  EXPECT_FALSE(k["arms"][1].contains("truth"));
  EXPECT_EQ(k["arms"][1]["model"], j["arms"][1]["model"]);
}

TEST(BacktestHistoryCli, BadWindowsAndOptionsAreBadInput) {
  const std::string data = history().data();
  const auto fails = [](const std::vector<std::string>& a, const std::string& message) {
    auto r = run_seatsync(a);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_THAT(r.err, HasSubstr(message));
  };
  fails({"backtest", "--data", data, "--from", "2026-03-01"}, "give --from and --to together");
  fails({"backtest", "--data", data, "--from", "2026-13-01", "--to", "2026-04-30"},
        "--from: '2026-13-01' is not a date (YYYY-MM-DD)");
  fails({"backtest", "--data", data, "--from", "2026-04-30", "--to", "2026-03-01"},
        "--from 2026-04-30 is after --to 2026-03-01");
  fails({"backtest", "--data", data, "--from", "2030-01-01", "--to", "2030-12-31"},
        "no game of the data is played from 2030-01-01 to 2030-12-31");
  fails(args({"backtest", "--data", data, "--policy", "oracle"}), "--policy: unknown policy 'oracle'");
  fails(args({"backtest", "--simulate"}), "not --simulate");
  fails(args({"backtest", "--data", data, "--refit", "once"}), "--refit applies to the closed loop");
  fails(args({"backtest", "--data", data, "--truth", data + "/missing.json"}), "missing.json");
  fails({"backtest", "--db", history().db()}, "the closed loop plays the simulator's customers");
  fails({"backtest", "--data", data, "--policy", "static"}, "--policy chooses the policies of the backtest on history");
  // The first season has no history before its first buckets open: no fit, and says so.
  fails({"backtest", "--data", data, "--from", "2024-10-01", "--to", "2024-10-31", "--games", "1"},
        "the demand cannot be fitted on the sales before");
}
