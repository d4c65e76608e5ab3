// A price code without a single past order (issue 10, items 9 and 8): it used to make `plan`
// fail for every game (exit 2: the Demand Matrix of the code had nothing to complete). It now
// gets a plan from demand borrowed from its group, noted as thin; a sold-out code is planned
// with remaining 0, no buckets and the note "sold out".
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "seatsync/planner.hpp"
#include "seatsync/season_io.hpp"
#include "test_support.hpp"

using namespace seatsync;

namespace {

// The one-season market with every order of the first code of the first group removed.
Dataset without_orders_of(CodeIndex code) {
  Dataset data = test::one_season_market().dataset;
  std::erase_if(data.transactions, [&](const Transaction& t) { return t.code == code; });
  return data;
}

bool has_note(const CodePlan& plan, const std::string& text) {
  return std::any_of(plan.notes.begin(), plan.notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

}  // namespace

TEST(NewPriceCode, IsPlannedFromItsGroupAndNeverStopsTheOthers) {
  const CodeIndex fresh = 0;
  const Dataset data = without_orders_of(fresh);
  const Date as_of = test::one_season_market().truth.as_of;
  for (const char* method : {"stochastic", "deterministic"}) {
    PlanParams params = data.params.plan;
    params.method = method;
    const Planner planner(data, as_of, params);  // threw before: no observed cell and no fallback
    EXPECT_TRUE(planner.arrivals().borrowed(fresh));
    EXPECT_FALSE(planner.arrivals().borrowed(1));
    EXPECT_GT(planner.arrivals().reference_price(fresh), 0.0);
    const auto set = plan_games(data, planner, as_of);
    std::size_t planned = 0, fresh_plans = 0;
    double fresh_tickets = 0;
    for (const auto& game : set.games)
      for (const auto& plan : game.plans) {
        ++planned;
        if (plan.remaining > 0) EXPECT_FALSE(plan.buckets.empty()) << method;
        if (plan.code != fresh) continue;
        ++fresh_plans;
        EXPECT_TRUE(has_note(plan, "no past orders")) << method;
        if (plan.remaining > 0) fresh_tickets += plan.expected_tickets;
      }
    if (std::string(method) == "stochastic") EXPECT_GT(fresh_tickets, 0.0);  // borrowed demand, not none
    std::size_t upcoming = 0;
    for (const auto& row : data.inventory) upcoming += data.games[row.game].date >= as_of;
    EXPECT_EQ(planned, upcoming) << method;
    EXPECT_GT(fresh_plans, 0u) << method;
  }
}

TEST(NewPriceCode, PlanCommandExitsZeroAndNotesTheCode) {
  Dataset data = without_orders_of(0);
  test::TempDir dir;
  write_season_dir(data, dir.path());
  const auto r = test::run_seatsync({"plan", "--data", dir.path().string(), "--as-of",
                                     test::one_season_market().truth.as_of.str()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  std::size_t fresh = 0, plans = 0;
  for (const auto& game : j["games"])
    for (const auto& plan : game["plans"]) {
      ++plans;
      if (plan["price_code"] != data.codes[0].code) continue;
      ++fresh;
      EXPECT_NE(plan["notes"].dump().find("no past orders"), std::string::npos);
    }
  EXPECT_GT(fresh, 0u);
  EXPECT_EQ(plans, static_cast<std::size_t>(std::count_if(data.inventory.begin(), data.inventory.end(), [&](const auto& row) {
              return data.games[row.game].date >= test::one_season_market().truth.as_of;
            })));
}

TEST(SoldOutCode, AppearsWithRemainingZeroAndNoBuckets) {
  Dataset data = test::one_season_market().dataset;
  const Date as_of = test::one_season_market().truth.as_of;
  auto row = std::find_if(data.inventory.begin(), data.inventory.end(),
                          [&](const InventoryRow& r) { return data.games[r.game].date >= as_of; });
  ASSERT_NE(row, data.inventory.end());
  row->remaining = 0;
  const auto set = plan_games(data, as_of, {row->game});
  ASSERT_EQ(set.games.size(), 1u);
  const auto& plans = set.games[0].plans;
  auto sold_out = std::find_if(plans.begin(), plans.end(), [&](const CodePlan& p) { return p.code == row->code; });
  ASSERT_NE(sold_out, plans.end());  // vanished before
  EXPECT_EQ(sold_out->remaining, 0);
  EXPECT_TRUE(sold_out->buckets.empty());
  EXPECT_TRUE(has_note(*sold_out, "sold out"));
  EXPECT_EQ(sold_out->expected_tickets, 0.0);
}
