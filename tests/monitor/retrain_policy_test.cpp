// Each retraining trigger and alert fires exactly past its threshold, not at it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/retrain_policy.hpp"

using namespace seatsync;
using namespace std::chrono;

namespace {

const Date kToday = *Date::parse("2026-12-03");
const system_clock::time_point kNow = sys_days{year{2026} / 12 / 3} + hours(9);

// A model that triggers nothing: young, trained this season, good metrics, little new data.
ModelObservation healthy() {
  ModelObservation o;
  o.created_at = kNow - days(3);
  o.trained_through = *Date::parse("2026-12-01");
  o.training_rows = 1000;
  o.new_rows = 200;
  o.auc = 0.80;
  o.revenue_lift = 0.01;
  o.holdout_error = 2.0;
  o.live_error = 3.0;
  o.psi = {{"price", 0.2}};
  o.importance_change = {{"days_out", 0.5}};
  return o;
}

std::vector<std::string> rules(const std::vector<MonitorFinding>& f) {
  std::vector<std::string> out;
  for (const auto& x : f) out.push_back(x.rule);
  return out;
}

const MonitorThresholds kSeed003;

}  // namespace

TEST(RetrainTriggers, NoneAtTheThresholds) {
  ModelObservation o = healthy();
  o.created_at = kNow - days(30);  // exactly 30 days: not "older than 30"
  o.auc = 0.75;
  o.revenue_lift = 0.0;
  EXPECT_TRUE(retrain_triggers(o, kSeed003, kNow, kToday).empty());
  EXPECT_TRUE(monitor_alerts(o, kSeed003).empty());
}

TEST(RetrainTriggers, EachFiresJustPastItsThreshold) {
  auto only = [](ModelObservation o) { return rules(retrain_triggers(o, kSeed003, kNow, kToday)); };
  ModelObservation o = healthy();
  o.created_at = kNow - days(30) - seconds(1);
  EXPECT_THAT(only(o), ::testing::ElementsAre("model_age"));
  o = healthy();
  o.auc = 0.7499;
  EXPECT_THAT(only(o), ::testing::ElementsAre("auc"));
  o = healthy();
  o.revenue_lift = -0.0001;
  EXPECT_THAT(only(o), ::testing::ElementsAre("revenue_lift"));
  o = healthy();
  o.new_rows = 201;  // 20.1% of 1,000
  EXPECT_THAT(only(o), ::testing::ElementsAre("new_data"));
  o = healthy();
  o.trained_through = *Date::parse("2026-11-30");  // autumn; today is winter
  const auto f = retrain_triggers(o, kSeed003, kNow, kToday);
  ASSERT_THAT(rules(f), ::testing::ElementsAre("seasonality"));
  EXPECT_THAT(f[0].detail, ::testing::HasSubstr("autumn"));
  EXPECT_THAT(f[0].detail, ::testing::HasSubstr("winter"));
}

TEST(RetrainTriggers, UnknownFactsFireNothing) {
  ModelObservation o = healthy();
  o.auc.reset();
  o.revenue_lift.reset();
  o.training_rows = 0;  // nothing known about the training set: no share to compare
  o.new_rows = 1000000;
  EXPECT_TRUE(retrain_triggers(o, kSeed003, kNow, kToday).empty());
}

TEST(RetrainTriggers, ThresholdsComeFromTheCaller) {
  MonitorThresholds weekly = kSeed003;
  weekly.max_model_age_days = 7;
  ModelObservation o = healthy();
  o.created_at = kNow - days(8);
  EXPECT_THAT(rules(retrain_triggers(o, weekly, kNow, kToday)), ::testing::ElementsAre("model_age"));
  EXPECT_TRUE(retrain_triggers(o, kSeed003, kNow, kToday).empty());
}

TEST(MonitorAlerts, EachFiresJustPastItsThreshold) {
  ModelObservation o = healthy();
  o.live_error = 3.0001;  // 1.50005× the holdout
  o.psi = {{"price", 0.2001}, {"tier", 0.01}};
  o.importance_change = {{"days_out", 0.5001}};
  o.auc = 0.74;
  o.revenue_lift = -0.02;
  const auto f = monitor_alerts(o, kSeed003);
  EXPECT_THAT(rules(f), ::testing::ElementsAre("auc", "revenue_lift", "error_spike", "importance_change", "feature_drift"));
  EXPECT_THAT(f[4].detail, ::testing::HasSubstr("price"));
}

TEST(MeteorologicalSeason, MonthsToSeasons) {
  EXPECT_EQ(meteorological_season(*Date::parse("2026-12-01")), 0);
  EXPECT_EQ(meteorological_season(*Date::parse("2026-02-28")), 0);
  EXPECT_EQ(meteorological_season(*Date::parse("2026-03-01")), 1);
  EXPECT_EQ(meteorological_season(*Date::parse("2026-08-31")), 2);
  EXPECT_EQ(meteorological_season(*Date::parse("2026-09-01")), 3);
}
