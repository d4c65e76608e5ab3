// End-to-end: seatsync matrix and seatsync evaluate-demand through the built binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using ::testing::HasSubstr;

namespace {
std::string matrix_dir() { return std::string(SEATSYNC_TEST_DATA) + "/matrix"; }
}  // namespace

TEST(MatrixCli, RawTableMarksObservedAndMissingCells) {
  auto r = run_seatsync({"matrix", "--data", matrix_dir(), "--tier", "1", "--group", "Lower", "--method", "raw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("tier 1, group 'Lower'"));
  EXPECT_THAT(r.out, HasSubstr("4 of 9 cells observed"));
  // q = 3: far 80 (A1 85, A2 75), near 120, day missing.
  EXPECT_THAT(r.out, HasSubstr("     3      80.00*     120.00*           .\n"));
}

TEST(MatrixCli, CompletedCsvAndJsonKeepObservedFlags) {
  auto csv = run_seatsync({"matrix", "--data", matrix_dir(), "--tier", "1", "--group", "Lower", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("bucket,quantity,price,observed,observed_price,games,orders\n"));
  EXPECT_THAT(csv.out, HasSubstr(",true,80,2,4\n"));

  auto js = run_seatsync({"matrix", "--data", matrix_dir(), "--tier", "1", "--group", "Lower", "--code", "X",
                          "--method", "nn", "--format", "json"});
  ASSERT_EQ(js.exit_code, 0) << js.err;
  auto j = nlohmann::json::parse(js.out);
  EXPECT_EQ(j["code"], "X");
  EXPECT_EQ(j["method"], "nn");
  EXPECT_EQ(j["buckets"].size(), 3u);
  EXPECT_EQ(j["observed"][0][1], true);  // far, 2 tickets: A1 and A2 sold X 2@100, 2@90
  EXPECT_DOUBLE_EQ(j["price"][0][1].get<double>(), 95.0);
  for (const auto& row : j["price"])
    for (const auto& p : row) EXPECT_GT(p.get<double>(), 0.0);
}

TEST(MatrixCli, BadArgumentsExitWithTwo) {
  auto group = run_seatsync({"matrix", "--data", matrix_dir(), "--tier", "1", "--group", "Nope"});
  EXPECT_EQ(group.exit_code, 2);
  EXPECT_THAT(group.err, HasSubstr("--group: unknown price-code group 'Nope'"));
  auto code = run_seatsync({"matrix", "--data", matrix_dir(), "--tier", "1", "--group", "Lower", "--code", "Z"});
  EXPECT_EQ(code.exit_code, 2);
  EXPECT_THAT(code.err, HasSubstr("'Z' is not a price code of group 'Lower'"));
  auto tier = run_seatsync({"matrix", "--data", matrix_dir(), "--tier", "9", "--group", "Lower"});
  EXPECT_EQ(tier.exit_code, 2);
  auto date = run_seatsync({"matrix", "--data", matrix_dir(), "--tier", "1", "--group", "Lower", "--as-of", "soon"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_THAT(date.err, HasSubstr("--as-of: 'soon' is not a date"));
}

TEST(EvaluateDemandCli, JsonHasEveryMethodForGroupsAndCodes) {
  seatsync::test::TempDir dir;
  ASSERT_EQ(run_seatsync({"simulate", "--out", dir.path().string(), "--seasons", "2"}).exit_code, 0);
  auto r = run_seatsync({"evaluate-demand", "--data", dir.path().string(), "--format", "json", "--seed", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["seed"], 3);
  ASSERT_EQ(j["rows"].size(), 10u);  // (4 methods + the naive baseline) x {group, individual}
  EXPECT_EQ(j["rows"][4]["method"], "baseline");
  for (const auto& row : j["rows"]) {
    EXPECT_GT(row["cases"].get<int>(), 100);
    EXPECT_GE(row["mae"].get<double>(), 0.0);
    EXPECT_GE(row["rmse"].get<double>(), row["mae"].get<double>());
  }
  auto table = run_seatsync({"evaluate-demand", "--data", dir.path().string(), "--methods", "hybrid,monotone"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("hybrid / Group"));
  EXPECT_THAT(table.out, HasSubstr("monotone / Individual"));
  EXPECT_EQ(run_seatsync({"evaluate-demand", "--data", dir.path().string(), "--methods", "magic"}).exit_code, 2);
  auto seeds = run_seatsync({"evaluate-demand", "--data", dir.path().string(), "--methods", "monotone", "--seeds", "1-3"});
  ASSERT_EQ(seeds.exit_code, 0) << seeds.err;
  EXPECT_THAT(seeds.out, HasSubstr("over 3 splits (seeds 1-3"));
  EXPECT_THAT(seeds.out, HasSubstr("baseline / Individual"));
  EXPECT_EQ(run_seatsync({"evaluate-demand", "--data", dir.path().string(), "--seeds", "3-1"}).exit_code, 2);
}
