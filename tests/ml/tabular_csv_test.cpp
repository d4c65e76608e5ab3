// Generic CSV reading: column kinds, missing values, the time column, and error messages.
#include "seatsync/tabular_csv.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/diagnostics.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

namespace {

std::string errors_of(const std::string& text, const std::string& target, const TabularCsvOptions& o = {}) {
  try {
    parse_tabular_csv(text, "f.csv", target, o);
  } catch (const ValidationError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.format() + "\n";
    return all;
  }
  return "no error";
}

}  // namespace

TEST(TabularCsv, InfersNumericAndCategoricalColumns) {
  const std::string text =
      "day,price,room,size,code\n"
      "2024-01-02,10.5,B,3,7\n"
      "2024-01-01,20,A,,8\n"
      "2024-01-03T10:00,30,,NA,7\n";
  TabularCsvOptions o;
  o.time_column = "day";
  o.categorical = {"code"};
  const Table t = parse_tabular_csv(text, "f.csv", "price", o);
  ASSERT_EQ(t.rows(), 3u);
  ASSERT_EQ(t.columns.size(), 3u);  // room, size, code (day is time, price is the target)
  EXPECT_EQ(t.columns[0].name, "room");
  EXPECT_TRUE(t.columns[0].categorical);
  EXPECT_EQ(t.columns[0].categories, (std::vector<std::string>{"A", "B"}));
  EXPECT_FALSE(t.columns[1].categorical);
  EXPECT_TRUE(t.columns[2].categorical);  // forced, though numeric
  EXPECT_EQ(t.x(0, 0), 1.0f);             // B
  EXPECT_TRUE(std::isnan(t.x(2, 0)));     // empty
  EXPECT_EQ(t.x(0, 1), 3.0f);
  EXPECT_TRUE(std::isnan(t.x(1, 1)));
  EXPECT_TRUE(std::isnan(t.x(2, 1)));  // NA
  EXPECT_EQ(t.y, (std::vector<float>{10.5f, 20.0f, 30.0f}));
  EXPECT_EQ(t.time, (std::vector<double>{19724, 19723, 19725}));  // 2024-01-01 = day 19723
}

TEST(TabularCsv, DropRemovesColumns) {
  TabularCsvOptions o;
  o.drop = {"leak"};
  const Table t = parse_tabular_csv("y,a,leak\n1,2,3\n", "f.csv", "y", o);
  ASSERT_EQ(t.columns.size(), 1u);
  EXPECT_EQ(t.columns[0].name, "a");
}

TEST(TabularCsv, ReportsProblemsAsFileLineColumn) {
  EXPECT_THAT(errors_of("", "y"), HasSubstr("f.csv:0: -: the file is empty"));
  EXPECT_THAT(errors_of("y,a\n", "y"), HasSubstr("no data rows"));
  EXPECT_THAT(errors_of("a,b\n1,2\n", "y"), HasSubstr("f.csv:1: y: target column 'y' is not in the header"));
  EXPECT_THAT(errors_of("y,a\n1,2\nabc,3\n,4\n", "y"), HasSubstr("f.csv:3: y: target 'abc' is not a number"));
  EXPECT_THAT(errors_of("y,a\n1,2\n,4\n", "y"), HasSubstr("f.csv:3: y: the target is missing"));
  TabularCsvOptions o;
  o.drop = {"nope"};
  EXPECT_THAT(errors_of("y,a\n1,2\n", "y", o), HasSubstr("f.csv:1: nope: dropped column 'nope' is not in the header"));
  TabularCsvOptions t;
  t.time_column = "a";
  EXPECT_THAT(errors_of("y,a\n1,2024-13-01\n", "y", t), HasSubstr("f.csv:2: a: '2024-13-01' is not a date"));
}
