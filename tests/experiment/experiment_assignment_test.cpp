#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "seatsync/experiment.hpp"
#include "seatsync/experiment_json.hpp"

using namespace seatsync;

namespace {

Experiment two_arms(const std::string& id, double treatment_share) {
  Experiment e = experiment_from_json({{"name", "t"}, {"ml_traffic_percentage", treatment_share * 100}});
  e.id = id;
  return e;
}

}  // namespace

TEST(ExperimentAssignment, SameUnitSameArmAndSharesWithinBinomialTolerance) {
  const Experiment e = two_arms("exp1", 0.3);
  const int n = 20000;
  int ml = 0;
  for (int i = 0; i < n; ++i) {
    const std::string unit = "user-" + std::to_string(i);
    const auto& arm = assign_arm(e, unit);
    EXPECT_EQ(&arm, &assign_arm(e, unit));
    ml += arm.name == "ml";
  }
  // 4 standard deviations of Binomial(20000, 0.3): a correct hash fails this about once in 16,000 runs.
  EXPECT_NEAR(ml, 0.3 * n, 4 * std::sqrt(n * 0.3 * 0.7));
}

TEST(ExperimentAssignment, PositionDependsOnExperimentAndUnitOnly) {
  const double u = unit_position("exp1", "user-1");
  EXPECT_GE(u, 0.0);
  EXPECT_LT(u, 1.0);
  EXPECT_EQ(u, unit_position("exp1", "user-1"));
  EXPECT_NE(u, unit_position("exp2", "user-1"));
  EXPECT_NE(unit_position("ab", "c"), unit_position("a", "bc"));
}

TEST(ExperimentAssignment, RampingOneExperimentMovesUnitsOnlyIntoTheGrowingArmAndNeverTouchesAnother) {
  const Experiment at10 = two_arms("ramp", 0.10), at25 = two_arms("ramp", 0.25), other = two_arms("other", 0.5);
  const Experiment other_after = two_arms("other", 0.5);
  for (int i = 0; i < 5000; ++i) {
    const std::string unit = "s" + std::to_string(i);
    if (assign_arm(at10, unit).name == "ml") EXPECT_EQ(assign_arm(at25, unit).name, "ml") << unit;
    EXPECT_EQ(assign_arm(other, unit).name, assign_arm(other_after, unit).name);
  }
}

TEST(ExperimentAssignment, UnitKeysFollowTheRandomisationUnit) {
  Experiment e = two_arms("x", 0.5);
  const UnitContext c{"G1", "A", "u7", ""};
  e.unit = RandomisationUnit::price_code;
  EXPECT_EQ(unit_key(e, c), "G1/A");
  e.unit = RandomisationUnit::user;
  EXPECT_EQ(unit_key(e, c), "u7");
  e.unit = RandomisationUnit::session;
  EXPECT_FALSE(unit_key(e, c));  // an anonymous request is not in a session experiment
}

TEST(ExperimentAssignment, CoversOnlyRunningExperimentsInsideTheirWindowAndGames) {
  Experiment e = experiment_from_json({{"name", "w"},
                                       {"start_date", "2026-12-01T00:00:00Z"},
                                       {"end_date", "2026-12-31T23:59:59Z"},
                                       {"games", {"G1"}},
                                       {"ml_traffic_percentage", 50}});
  EXPECT_TRUE(experiment_covers(e, "G1", "2026-12-05T10:00:00Z"));
  EXPECT_FALSE(experiment_covers(e, "G2", "2026-12-05T10:00:00Z"));
  EXPECT_FALSE(experiment_covers(e, "G1", "2026-11-30T23:00:00Z"));
  // 01:00 at +02:00 is 23:00 UTC on the 30th: before the start, compared as instants.
  EXPECT_FALSE(experiment_covers(e, "G1", "2026-12-01T01:00:00+02:00"));
  e.status = ExperimentStatus::stopped;
  EXPECT_FALSE(experiment_covers(e, "G1", "2026-12-05T10:00:00Z"));
}

TEST(ExperimentDefinition, BadDefinitionsNameTheirField) {
  auto field_of = [](const nlohmann::json& body) {
    try {
      experiment_from_json(body);
    } catch (const ExperimentError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field_of({{"ml_traffic_percentage", 10}}), "name");
  EXPECT_EQ(field_of({{"name", "x"}}), "arms");
  EXPECT_EQ(field_of({{"name", "x"}, {"arms", {{{"name", "a"}, {"share", 0.5}}, {{"name", "b"}, {"share", 0.4}}}}}), "arms");
  EXPECT_EQ(field_of({{"name", "x"}, {"arms", {{{"name", "a"}, {"share", 0.5}}, {{"name", "a"}, {"share", 0.5}}}}}), "arms[1].name");
  EXPECT_EQ(field_of({{"name", "x"}, {"arms", {{{"name", "a"}, {"share", 0.5}, {"strategy", "nope"}}, {{"name", "b"}, {"share", 0.5}}}}}),
            "arms[0].strategy");
  EXPECT_EQ(field_of({{"name", "x"}, {"arms", {{{"name", "lift"}, {"share", 0.5}}, {{"name", "b"}, {"share", 0.5}}}}}), "arms[0].name");
  EXPECT_EQ(field_of({{"name", "x"}, {"control_price", 100}, {"test_prices", {90, 110}}, {"primary_metric", "roi"}}), "primary_metric");
  EXPECT_EQ(field_of({{"name", "x"}, {"control_price", 100}, {"test_prices", {90, -1}}}), "arms[2].price");
  EXPECT_EQ(field_of({{"name", "x"}, {"ml_traffic_percentage", 50}, {"start_date", "2026-12-02T00:00:00Z"},
                      {"end_date", "2026-12-01T00:00:00Z"}}),
            "end_date");
}
