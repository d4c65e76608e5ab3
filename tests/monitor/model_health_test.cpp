// Monitoring on simulated seasons: a model trained before the upcoming season, judged on the
// season's games played so far. The shifted scenario (more fans paying more) must raise the
// drift alert; the balanced one, same seed, must not.
#include "seatsync/model_monitor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "seatsync/experiment_store.hpp"
#include "seatsync/model_promotion.hpp"
#include "seatsync/model_registry.hpp"
#include "seatsync/simulator.hpp"
#include "test_support.hpp"

namespace seatsync {
namespace {

const SimulatedMarket& market(Scenario scenario) {
  auto build = [](Scenario s) {
    SimulationConfig config;
    config.seasons = 1;  // 41 games a season: with fewer, a few games' market noise alone reads as drift
    config.scenario = s;
    config.seed = 5;
    return simulate_market(config);
  };
  static const SimulatedMarket balanced = build(Scenario::balanced), shifted = build(Scenario::shift);
  return scenario == Scenario::shift ? shifted : balanced;
}

// The first game of the upcoming season: a model trained "as of" it has seen the past season only.
Date season_start(const SimulatedMarket& m) {
  Date first = m.truth.as_of;
  for (const auto& g : m.dataset.games)
    if (g.date.year() >= 2026 && g.date.month() >= 10 && g.date < first) first = g.date;
  return first;
}

DatasetTrainingReport train(const Dataset& data, std::optional<Date> as_of, int rounds = 40) {
  DatasetTrainingOptions o;
  o.kind = ModelKind::demand;
  o.params.gbdt.rounds = rounds;
  o.params.gbdt.learning_rate = 0.2;
  o.as_of = as_of;
  return train_dataset_model(data, o);
}

// Trained once per test binary: (scenario, before the season or on everything, rounds). Never
// destroyed: at exit XGBoost's own statics may already be gone when a booster is freed.
const DatasetTrainingReport& trained(Scenario s, bool before_season, int rounds = 40) {
  static auto& cache = *new std::map<std::tuple<Scenario, bool, int>, DatasetTrainingReport>;
  auto it = cache.find({s, before_season, rounds});
  if (it == cache.end()) {
    const auto& m = market(s);
    it = cache.emplace(std::make_tuple(s, before_season, rounds),
                       train(m.dataset, before_season ? std::optional(season_start(m)) : std::nullopt, rounds)).first;
  }
  return it->second;
}

nlohmann::json registered(const DatasetTrainingReport& r, const std::string& version = "20260901T000000Z") {
  nlohmann::json meta = r.metadata(ModelParams{});
  meta["scope"] = "season";
  meta["type"] = "demand";
  meta["version"] = version;
  meta["created_at"] = "2026-09-01T00:00:00Z";
  return meta;
}

MonitorContext context_on(Date today) {
  MonitorContext c;
  c.today = today;
  c.now = std::chrono::system_clock::time_point(std::chrono::seconds(std::int64_t(today.days()) * 86400));
  return c;
}

bool fires(const std::vector<MonitorFinding>& list, const std::string& rule) {
  return std::any_of(list.begin(), list.end(), [&](const MonitorFinding& f) { return f.rule == rule; });
}

TEST(ModelHealth, ShiftedSeasonRaisesTheDriftAlertAndTheBalancedOneDoesNot) {
  for (Scenario s : {Scenario::balanced, Scenario::shift}) {
    const auto& m = market(s);
    const auto& report = trained(s, true);
    const auto health = assess_model(m.dataset, *report.model, registered(report), nullptr, context_on(m.truth.as_of));
    ASSERT_GT(health.new_rows, 0u);
    ASSERT_TRUE(health.live);
    ASSERT_FALSE(health.drift.empty());
    std::string drift;
    for (const auto& d : health.drift) drift += d.feature + "=" + std::to_string(d.psi) + " ";
    if (s == Scenario::shift)
      EXPECT_TRUE(fires(health.alerts, "feature_drift")) << drift;
    else
      EXPECT_FALSE(fires(health.alerts, "feature_drift")) << drift;
    // The calendar never counts as drift.
    for (const auto& d : health.drift) EXPECT_TRUE(is_drift_feature(d.feature)) << d.feature;
  }
}

TEST(ModelHealth, LiveErrorIsScoredOnTheRowsAfterTheTrainingRangeOnly) {
  const auto& m = market(Scenario::balanced);
  const auto& report = trained(Scenario::balanced, true);
  const auto health = assess_model(m.dataset, *report.model, registered(report), nullptr, context_on(m.truth.as_of));
  ASSERT_TRUE(health.live);
  EXPECT_GT(health.live->first_day, report.last_day);
  EXPECT_EQ(health.live->rows, health.new_rows);
  EXPECT_EQ(health.live->error_metric, "rmse");
  EXPECT_FALSE(health.live->baseline.empty());
  EXPECT_FALSE(health.live->holdout.empty());
  // A model trained on everything has nothing new to be judged on.
  const auto& all = trained(Scenario::balanced, false);
  const auto fresh = assess_model(m.dataset, *all.model, registered(all), nullptr, context_on(m.truth.as_of));
  EXPECT_EQ(fresh.new_rows, 0u);
  EXPECT_FALSE(fresh.live);
  EXPECT_TRUE(fresh.drift.empty());
}

TEST(ModelHealth, TriggersFollowTheClockAndTheNewData) {
  const auto& m = market(Scenario::balanced);
  const auto& report = trained(Scenario::balanced, true);
  const auto meta = registered(report);
  // Created 2026-09-01: 30 days later nothing about age fires, 31 days later it does.
  auto ctx = context_on(*Date::parse("2026-10-01"));
  EXPECT_FALSE(fires(assess_model(m.dataset, *report.model, meta, nullptr, ctx).triggers, "model_age"));
  ctx = context_on(*Date::parse("2026-10-02"));
  const auto late = assess_model(m.dataset, *report.model, meta, nullptr, ctx);
  EXPECT_TRUE(fires(late.triggers, "model_age"));
  EXPECT_EQ(late.observation.new_rows > 0.2 * double(late.observation.training_rows), fires(late.triggers, "new_data"));
}

TEST(ImportanceChange, SharesOfTheTotalGainAboveTheFloor) {
  const nlohmann::json old_meta = {{"importance", {{"price", 50.0}, {"days_before", 40.0}, {"tier", 9.5}, {"noise", 0.5}}}};
  const nlohmann::json new_meta = {{"importance", {{"price", 20.0}, {"days_before", 60.0}, {"tier", 19.0}, {"noise", 1.0}}}};
  const auto change = importance_change(old_meta, new_meta);
  // price 0.5 -> 0.2 (60%), days_before 0.4 -> 0.6 (50%), tier 0.095 -> 0.19 (100%); noise
  // holds 0.5% of the old gain: below the 1% floor, left out.
  ASSERT_EQ(change.size(), 3u);
  EXPECT_EQ(change[0].first, "tier");
  EXPECT_NEAR(change[0].second, 1.0, 1e-12);
  EXPECT_EQ(change[1].first, "price");
  EXPECT_NEAR(change[1].second, 0.6, 1e-12);
  EXPECT_NEAR(change[2].second, 0.5, 1e-12);
}

TEST(Promotion, AWorseCandidateIsRefusedABetterOnePromoted) {
  const auto& m = market(Scenario::balanced);
  const auto& good = trained(Scenario::balanced, false);
  const auto& poor = trained(Scenario::balanced, false, 1);  // one shallow step from the mean
  const auto good_meta = registered(good), poor_meta = registered(poor);
  const auto refused = decide_promotion(m.dataset, *poor.model, poor_meta, good.model.get(), &good_meta, &m.truth);
  EXPECT_FALSE(refused.promote);
  ASSERT_TRUE(refused.window);
  EXPECT_GE(refused.window->candidate, refused.window->current);
  EXPECT_NE(refused.reason.find("does not beat"), std::string::npos) << refused.reason;
  const auto promoted = decide_promotion(m.dataset, *good.model, good_meta, poor.model.get(), &poor_meta, &m.truth);
  EXPECT_TRUE(promoted.promote) << promoted.reason;
  ASSERT_TRUE(promoted.backtest);
  EXPECT_EQ(promoted.backtest->judged_by, "truth");
  EXPECT_GT(promoted.backtest->decisions, 0u);
  // Nothing registered yet: promoted on its lift alone.
  EXPECT_FALSE(decide_promotion(m.dataset, *good.model, good_meta, nullptr, nullptr, nullptr).window);
}

TEST(MonitorRegistry, LatestAgainstThePreviousVersionAndUnusableModelsSkipped) {
  const auto& m = market(Scenario::balanced);
  test::TempDir dir;
  ModelRegistry registry(dir.path());
  const auto &first = trained(Scenario::balanced, true, 1), &second = trained(Scenario::balanced, true);
  registry.save("season", "demand", first.model->save_to_bytes(), first.metadata(ModelParams{}));
  const auto latest = registry.save("season", "demand", second.model->save_to_bytes(), second.metadata(ModelParams{}));
  registry.save("other", "demand", "not a model", {{"note", "hand-made"}});
  const auto report = monitor_registry(m.dataset, registry, context_on(m.truth.as_of));
  ASSERT_EQ(report.models.size(), 1u);
  EXPECT_EQ(report.models[0].version, latest.version.str());
  EXPECT_TRUE(report.models[0].previous_version);
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_NE(report.skipped[0].find("other/demand"), std::string::npos);
  EXPECT_EQ(monitor_registry(m.dataset, registry, context_on(m.truth.as_of), "other").models.size(), 0u);
  const auto j = to_json(report);
  EXPECT_EQ(j["models"][0]["scope"], "season");
  EXPECT_TRUE(j["models"][0]["live"].is_object());
}

TEST(BusinessMetrics, DaysFromTheOrdersAndThePlanSpreadOverItsBuckets) {
  Dataset d;
  d.games = {{"G1", *Date::parse("2026-10-10"), 1, "X"}};
  d.codes = {{"A", "Lower", 100, 50.0}};
  d.reindex();
  d.transactions = {{0, 0, "2026-10-01", *Date::parse("2026-10-01"), 2, 60.0},
                    {0, 0, "2026-10-01", *Date::parse("2026-10-01"), 1, 70.0},
                    {0, 0, "2026-10-03", *Date::parse("2026-10-03"), 4, 55.0}};
  const nlohmann::json plan = {
      {"as_of", "2026-10-01"},
      {"games",
       {{{"game_id", "G1"}, {"game_date", "2026-10-10"},
         {"plans", {{{"price_code", "A"}, {"buckets", {{{"days_from", 14}, {"days_to", 8}, {"expected_quantity", 6.0}, {"expected_revenue", 300.0}}}}}}}}}}};
  const auto days = business_by_day(d, *Date::parse("2026-10-01"), *Date::parse("2026-10-04"), &plan);
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days[0].tickets, 3);
  EXPECT_DOUBLE_EQ(days[0].revenue, 190.0);
  EXPECT_NEAR(days[0].average_price(), 190.0 / 3, 1e-12);
  EXPECT_EQ(days[1].tickets, 0);
  // The bucket covers 2026-09-26 .. 10-02, cut to the plan's as_of: 2 days of 3 tickets each.
  EXPECT_DOUBLE_EQ(*days[0].planned_tickets, 3.0);
  EXPECT_DOUBLE_EQ(*days[1].planned_revenue, 150.0);
  EXPECT_DOUBLE_EQ(*days[2].planned_tickets, 0.0);
  EXPECT_THROW(business_by_day(d, *Date::parse("2026-10-04"), *Date::parse("2026-10-01")), std::invalid_argument);
  auto with_quotes = days;
  add_quotes(with_quotes, {{"2026-10-01", 30, 3}, {"2026-12-25", 5, 1}});
  EXPECT_DOUBLE_EQ(*with_quotes[0].conversion(), 0.1);
  EXPECT_FALSE(with_quotes[1].quotes);  // no events that day: unknown, not zero
  const nlohmann::json bad = {{"as_of", "2026-10-01"}, {"games", {{{"game_id", "G1"}}}}};
  EXPECT_THROW(business_by_day(d, *Date::parse("2026-10-01"), *Date::parse("2026-10-02"), &bad), std::invalid_argument);
}

}  // namespace
}  // namespace seatsync
