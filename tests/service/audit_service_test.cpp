// The service's audit trail: each answered /score (and each answered item of /score/batch) is
// recorded with the request's hash, the price, the strategy, the constraints and the snapshot
// and model that made it; error answers are not; /metrics counts the records; stop() drains.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "seatsync/audit_log.hpp"
#include "seatsync/audit_records.hpp"
#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

ServerSetup audited(const std::filesystem::path& dir) {
  ServerSetup setup;
  setup.options.audit_dir = dir;
  return setup;
}

// The value of an unlabelled (or exactly labelled) series in a Prometheus exposition; -1 if absent.
double metric(const std::string& text, const std::string& series) {
  const std::regex line("(^|\n)" + std::regex_replace(series, std::regex(R"([{}"\[\]])"), R"(\$&)") + R"( ([0-9.e+-]+))");
  std::smatch m;
  return std::regex_search(text, m, line) ? std::stod(m[2]) : -1;
}

}  // namespace

TEST(AuditService, AScoreAnswerIsRecordedWithItsInputsOutputStrategyAndConstraints) {
  TempDir dir;
  const json body = score_body({{"strategy", "psychological"}});
  json answer;
  {
    RunningServer s(audited(dir.path()));
    auto c = s.client();
    auto r = c.post("/score", body.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    answer = json::parse(r.body);
    s.server().stop();  // writes what is queued
  }
  const auto scores = AuditLog(dir.path()).read({.kind = "score"});
  ASSERT_EQ(scores.size(), 1u);
  const json& rec = scores[0];
  EXPECT_EQ(rec["game_id"], service_world().game_id);
  EXPECT_EQ(rec["price_code"], service_world().code);
  EXPECT_EQ(rec["source"], "serve");
  EXPECT_EQ(rec["inputs"], body);
  EXPECT_EQ(rec["inputs_sha256"], canonical_sha256(body));
  EXPECT_EQ(rec["output"]["price"], answer["price"]);
  EXPECT_EQ(rec["output"]["pricing_method"], answer["safety"]["pricing_method"]);
  EXPECT_EQ(rec["output"]["reasons"], answer["reasons"]);
  EXPECT_EQ(rec["strategy"], "psychological");
  EXPECT_EQ(rec["constraints"]["floor"], answer["safety"]["floor"]);
  EXPECT_EQ(rec["constraints"]["ceiling"], answer["safety"]["ceiling"]);
  EXPECT_EQ(rec["constraints"]["max_change"], answer["safety"]["max_change"]);
  EXPECT_EQ(rec["constraints"]["rounding"], "charm");
  EXPECT_EQ(rec["constraints"]["applied"], answer["safety"]["constraints_applied"]);
  EXPECT_EQ(rec["constraints"]["price_in_force"], answer["safety"]["price_in_force"]);
  // By which model: the registry's conversion model, with the version /health reports.
  EXPECT_EQ(rec["models"]["conversion"]["name"], "season_conversion");
  EXPECT_EQ(rec["models"]["conversion"]["status"], "loaded");
  EXPECT_TRUE(rec["models"]["conversion"]["version"].is_string());
  // And on which data: the snapshot record of the same load names it in full.
  const auto snapshots = AuditLog(dir.path()).read({.kind = "snapshot"});
  ASSERT_EQ(snapshots.size(), 1u);
  EXPECT_EQ(rec["snapshot"]["data_sha256"], snapshots[0]["data"]["sha256"]);
  EXPECT_EQ(rec["snapshot"]["data_sha256"], dataset_identity(service_world().data)["sha256"]);
  EXPECT_EQ(rec["snapshot"]["built_at"], snapshots[0]["built_at"]);
  EXPECT_EQ(rec["snapshot"]["as_of"], service_world().as_of.str());
}

TEST(AuditService, ErrorAnswersAreNotRecordedAndBatchItemsAre) {
  TempDir dir;
  const json good1 = score_body(), good2 = score_body({{"strategy", "time_based"}});
  const json bad = score_body({{"event", {{"game_id", "NO-SUCH-GAME"}}}});
  {
    RunningServer s(audited(dir.path()));
    auto c = s.client();
    EXPECT_EQ(c.post("/score", bad.dump()).status, 404);
    EXPECT_EQ(c.post("/score", "{not json").status, 400);
    auto r = c.post("/score/batch", json{{"requests", {good1, bad, good2}}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["errors"], 1);
    s.server().stop();
  }
  const auto scores = AuditLog(dir.path()).read({.kind = "score"});
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0]["inputs"], good1);
  EXPECT_EQ(scores[1]["inputs"], good2);
  EXPECT_EQ(scores[1]["strategy"], "time_based");
}

TEST(AuditService, MetricsCountTheAuditRecords) {
  TempDir dir;
  RunningServer s(audited(dir.path()));
  auto c = s.client();
  constexpr int kScores = 25;
  for (int i = 0; i < kScores; ++i) ASSERT_EQ(c.post("/score", score_body().dump()).status, 200);
  const std::string text = c.get("/metrics").body;
  const double written = metric(text, "seatsync_audit_records_total");
  const double queued = metric(text, "seatsync_audit_queue_depth");
  const double full = metric(text, R"(seatsync_audit_dropped_total{reason="queue_full"})");
  const double failed = metric(text, R"(seatsync_audit_dropped_total{reason="write_error"})");
  ASSERT_GE(written, 0) << text;
  ASSERT_GE(queued, 0) << text;
  EXPECT_EQ(full, 0);
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(metric(text, "seatsync_audit_write_errors_total"), 0);
  EXPECT_EQ(metric(text, "seatsync_audit_queue_capacity"), 65536);
  // Every answer was queued before it was sent, and the snapshot load before any answer.
  EXPECT_EQ(written + queued, kScores + 1);
  s.server().stop();
  EXPECT_EQ(AuditLog(dir.path()).read().size(), static_cast<std::size_t>(kScores + 1));
}

TEST(AuditService, AFullQueueDropsRecordsButNotAnswers) {
  TempDir dir;
  ServerSetup setup = audited(dir.path());
  setup.options.audit_queue = 1;
  RunningServer s(std::move(setup));
  auto c = s.client();
  // The queue holds one record: whatever the writer manages, the service keeps answering.
  for (int i = 0; i < 200; ++i) ASSERT_EQ(c.post("/score", score_body().dump()).status, 200);
  const std::string text = c.get("/metrics").body;
  const double written = metric(text, "seatsync_audit_records_total");
  const double queued = metric(text, "seatsync_audit_queue_depth");
  const double full = metric(text, R"(seatsync_audit_dropped_total{reason="queue_full"})");
  EXPECT_EQ(written + queued + full, 201) << text;
  EXPECT_LE(queued, 2);  // one waiting and one being written
}

TEST(AuditService, WithoutAnAuditDirectoryNothingIsRecorded) {
  RunningServer s;
  auto c = s.client();
  ASSERT_EQ(c.post("/score", score_body().dump()).status, 200);
  EXPECT_THAT(c.get("/metrics").body, ::testing::Not(HasSubstr("seatsync_audit_")));
}
