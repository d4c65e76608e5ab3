// Daily series from any CSV: grouping, zero-filled days, and errors pinned to FILE:LINE: COLUMN.
#include <gtest/gtest.h>

#include "seatsync/diagnostics.hpp"
#include "seatsync/series_csv.hpp"

namespace seatsync {
namespace {

SeriesCsvOptions options(bool with_group = true) {
  SeriesCsvOptions o;
  o.date_column = "day";
  o.value_column = "n";
  if (with_group) o.group_column = "hotel";
  o.until = *Date::parse("2024-01-04");
  return o;
}

// The message of the first error a parse raises.
std::string first_error(const std::string& text, const SeriesCsvOptions& o) {
  try {
    parse_series_csv(text, "in.csv", o);
  } catch (const ValidationError& e) {
    return e.diagnostics().front().format();
  }
  return "";
}

TEST(SeriesCsv, OneSeriesPerGroupWithMissingDaysZeroAndLaterRowsLeftOut) {
  const auto series = parse_series_csv(
      "day,hotel,n\n2024-01-02,B,5\n2024-01-01,A,1\n2024-01-03,A,3\n2024-01-05,A,99\n2024-01-04,A,4\n", "in.csv",
      options());
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].group, "A");
  EXPECT_EQ(series[0].start.str(), "2024-01-01");
  EXPECT_EQ(series[0].values, (std::vector<double>{1, 0, 3, 4}));
  EXPECT_EQ(series[0].train_rows, 3u);
  EXPECT_EQ(series[1].group, "B");
  EXPECT_EQ(series[1].values, (std::vector<double>{5, 0, 0}));  // zero up to --until
}

TEST(SeriesCsv, WithoutAGroupColumnTheFileIsOneSeries) {
  const auto series = parse_series_csv("day,n\n2024-01-03,2\n2024-01-04T10:00:00Z,7\n", "in.csv", options(false));
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].group, "");
  EXPECT_EQ(series[0].values, (std::vector<double>{2, 7}));
}

TEST(SeriesCsv, RegressorsRunToTheHorizonAndFutureRowsNeedNoValue) {
  auto o = options(false);
  o.regressor_columns = {"promo"};
  o.future_periods = 2;
  const auto series = parse_series_csv(
      "day,n,promo\n2024-01-03,2,0\n2024-01-04,7,1\n2024-01-05,,1\n2024-01-06,,0\n2024-01-07,,1\n", "in.csv", o);
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].values, (std::vector<double>{2, 7}));
  EXPECT_EQ(series[0].train_rows, 2u);
  ASSERT_EQ(series[0].regressors.size(), 1u);
  EXPECT_EQ(series[0].regressors[0].values, (std::vector<double>{0, 1, 1, 0}));  // to until + 2 days
  o.rows_are_periods = true;
  EXPECT_EQ(parse_series_csv("day,n,promo\n2024-01-03,2,0\n2024-01-10,,1\n2024-01-12,,1\n2024-01-20,,9\n", "in.csv", o)
                .front()
                .regressors[0]
                .values,
            (std::vector<double>{0, 1, 1}));  // the next two rows
  // A forecast day with no regressor value, too few future rows, a missing training value.
  o.rows_are_periods = false;
  EXPECT_NE(first_error("day,n,promo\n2024-01-04,7,1\n2024-01-05,,1\n", o)
                .find("in.csv:0: promo: no row for 2024-01-06: the regressors need a value"),
            std::string::npos);
  o.rows_are_periods = true;
  EXPECT_NE(first_error("day,n,promo\n2024-01-04,7,1\n2024-01-05,,1\n", o).find("1 row(s) after 2024-01-04"),
            std::string::npos);
  EXPECT_NE(first_error("day,n,promo\n2024-01-04,,1\n2024-01-05,,1\n", o).find("in.csv:2: n:"), std::string::npos);
}

TEST(SeriesCsv, BadInputIsReportedWhereItIs) {
  EXPECT_EQ(first_error("day,hotel,count\n2024-01-01,A,1\n", options()), "in.csv:1: n: required column is missing");
  EXPECT_EQ(first_error("day,hotel,n\n2024-01-01,A,1\n01/02/2024,A,2\n", options()),
            "in.csv:3: day: '01/02/2024' is not a date (YYYY-MM-DD or an ISO-8601 date-time)");
  EXPECT_EQ(first_error("day,hotel,n\n2024-01-01,A,1\n2024-01-01,A,2\n2024-01-04,A,3\n", options()),
            "in.csv:3: day: 2024-01-01 appears twice in group 'A'");
  EXPECT_NE(first_error("day,hotel,n\n2024-01-01,A,x\n", options()).find("in.csv:2: n:"), std::string::npos);
  EXPECT_NE(first_error("day,hotel,n\n2025-01-01,A,1\n", options()).find("no row is dated on or before 2024-01-04"),
            std::string::npos);
  EXPECT_EQ(first_error("day,hotel,n\n2024-01-01,A,1\n2024-01-02,B,1\n", options()),
            "in.csv:0: day: the data ends on 2024-01-02, before --until 2024-01-04: nothing is known about the days "
            "between");
  auto strict = options();
  strict.fill_missing_zero = false;
  EXPECT_NE(first_error("day,hotel,n\n2024-01-01,A,1\n2024-01-03,A,1\n2024-01-04,A,1\n", strict)
                .find("no row for 2024-01-02 in group 'A'"),
            std::string::npos);
}

}  // namespace
}  // namespace seatsync
