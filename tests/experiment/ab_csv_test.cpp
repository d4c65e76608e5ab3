// A CSV as the arms of an A/B test, every problem as FILE:LINE: COLUMN: message.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/ab_csv.hpp"
#include "seatsync/diagnostics.hpp"

using namespace seatsync::ab;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {
ArmCsvOptions options(MetricKind kind = MetricKind::mean, std::string control = "") {
  return {"arm", "value", kind, std::move(control)};
}

// The formatted diagnostics of a rejected file.
std::vector<std::string> errors(const std::string& text, const ArmCsvOptions& opt) {
  try {
    parse_arm_values_csv(text, "data.csv", opt);
  } catch (const seatsync::ValidationError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.format());
    return out;
  }
  return {};
}
}  // namespace

TEST(AbCsv, ArmsInFileOrder) {
  const auto arms = parse_arm_values_csv("user,arm,value\n1,B,2.5\n2,A,3\n3, B ,4\n4,A,\"5\"\n", "data.csv", options());
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].name, "B");
  EXPECT_THAT(arms[0].values, ElementsAre(2.5, 4.0));
  EXPECT_EQ(arms[1].name, "A");
  EXPECT_THAT(arms[1].values, ElementsAre(3.0, 5.0));
}

TEST(AbCsv, SemicolonFilesMayUseDecimalCommas) {
  auto opt = options();
  opt.delimiter = ';';
  const auto arms = parse_arm_values_csv("arm;value\nA;1,5\nB;2\n", "data.csv", opt);
  EXPECT_THAT(arms[0].values, ElementsAre(1.5));
}

TEST(AbCsv, ReportsEveryBadRow) {
  EXPECT_THAT(errors("arm,value\nA,1\nB,abc\n,2\nA,\n", options()),
              ElementsAre("data.csv:3: value: 'abc' is not a number", "data.csv:4: arm: the arm name is empty",
                          "data.csv:5: value: the metric value is empty"));
}

TEST(AbCsv, ProportionsMustBeZeroOrOne) {
  EXPECT_THAT(errors("arm,value\nA,1\nB,0\nB,2\n", options(MetricKind::proportion)),
              ElementsAre("data.csv:4: value: '2' is not 0 or 1 (a proportion's values are 0 or 1)"));
  EXPECT_EQ(parse_arm_values_csv("arm,value\nA,1.0\nB,0\n", "d", options(MetricKind::proportion)).size(), 2u);
}

TEST(AbCsv, MissingColumnsAreNamed) {
  const auto e = errors("group,revenue\nA,1\n", options());
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0], "data.csv:1: arm: variant column 'arm' is not in the header (columns: group, revenue)");
  EXPECT_THAT(e[1], HasSubstr("data.csv:1: value: metric column 'value'"));
}

TEST(AbCsv, UnknownControlAndSingleArm) {
  EXPECT_THAT(errors("arm,value\nA,1\nB,2\n", options(MetricKind::mean, "C")),
              ElementsAre("data.csv:0: arm: the control 'C' is not an arm in the file (arms: A, B)"));
  EXPECT_THAT(errors("arm,value\nA,1\nA,2\n", options()),
              ElementsAre("data.csv:0: arm: only one arm ('A') in the file; a comparison needs at least 2"));
  EXPECT_THAT(errors("arm,value\n", options()), ElementsAre("data.csv:0: -: the file has a header but no data rows"));
}
