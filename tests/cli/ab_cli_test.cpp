// End-to-end: seatsync ab analyze and ab sample-size on small files with known answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;

namespace {

// Wikipedia's Welch's t-test example 1 (arms A1 and A2 interleaved, a user column the analysis
// ignores); docs/experiments.md analyses the same file.
const std::string kWelchCsv = std::string(SEATSYNC_TEST_DATA) + "/ab/welch.csv";

// Conversions: control 100/1000, B 130/1000, C 101/1000 (rows in arm order C, control, B).
std::string conversion_csv() {
  std::ostringstream out;
  out << "session,variant,booked\n";
  int id = 0;
  for (const auto& [arm, hits] : {std::pair<const char*, int>{"C", 101}, {"control", 100}, {"B", 130}})
    for (int i = 0; i < 1000; ++i) out << id++ << ',' << arm << ',' << (i < hits ? 1 : 0) << '\n';
  return out.str();
}

struct CsvFile {
  TempDir dir;
  std::string path;
  explicit CsvFile(const std::string& text) : path((dir / "data.csv").string()) { seatsync::test::write_file(path, text); }
};

}  // namespace

TEST(AbCli, AnalyzeMeansAsJson) {
  const auto r = run_seatsync({"ab", "analyze", "--csv", kWelchCsv, "--variant-column", "arm", "--metric-column", "value",
                               "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["metric"], "mean");
  EXPECT_EQ(j["control"], "A1");  // the first arm in the file
  ASSERT_EQ(j["arms"].size(), 2u);
  EXPECT_EQ(j["arms"][1]["name"], "A2");
  EXPECT_EQ(j["arms"][1]["n"], 15);
  EXPECT_NEAR(j["arms"][0]["mean"].get<double>(), 20.82, 1e-12);
  EXPECT_NEAR(j["arms"][0]["sd"].get<double>(), 2.8048936827317665, 1e-12);
  ASSERT_EQ(j["comparisons"].size(), 1u);
  const auto& c = j["comparisons"][0];
  EXPECT_EQ(c["variant"], "A2");
  EXPECT_NEAR(c["statistic"].get<double>(), 2.4554, 5e-5);
  EXPECT_NEAR(c["df"].get<double>(), 24.989, 5e-4);
  EXPECT_NEAR(c["p_value"].get<double>(), 0.02138, 5e-6);
  EXPECT_NEAR(c["p_adjusted"].get<double>(), c["p_value"].get<double>(), 1e-15);  // one comparison
  EXPECT_NEAR(c["difference"].get<double>(), 2.1666666666666667, 1e-12);
  EXPECT_NEAR(c["lift"].get<double>(), 0.10406660262568052, 1e-12);
  EXPECT_NEAR(c["ci_low"].get<double>(), 0.3492370661924127, 1e-9);
  EXPECT_NEAR(c["ci_high"].get<double>(), 3.98409626714093, 1e-9);
  for (const char* key : {"lift_ci_low", "lift_ci_high", "p_bh"}) EXPECT_TRUE(c.contains(key)) << key;
}

TEST(AbCli, AnalyzeMeansAsTable) {
  const auto r = run_seatsync({"ab", "analyze", "--csv", kWelchCsv, "--variant-column", "arm", "--metric-column", "value",
                               "--control", "A2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Welch's t-test"));
  EXPECT_THAT(r.out, HasSubstr("control arm: A2"));
  EXPECT_THAT(r.out, HasSubstr("A1   15  20.8200  2.8049"));
  // A1 − A2, as Wikipedia reports it.
  EXPECT_THAT(r.out, HasSubstr("-2.1667"));
  EXPECT_THAT(r.out, HasSubstr("-2.455  24.99  0.02138"));
}

TEST(AbCli, AnalyzeProportionsWithHolmOverTwoVariants) {
  CsvFile csv(conversion_csv());
  const auto r = run_seatsync({"ab", "analyze", "--csv", csv.path, "--variant-column", "variant", "--metric-column",
                               "booked", "--metric", "proportion", "--control", "control", "--format", "json",
                               "--planned-shares", "1,1,1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["test"], "two_proportion_z");
  ASSERT_EQ(j["comparisons"].size(), 2u);
  const auto& c = j["comparisons"][0];
  const auto& b = j["comparisons"][1];
  EXPECT_EQ(c["variant"], "C");
  EXPECT_EQ(b["variant"], "B");
  EXPECT_TRUE(b["df"].is_null());  // a z-test
  EXPECT_NEAR(b["statistic"].get<double>(), 2.102740605622114, 1e-10);
  EXPECT_NEAR(b["p_value"].get<double>(), 0.03548845046647471, 1e-10);
  EXPECT_NEAR(b["p_adjusted"].get<double>(), 2 * 0.03548845046647471, 1e-10);  // Holm: the smaller of 2, ×2
  EXPECT_NEAR(c["p_adjusted"].get<double>(), c["p_value"].get<double>(), 1e-15);
  EXPECT_DOUBLE_EQ(j["srm"]["chi_square"].get<double>(), 0.0);
  EXPECT_EQ(j["srm"]["mismatch"], false);
}

TEST(AbCli, BadRowsAreNamedWithFileLineAndColumn) {
  CsvFile csv("arm,value\nA,1\nB,abc\nB,2\nA,3\n");
  const auto r = run_seatsync({"ab", "analyze", "--csv", csv.path, "--variant-column", "arm", "--metric-column", "value"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("data.csv:3: value: 'abc' is not a number"));
  EXPECT_TRUE(r.out.empty());
}

TEST(AbCli, ProportionValuesMustBeZeroOrOne) {
  CsvFile csv("arm,value\nA,1\nB,0\nB,0.5\n");
  const auto r = run_seatsync({"ab", "analyze", "--csv", csv.path, "--variant-column", "arm", "--metric-column", "value",
                               "--metric", "proportion"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("data.csv:4: value: '0.5' is not 0 or 1"));
}

TEST(AbCli, MissingColumnAndUnknownControl) {
  CsvFile csv("arm,value\nA,1\nB,2\nA,2\nB,3\n");
  auto r = run_seatsync({"ab", "analyze", "--csv", csv.path, "--variant-column", "group", "--metric-column", "value"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("data.csv:1: group: variant column 'group' is not in the header (columns: arm, value)"));
  r = run_seatsync({"ab", "analyze", "--csv", csv.path, "--variant-column", "arm", "--metric-column", "value", "--control",
                    "Z"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("data.csv:0: arm: the control 'Z' is not an arm in the file (arms: A, B)"));
}

TEST(AbCli, SampleSize) {
  auto r = run_seatsync({"ab", "sample-size", "--baseline", "0.1", "--mde", "0.02"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("n per arm               3841"));
  r = run_seatsync({"ab", "sample-size", "--baseline", "0.1", "--mde", "0.2", "--relative", "--format", "json",
                    "--traffic-per-day", "500"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["n_per_arm"], 3841);  // statsmodels: 3840.85
  EXPECT_EQ(j["total"], 7682);
  EXPECT_EQ(j["days"], 16);
  EXPECT_NEAR(j["mde_absolute"].get<double>(), 0.02, 1e-12);
  EXPECT_GE(j["achieved_power"].get<double>(), 0.8);
  r = run_seatsync({"ab", "sample-size", "--baseline", "0.05", "--mde", "0.005", "--alpha", "0.01", "--power", "0.9",
                    "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(nlohmann::json::parse(r.out)["n_per_arm"].get<int>(), 31234);  // stricter than the 5%/80% plan
}

TEST(AbCli, SampleSizeNamesTheBadOption) {
  auto r = run_seatsync({"ab", "sample-size", "--baseline", "1.5", "--mde", "0.02"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--baseline"));
  r = run_seatsync({"ab", "sample-size", "--baseline", "0.95", "--mde", "0.1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--mde"));
  EXPECT_EQ(run_seatsync({"ab"}).exit_code, 2);  // a subcommand is required
}
