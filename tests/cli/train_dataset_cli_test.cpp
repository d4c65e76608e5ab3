// End-to-end: seatsync train --data on a small simulated dataset, then models and predict.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;

namespace {

// One small simulated season (12 games) with its truth.json, written once per test binary.
const std::filesystem::path& small_dataset() {
  static TempDir dir;
  static const bool written = [] {
    auto r = run_seatsync({"simulate", "--out", (dir / "sim").string(), "--seasons", "1", "--games", "12"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return true;
  }();
  (void)written;
  static const auto path = dir / "sim";
  return path;
}

}  // namespace

TEST(TrainDatasetCli, TrainsSavesAndPredicts) {
  TempDir reg;
  const auto data = small_dataset().string();
  auto train = run_seatsync({"train", "--data", data, "--model", "demand", "--rounds", "40", "--registry",
                             reg.path().string(), "--format", "json"});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  const auto meta = nlohmann::json::parse(train.out);
  EXPECT_EQ(meta["model"], "demand");
  EXPECT_EQ(meta["algo"], "gbdt");
  EXPECT_EQ(meta["type"], "demand");
  EXPECT_EQ(meta["scope"], "season");
  for (const char* key : {"metrics", "baseline_metrics", "truth_metrics", "features", "sha256", "data", "params"})
    EXPECT_TRUE(meta.contains(key)) << key;
  EXPECT_TRUE(std::filesystem::exists(reg.path() / meta["file"].get<std::string>()));
  EXPECT_GT(meta["truth_metrics"]["elasticity"]["rows"].get<int>(), 0);  // the price response vs the truth
  EXPECT_FALSE(meta["params"]["gbdt"]["monotone"].empty());             // trees non-increasing in price

  auto list = run_seatsync({"models", "list", "--registry", reg.path().string()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("demand"));
  auto show = run_seatsync({"models", "show", "season", "demand", "--registry", reg.path().string()});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("features by importance"));
  EXPECT_THAT(show.out, HasSubstr("75 columns"));

  auto predict = run_seatsync({"predict", "--data", data, "--registry", reg.path().string(), "--game", "S2025-G03",
                               "--code", "1", "--day", "2025-10-01", "--price", "900,1200,1500", "--format", "json"});
  ASSERT_EQ(predict.exit_code, 0) << predict.err;
  const auto p = nlohmann::json::parse(predict.out);
  ASSERT_EQ(p["predictions"].size(), 3u);
  double last = 1e9;
  for (const auto& point : p["predictions"]) {
    EXPECT_TRUE(point.contains("elasticity"));
    EXPECT_LE(point["prediction"].get<double>(), last);  // the derived curve never rises with price
    last = point["prediction"].get<double>();
  }
  auto table = run_seatsync({"predict", "--data", data, "--registry", reg.path().string(), "--game", "S2025-G03",
                             "--code", "1", "--day", "2025-10-01"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("elasticity"));
  // The model is named as `models show` names it, and a version as that name prints it is accepted.
  const std::string version = meta["version"];
  EXPECT_THAT(table.out, HasSubstr("season_demand v" + version + " ("));
  EXPECT_EQ(p["type"], "demand");
  EXPECT_EQ(p["scope"], "season");
  auto by_name = run_seatsync({"predict", "--data", data, "--registry", reg.path().string(), "--game", "S2025-G03",
                               "--code", "1", "--day", "2025-10-01", "--scope", "season", "--model", "demand",
                               "--version", "v" + version});
  ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
  EXPECT_THAT(by_name.out, HasSubstr("season_demand v" + version));
}

TEST(TrainDatasetCli, EnsembleReportsMembersAndAnInterval) {
  TempDir reg;
  const auto data = small_dataset().string();
  auto train = run_seatsync({"train", "--data", data, "--model", "conversion", "--algo", "ensemble", "--rounds", "20",
                             "--registry", reg.path().string()});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_THAT(train.out, HasSubstr("ensemble member weights"));
  EXPECT_THAT(train.out, HasSubstr("of the observed test targets"));
  EXPECT_THAT(train.out, HasSubstr("auc"));
  auto predict = run_seatsync({"predict", "--data", data, "--registry", reg.path().string(), "--model", "conversion",
                               "--game", "S2025-G03", "--code", "1", "--day", "2025-10-01", "--format", "json"});
  ASSERT_EQ(predict.exit_code, 0) << predict.err;
  const auto p = nlohmann::json::parse(predict.out);
  for (const auto& point : p["predictions"]) {
    EXPECT_LE(point["lower"].get<double>(), point["raw"].get<double>() + 1e-6);
    EXPECT_GE(point["upper"].get<double>(), point["raw"].get<double>() - 1e-6);
    EXPECT_EQ(point["members"].size(), 3u);
  }
}

TEST(TrainDatasetCli, BadInvocationsExitWithTwo) {
  TempDir reg;
  const auto data = small_dataset().string();
  auto both = run_seatsync({"train", "--data", data, "--csv", "x.csv", "--target", "y"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("either"));
  auto no_model = run_seatsync({"train", "--data", data});
  EXPECT_EQ(no_model.exit_code, 2);
  EXPECT_THAT(no_model.err, HasSubstr("--model"));
  auto bad_model = run_seatsync({"train", "--data", data, "--model", "revenue"});
  EXPECT_EQ(bad_model.exit_code, 2);
  auto nothing = run_seatsync({"predict", "--data", data, "--registry", reg.path().string(), "--game", "S2025-G03",
                               "--code", "1"});
  EXPECT_NE(nothing.exit_code, 0);
  EXPECT_THAT(nothing.err, HasSubstr("demand"));
  auto no_game = run_seatsync({"predict", "--data", data, "--registry", reg.path().string(), "--game", "nope",
                               "--code", "1"});
  EXPECT_EQ(no_game.exit_code, 2);
  EXPECT_THAT(no_game.err, HasSubstr("--game"));
}
