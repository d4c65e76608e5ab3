// End-to-end: seatsync bandit on a two-game season; its accounting holds together.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::run_seatsync;

TEST(BanditCli, ATinySeasonAddsUp) {
  const auto r = run_seatsync({"bandit", "--scenario", "balanced", "--seed", "42", "--max-games", "2", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["runs"].size(), 1u);
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["games"], 2);
  double oracle = 0, fixed = 0;
  for (const auto& p : run["policies"]) {
    if (p["policy"] == "oracle") oracle = p["revenue"];
    if (p["policy"] == "best-fixed-hindsight") fixed = p["revenue"];
  }
  ASSERT_GT(oracle, 0);
  for (const auto& p : run["policies"]) {
    const double revenue = p["revenue"];
    EXPECT_NEAR(p["share_of_oracle"].get<double>(), revenue / oracle, 1e-9) << p["policy"];
    EXPECT_NEAR(p["regret_vs_best_fixed"].get<double>(), fixed - revenue, 1e-6) << p["policy"];
    EXPECT_NEAR(p["cumulative_revenue"].back().get<double>(), revenue, 1e-6) << p["policy"];
  }
}

TEST(BanditCli, BadOptionsExitTwo) {
  const auto r = run_seatsync({"bandit", "--menu-points", "0"});
  EXPECT_EQ(r.exit_code, 2);
}
