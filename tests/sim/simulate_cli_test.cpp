// `seatsync simulate` with the new scenarios and the market-option flags: the flags override
// the scenario's values, land in truth.json, and out-of-range values are refused by name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/truth.hpp"
#include "test_support.hpp"

namespace seatsync {
namespace {

using ::testing::HasSubstr;

// A small market (1 past season, 5 games a season) written by the CLI; its truth.
MarketTruth simulate(const test::TempDir& dir, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"simulate", "--out", dir.path().string(), "--seasons", "1", "--games", "5"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = test::run_seatsync(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return load_truth(dir / "truth.json");
}

TEST(SimulateCli, NewScenariosAreAccepted) {
  for (const char* name : {"shift", "wtp2", "wtp3", "segments"}) {
    test::TempDir dir;
    const MarketTruth t = simulate(dir, {"--scenario", name});
    EXPECT_EQ(t.scenario, name);
  }
  test::TempDir dir;
  EXPECT_EQ(simulate(dir, {"--scenario", "wtp3"}).wtp_scale, 3.0);
}

TEST(SimulateCli, FlagsOverrideTheScenario) {
  test::TempDir a;
  const MarketTruth t = simulate(a, {"--scenario", "segments", "--no-wtp-segments", "--wtp-scale", "1.5",
                                     "--shift-arrivals", "1.4", "--demand-scale", "0.8"});
  EXPECT_EQ(t.scenario, "segments");
  EXPECT_TRUE(t.wtp_segments.empty());                  // turned off
  EXPECT_EQ(t.tier_bucket_wtp_multiplier.size(), 5u);  // kept from the scenario
  EXPECT_EQ(t.wtp_scale, 1.5);
  EXPECT_EQ(t.demand_scale, 0.8);
  EXPECT_EQ(t.games.back().arrival_multiplier, 1.4);
  EXPECT_EQ(t.games.back().wtp_multiplier, 1.0);
  EXPECT_EQ(t.games.front().arrival_multiplier, 1.0);  // a past season

  test::TempDir b;
  const MarketTruth u = simulate(b, {"--tier-time-effects", "--wtp-segments", "--shift-wtp", "1.25"});
  EXPECT_EQ(u.scenario, "balanced");
  EXPECT_EQ(u.wtp_segments.size(), 2u);
  EXPECT_EQ(u.tier_bucket_wtp_multiplier.size(), 5u);
  EXPECT_EQ(u.games.back().wtp_multiplier, 1.25);
}

TEST(SimulateCli, OutOfRangeOptionsAreRefusedByName) {
  test::TempDir dir;
  for (const auto& [flag, value] : std::vector<std::pair<std::string, std::string>>{
           {"--wtp-scale", "0"}, {"--wtp-scale", "11"}, {"--demand-scale", "-1"},
           {"--shift-arrivals", "0.1"}, {"--shift-wtp", "6"}, {"--shift-wtp", "much"}}) {
    const auto r = test::run_seatsync({"simulate", "--out", (dir / "x").string(), flag, value});
    EXPECT_EQ(r.exit_code, 2) << flag << " " << value;
    EXPECT_THAT(r.err + r.out, HasSubstr(flag)) << flag << " " << value;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "x" / "truth.json"));
}

}  // namespace
}  // namespace seatsync
