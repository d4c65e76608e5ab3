// The record builders: the canonical hash ignores how the JSON was spelled, the dataset's
// identity changes with any row, and model decisions map from the registry's history events.
#include <gtest/gtest.h>

#include "seatsync/audit_records.hpp"
#include "test_support.hpp"

using namespace seatsync;
using nlohmann::json;
using seatsync::test::TempDir;

TEST(AuditRecords, CanonicalHashIgnoresKeyOrderAndSpacingButNotValues) {
  const json a = json::parse(R"({"event": {"game_id": "G1", "price_code": "A"}, "quote_time": "2026-12-01T12:00:00Z"})");
  const json b = json::parse(R"({"quote_time":"2026-12-01T12:00:00Z","event":{"price_code":"A","game_id":"G1"}})");
  EXPECT_EQ(canonical_sha256(a), canonical_sha256(b));
  EXPECT_EQ(canonical_sha256(a).size(), 64u);
  json c = a;
  c["event"]["price_code"] = "B";
  EXPECT_NE(canonical_sha256(a), canonical_sha256(c));
}

TEST(AuditRecords, DatasetIdentityFollowsTheContent) {
  TempDir dir;
  seatsync::test::copy_testdata("tiny", dir.path());
  Dataset data = load_season_dir(dir.path());
  const json id = dataset_identity(data);
  EXPECT_EQ(id["games"], data.games.size());
  EXPECT_EQ(id["transactions"], data.transactions.size());
  EXPECT_EQ(id["inventory"], data.inventory.size());
  EXPECT_EQ(id["last_sale"], data.last_sale_day()->str());
  EXPECT_EQ(dataset_identity(load_season_dir(dir.path()))["sha256"], id["sha256"]);  // the same files, the same hash
  data.transactions.front().price += 0.01;
  EXPECT_NE(dataset_identity(data)["sha256"], id["sha256"]);
  data.transactions.front().price -= 0.01;
  data.inventory.front().remaining -= 1;
  EXPECT_NE(dataset_identity(data)["sha256"], id["sha256"]);
}

TEST(AuditRecords, PlanRecordsOnePerCodeWithThePriceToSetNow) {
  TempDir dir;
  seatsync::test::copy_testdata("tiny", dir.path());
  const Dataset data = load_season_dir(dir.path());
  const Date as_of = *Date::parse("2025-12-01");
  const PlanSet plans = plan_games(data, as_of);
  const auto records = plan_audit_records(plans, data, dataset_identity(data), "daily");
  ASSERT_EQ(records.size(), plans.games.at(0).plans.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& p = plans.games[0].plans[i];
    EXPECT_EQ(records[i]["kind"], "plan");
    EXPECT_EQ(records[i]["price_code"], data.codes[p.code].code);
    EXPECT_NEAR(records[i]["output"]["price"].get<double>(), p.buckets.front().price, 0.005);
    EXPECT_EQ(records[i]["inputs_sha256"], canonical_sha256(records[i]["inputs"]));
    EXPECT_DOUBLE_EQ(records[i]["constraints"]["floor"].get<double>(), p.constraints.floor);
  }
}

TEST(AuditRecords, ModelDecisionsComeFromRegistryEvents) {
  const json rollback{{"action", "rollback"}, {"scope", "season"}, {"type", "conversion"}, {"version", "20261201T000000Z"},
                      {"from", "20261202T000000Z"}, {"who", "ana"}, {"why", "AUC fell"}, {"at", "2026-12-02T09:00:00Z"}};
  const auto r = model_decision_audit_record(rollback, "models");
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["kind"], "rollback");
  EXPECT_EQ((*r)["model"], "season_conversion");
  EXPECT_EQ((*r)["from"], "20261202T000000Z");
  EXPECT_EQ((*r)["why"], "AUC fell");
  EXPECT_EQ((*r)["source"], "models");
  EXPECT_FALSE(r->contains("game_id"));  // it concerns every game
  EXPECT_TRUE(model_decision_audit_record({{"action", "promotion"}, {"scope", "season"}, {"type", "demand"}}, "retrain"));
  EXPECT_FALSE(model_decision_audit_record({{"action", "save"}}, "models"));
  EXPECT_FALSE(model_decision_audit_record({{"action", "prune"}}, "models"));
  EXPECT_FALSE(model_decision_audit_record(json::array(), "models"));
}
