// params.toml's [strategy] and [service]: the live service's knobs, read and refused by line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/params.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

TEST(ParamsService, ReadsStrategyAndServiceSections) {
  Diagnostics d;
  const auto p = parse_params(R"([service]
strategy = "competitive"
model_scope = "arena-2"
market_days = 3
[strategy]
competitive_position = "undercut"
competitive_share = 0.1
time_based = [{days_from = 0, days_to = 6, multiplier = 1.2}, {days_from = 7, days_to = 365, multiplier = 0.9}]
rule_high_occupancy = 0.9
rule_last_minute_days = 5
)",
                              "params.toml", d);
  EXPECT_TRUE(d.items().empty()) << d.items()[0].format();
  EXPECT_EQ(p.service.strategy, "competitive");
  EXPECT_EQ(p.service.model_scope, "arena-2");
  EXPECT_EQ(p.service.market_days, 3);
  EXPECT_EQ(p.strategy.competitive_position, "undercut");
  EXPECT_DOUBLE_EQ(p.strategy.competitive_share, 0.1);
  ASSERT_EQ(p.strategy.time_based.size(), 2u);
  EXPECT_DOUBLE_EQ(p.strategy.time_based[1].multiplier, 0.9);
  EXPECT_DOUBLE_EQ(p.strategy.rule_high_occupancy, 0.9);
  EXPECT_EQ(p.strategy.rule_last_minute_days, 5);
}

TEST(ParamsService, DefaultsAreDocumented) {
  const auto p = Params::defaults();
  EXPECT_EQ(p.service.strategy, "revenue");
  EXPECT_EQ(p.service.model_scope, "season");
  EXPECT_EQ(p.strategy.competitive_position, "match");
  EXPECT_EQ(p.strategy.time_based.size(), 4u);
}

TEST(ParamsService, BadValuesAreRefusedNamingLineAndKey) {
  struct Case {
    std::string toml, key;
  };
  for (const auto& k : std::vector<Case>{
           {"[service]\nstrategy = \"magic\"\n", "service.strategy"},
           {"[service]\nmodel_scope = \"a_b\"\n", "service.model_scope"},
           {"[strategy]\ncompetitive_position = \"sideways\"\n", "strategy.competitive_position"},
           {"[strategy]\ncompetitive_share = 0.9\n", "strategy.competitive_share"},
           {"[strategy]\ntime_based = [{days_from = 5, days_to = 1, multiplier = 1.0}]\n", "strategy.time_based"},
           {"[strategy]\ntime_based = [{days_from = 0, days_to = 9, multiplier = 1.0}, {days_from = 5, days_to = 20, multiplier = 1.0}]\n",
            "strategy.time_based"},
           {"[strategy]\nrule_high_occupancy = 0.2\nrule_low_occupancy = 0.5\n", "strategy.rule_low_occupancy"},
       }) {
    Diagnostics d;
    parse_params(k.toml, "params.toml", d);
    ASSERT_FALSE(d.items().empty()) << k.toml;
    EXPECT_THAT(d.items()[0].format(), HasSubstr("params.toml:")) << k.toml;
    EXPECT_THAT(d.items()[0].format(), HasSubstr(k.key)) << k.toml;
  }
}
