// End-to-end: an experiment created, fed from a CSV (twice) and read out with seatsync ab on a
// SQLite store, with a known two-proportion z-test; bad input exits 2 naming what is wrong.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;
using nlohmann::json;

TEST(AbStoreCli, CreateFeedTwiceAndReadOutWithKnownStatistics) {
  TempDir dir;
  const std::string db = (dir / "s.db").string();
  auto created = run_seatsync({"ab", "create", "--db", db, "--json",
                               R"({"name":"two arms","arms":[{"name":"a","share":0.5},{"name":"b","share":0.5,"multiplier":1.05}]})"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = json::parse(created.out)["experiment_id"];

  // One quote per session, arms given: a 200/1000 against b 250/1000 bookings.
  std::ostringstream csv;
  csv << "event_id,type,unit,arm,at,quantity,revenue,price\n";
  for (int i = 0; i < 2000; ++i) {
    const bool b = i >= 1000;
    const int k = i % 1000;
    csv << "q" << i << ",quote,s" << i << ',' << (b ? "b" : "a") << ",2026-12-02T10:00:00Z,,,50\n";
    if (k < (b ? 250 : 200)) csv << "p" << i << ",purchase,s" << i << ',' << (b ? "b" : "a") << ",2026-12-02T10:01:00Z,1,50,50\n";
  }
  seatsync::test::write_file(dir / "events.csv", csv.str());
  auto first = run_seatsync({"ab", "events", "--db", db, "--experiment", id, "--csv", (dir / "events.csv").string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(json::parse(first.out)["inserted"], 2450);
  auto again = run_seatsync({"ab", "events", "--db", db, "--experiment", id, "--csv", (dir / "events.csv").string()});
  EXPECT_EQ(json::parse(again.out)["duplicates"], 2450);

  auto results = run_seatsync({"ab", "results", "--db", db, "--experiment", id, "--format", "json"});
  ASSERT_EQ(results.exit_code, 0) << results.err;
  const json r = json::parse(results.out);
  EXPECT_EQ(r["a"]["count"], 1000);
  EXPECT_EQ(r["b"]["bookings"], 250);
  const auto& conv = r["comparisons"][0];
  EXPECT_EQ(conv["metric"], "conversion_rate");
  EXPECT_EQ(conv["method"], "two_proportion_z");
  // By hand: pooled p = 0.225, se = sqrt(0.225 · 0.775 · 2/1000) = 0.018675, z = 0.05 / se = 2.6774,
  // p = 2(1 − Φ(2.6774)) = 0.007420 (statsmodels proportions_ztest agrees).
  EXPECT_NEAR(conv["statistic"].get<double>(), 2.6774, 1e-3);
  EXPECT_NEAR(conv["p_value"].get<double>(), 0.007420, 2e-5);
  EXPECT_NEAR(r["lift"]["conversion_rate"].get<double>(), 25.0, 1e-9);
  EXPECT_FALSE(r["srm"]["mismatch"]);

  auto table = run_seatsync({"ab", "results", "--db", db, "--experiment", id});
  EXPECT_THAT(table.out, HasSubstr("two_proportion_z"));
  auto stopped = run_seatsync({"ab", "stop", "--db", db, "--experiment", id});
  EXPECT_EQ(json::parse(stopped.out)["status"], "stopped");
  auto listed = run_seatsync({"ab", "list", "--db", db, "--active-only", "--format", "json"});
  EXPECT_TRUE(json::parse(listed.out).empty());
}

TEST(AbStoreCli, BadInputExitsTwoAndNamesIt) {
  TempDir dir;
  const std::string db = (dir / "s.db").string();
  auto bad_def = run_seatsync({"ab", "create", "--db", db, "--json", R"({"name":"x","ml_traffic_percentage":120})"});
  EXPECT_EQ(bad_def.exit_code, 2);
  EXPECT_THAT(bad_def.err, HasSubstr("ml_traffic_percentage"));
  auto unknown = run_seatsync({"ab", "results", "--db", db, "--experiment", "nope"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("no experiment 'nope'"));
  auto created = run_seatsync({"ab", "create", "--db", db, "--json", R"({"name":"x","ml_traffic_percentage":50})"});
  const std::string id = json::parse(created.out)["experiment_id"];
  seatsync::test::write_file(dir / "e.csv", "event_id,type,unit,at,quantity\nq1,quote,s1,2026-12-02T10:00:00Z,\np1,purchase,s1,2026-12-02T10:00:00Z,two\n");
  auto bad_csv = run_seatsync({"ab", "events", "--db", db, "--experiment", id, "--csv", (dir / "e.csv").string()});
  EXPECT_EQ(bad_csv.exit_code, 2);
  EXPECT_THAT(bad_csv.err, HasSubstr("e.csv:3: quantity"));
}
