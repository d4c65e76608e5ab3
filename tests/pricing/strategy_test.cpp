// Each strategy's target and reasons on known inputs, and score()'s refusals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/pricing_strategy.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

namespace {

StrategyContext context(const StrategyParams& params) {
  StrategyContext c;
  c.params = &params;
  c.policy_price = 150;
  c.price_in_force = 140;
  c.reference_price = 120;
  c.constraints.floor = 100;
  c.days_before = 10;
  c.occupancy = 0.5;
  return c;
}

}  // namespace

TEST(Strategies, AreRegisteredByName) {
  for (auto name : {"revenue", "competitive", "time_based", "psychological", "rule_based"}) {
    ASSERT_NE(find_strategy(name), nullptr) << name;
    EXPECT_EQ(find_strategy(name)->name(), name);
  }
  EXPECT_EQ(find_strategy("magic"), nullptr);
  EXPECT_EQ(strategy_names().size(), 5u);
}

TEST(Strategies, RevenueIsThePolicyAndFallsBackToTheRule) {
  StrategyParams p;
  auto c = context(p);
  auto d = find_strategy("revenue")->decide(c);
  EXPECT_EQ(d.target, 150);
  EXPECT_EQ(d.method, "dp_policy");
  c.policy_price.reset();
  d = find_strategy("revenue")->decide(c);
  EXPECT_EQ(d.method, "rule_based");
  EXPECT_EQ(d.target, 140);  // the price in force, no market, no model, middling occupancy
  EXPECT_THAT(d.reasons[0], HasSubstr("No planner policy"));
}

TEST(Strategies, CompetitivePositionsAgainstTheMedian) {
  StrategyParams p;
  auto c = context(p);
  c.market = MarketSummary{80, 200, 300, 5, "x"};
  EXPECT_EQ(find_strategy("competitive")->decide(c).target, 200);
  p.competitive_position = "undercut";
  p.competitive_share = 0.1;
  EXPECT_DOUBLE_EQ(find_strategy("competitive")->decide(c).target, 180);
  p.competitive_position = "premium";
  EXPECT_DOUBLE_EQ(find_strategy("competitive")->decide(c).target, 220);
  c.market.reset();
  const auto d = find_strategy("competitive")->decide(c);
  EXPECT_EQ(d.target, 150);  // no market: the revenue strategy, said so
  EXPECT_THAT(d.reasons[0], HasSubstr("No competitor data"));
}

TEST(Strategies, TimeBasedMultipliesThePriceInForceByDaysOut) {
  StrategyParams p;
  p.time_based = {{0, 3, 1.2}, {4, 30, 0.9}};
  auto c = context(p);
  EXPECT_DOUBLE_EQ(find_strategy("time_based")->decide(c).target, 140 * 0.9);
  c.days_before = 2;
  EXPECT_DOUBLE_EQ(find_strategy("time_based")->decide(c).target, 140 * 1.2);
  c.days_before = 60;  // not covered
  EXPECT_DOUBLE_EQ(find_strategy("time_based")->decide(c).target, 140);
  c.days_before = 2;
  c.apply_seasonality = false;
  EXPECT_DOUBLE_EQ(find_strategy("time_based")->decide(c).target, 140);
}

TEST(Strategies, PsychologicalEndsInNinetyNineJustBelowThePolicy) {
  StrategyParams p;
  auto c = context(p);
  for (auto [policy, charm] : std::vector<std::pair<double, double>>{{150, 149.99}, {205.5, 204.99}, {205.99, 205.99}}) {
    c.policy_price = policy;
    const auto d = find_strategy("psychological")->decide(c);
    EXPECT_DOUBLE_EQ(d.target, charm) << policy;
    EXPECT_EQ(d.rounding, Rounding::charm);
    EXPECT_DOUBLE_EQ(enforce_price(d.target, {100, std::nullopt, std::nullopt, Rounding::charm}), charm);
  }
}

TEST(Strategies, RuleBasedIsSeed003sMultiplierLogic) {
  StrategyParams p;
  auto c = context(p);
  c.market = MarketSummary{80, 200, 300, 5, "x"};
  for (auto [prob, factor] : std::vector<std::pair<double, double>>{{0.8, 1.2}, {0.6, 1.1}, {0.4, 1.0}, {0.1, 0.9}}) {
    c.conversion_probability = prob;
    const auto d = rule_based_decision(c);
    EXPECT_DOUBLE_EQ(d.target, 200 * factor) << prob;
    EXPECT_EQ(d.method, "ml_elasticity");
  }
  c.conversion_probability.reset();
  c.conversion_unavailable = "model season_conversion not found";
  c.occupancy = 0.9;
  auto d = rule_based_decision(c);
  EXPECT_EQ(d.method, "rule_based");
  EXPECT_DOUBLE_EQ(d.target, 200 * p.rule_high_factor);
  EXPECT_THAT(d.reasons[0], HasSubstr("not found"));
  c.occupancy = 0.1;  // 10 days out, within the last-minute window
  EXPECT_DOUBLE_EQ(rule_based_decision(c).target, 200 * p.rule_low_factor);
}
