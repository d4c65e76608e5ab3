// End-to-end: `seatsync daily --audit DIR` records one plan per (game, price code) it wrote, and
// `seatsync audit` prints them (oldest first, by game, kind and day); bad input exits 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::read_file;
using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using seatsync::test::write_file;
using nlohmann::json;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

// The tiny dataset's daily run as of 2025-12-01 (one upcoming game, G3, four codes), audited.
struct AuditedDaily {
  TempDir dir;
  fs::path data = dir / "data", out = dir / "daily", audit = dir / "audit";
  seatsync::test::CommandResult run;
  AuditedDaily() {
    seatsync::test::copy_testdata("tiny", data);
    run = run_seatsync({"daily", "--data", data.string(), "--as-of", "2025-12-01", "--out", out.string(), "--audit",
                        audit.string()});
  }
};

const AuditedDaily& audited_daily() {
  static const AuditedDaily d;
  return d;
}

}  // namespace

TEST(AuditCli, DailyRecordsEveryPlanItWrote) {
  const auto& d = audited_daily();
  ASSERT_EQ(d.run.exit_code, 0) << d.run.err;
  const auto r = run_seatsync({"audit", "--log", d.audit.string(), "--game", "G3", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json records = json::parse(r.out);
  const json plans = json::parse(read_file(d.out / "plans.json"));
  const json& game = plans["games"][0];
  ASSERT_EQ(game["game_id"], "G3");
  ASSERT_EQ(records.size(), game["plans"].size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const json& rec = records[i];
    const json& plan = game["plans"][i];
    EXPECT_EQ(rec["kind"], "plan");
    EXPECT_EQ(rec["source"], "daily");
    EXPECT_EQ(rec["game_id"], "G3");
    EXPECT_EQ(rec["price_code"], plan["price_code"]);
    EXPECT_EQ(rec["as_of"], "2025-12-01");
    // The price to set now and the plan behind it, exactly as plans.json has them.
    EXPECT_EQ(rec["output"]["price"], plan["buckets"].empty() ? json() : plan["buckets"][0]["price"]);
    EXPECT_EQ(rec["output"]["buckets"], plan["buckets"]);
    EXPECT_EQ(rec["output"]["expected_revenue"], plan["expected_revenue"]);
    EXPECT_EQ(rec["constraints"]["floor"], plan["floor"]);
    EXPECT_EQ(rec["constraints"]["ceiling"], plan["ceiling"]);
    EXPECT_EQ(rec["constraints"]["max_change"], plan["max_change"]);
    EXPECT_EQ(rec["constraints"]["rounding"], plan["rounding"]);
    EXPECT_EQ(rec["inputs"]["remaining"], plan["remaining"]);
    EXPECT_EQ(rec["inputs_sha256"].get<std::string>().size(), 64u);
    EXPECT_EQ(rec["data"]["games"], 3);
    EXPECT_EQ(rec["data"]["sha256"], rec["inputs"]["data_sha256"]);
  }
}

TEST(AuditCli, TheTableSaysWhenWhatPriceAndWhy) {
  const auto& d = audited_daily();
  ASSERT_EQ(d.run.exit_code, 0) << d.run.err;
  const auto r = run_seatsync({"audit", "--log", d.audit.string(), "--game", "G3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("strategy/method"));
  EXPECT_THAT(r.out, HasSubstr("revenue/stochastic"));
  EXPECT_THAT(r.out, HasSubstr("floor "));
  EXPECT_THAT(r.out, HasSubstr("as of 2025-12-01"));
  // One header line and one line per plan.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 5);
  // Filters: another game has nothing, nor has a later day, nor another kind.
  const auto other = run_seatsync({"audit", "--log", d.audit.string(), "--game", "G9", "--format", "json"});
  EXPECT_EQ(json::parse(other.out).size(), 0u);
  const auto later = run_seatsync({"audit", "--log", d.audit.string(), "--since", "2999-01-01", "--format", "json"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_EQ(json::parse(later.out).size(), 0u);
  const auto scores = run_seatsync({"audit", "--log", d.audit.string(), "--kind", "score", "--format", "json"});
  EXPECT_EQ(json::parse(scores.out).size(), 0u);
  const auto all = run_seatsync({"audit", "--log", d.audit.string(), "--since", "2000-01-01T00:00:00Z", "--format", "json"});
  EXPECT_EQ(json::parse(all.out).size(), 4u);
}

TEST(AuditCli, BadInputExitsTwo) {
  const auto& d = audited_daily();
  TempDir tmp;
  const auto missing = run_seatsync({"audit", "--log", (tmp / "nowhere").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("--log"));
  EXPECT_THAT(missing.err, HasSubstr("nowhere"));
  const auto since = run_seatsync({"audit", "--log", d.audit.string(), "--since", "yesterday"});
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_THAT(since.err, HasSubstr("--since"));
  EXPECT_THAT(since.err, HasSubstr("yesterday"));
  EXPECT_EQ(run_seatsync({"audit", "--log", d.audit.string(), "--kind", "guess"}).exit_code, 2);
  // daily refuses an --audit that is a file before it loads anything.
  write_file(tmp / "a-file", "x");
  const auto daily = run_seatsync({"daily", "--data", d.data.string(), "--as-of", "2025-12-01", "--out",
                                   (tmp / "out").string(), "--audit", (tmp / "a-file").string()});
  EXPECT_EQ(daily.exit_code, 2);
  EXPECT_THAT(daily.err, HasSubstr("--audit"));
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

TEST(AuditCli, ADamagedLogIsAFailureNamingTheLine) {
  TempDir tmp;
  write_file(tmp / "audit" / "audit-20251201.jsonl", "{\"kind\":\"plan\",\"at\":\"2025-12-01T06:00:00.000Z\"}\ngarbage\n{}\n");
  const auto r = run_seatsync({"audit", "--log", (tmp / "audit").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("audit-20251201.jsonl:2"));
}
