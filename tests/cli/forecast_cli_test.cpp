// seatsync forecast --csv, end to end: the JSON contract, the other formats, and bad input → exit 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace seatsync {
namespace {

using test::run_seatsync;

// Two groups of four weeks: A repeats 1..7 every week, B is constant with one day missing.
std::string two_series() {
  std::string text = "date,hotel,arrivals\n";
  for (int day = 0; day < 28; ++day) {
    const std::string date = (*Date::parse("2024-03-01") + day).str();
    text += date + ",A," + std::to_string(day % 7 + 1) + "\n";
    if (day != 10) text += date + ",\"B, annex\",4\n";
  }
  text += "2024-03-29,A,1000\n";  // after --until: not read
  return text;
}

std::vector<std::string> args(const std::string& csv, std::vector<std::string> more = {}) {
  std::vector<std::string> a = {"forecast", "--csv", csv, "--date-column", "date", "--value-column", "arrivals",
                                "--group-column", "hotel", "--until", "2024-03-28", "--horizon", "7"};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

TEST(ForecastCli, JsonHasOneSeriesPerGroupWithEveryLevelsBounds) {
  test::TempDir dir;
  test::write_file(dir / "in.csv", two_series());
  const auto r = run_seatsync(args((dir / "in.csv").string(), {"--method", "seasonal_naive", "--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json["series"].size(), 2u);
  const auto& a = json["series"][0];
  EXPECT_EQ(a["group"], "A");
  EXPECT_EQ(a["method"], "seasonal_naive[7]");
  EXPECT_EQ(a["train_rows"], 28);
  EXPECT_GE(a["seconds"].get<double>(), 0.0);
  ASSERT_EQ(a["forecast"].size(), 7u);
  EXPECT_EQ(a["forecast"][0]["date"], "2024-03-29");
  for (int h = 0; h < 7; ++h) {
    const auto& row = a["forecast"][h];
    EXPECT_DOUBLE_EQ(row["mean"].get<double>(), h + 1);  // 2024-03-29 is day 28: 28 % 7 + 1
    for (const char* key : {"lower_80", "upper_80", "lower_95", "upper_95"}) EXPECT_TRUE(row.contains(key)) << key;
    EXPECT_LE(row["lower_95"].get<double>(), row["lower_80"].get<double>());
    EXPECT_GE(row["upper_95"].get<double>(), row["upper_80"].get<double>());
  }
  const auto& b = json["series"][1];
  EXPECT_EQ(b["group"], "B, annex");
  EXPECT_EQ(b["train_rows"], 27);  // the missing day was filled with 0, not counted as a row
}

TEST(ForecastCli, CsvAndTableFormatsAndTheOutFile) {
  test::TempDir dir;
  test::write_file(dir / "in.csv", two_series());
  const auto csv = run_seatsync(args((dir / "in.csv").string(), {"--method", "naive", "--format", "csv", "--level", "90"}));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "group,method,date,mean,lower_90,upper_90");
  EXPECT_NE(csv.out.find("\"B, annex\",\"naive\",2024-03-29,4.000000"), std::string::npos) << csv.out;
  const auto table = run_seatsync(args((dir / "in.csv").string(), {"--method", "drift", "--out", (dir / "t.txt").string()}));
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(table.out.empty());
  EXPECT_NE(test::read_file(dir / "t.txt").find("A: drift"), std::string::npos);
}

TEST(ForecastCli, AutoForecastsEveryGroup) {
  test::TempDir dir;
  test::write_file(dir / "in.csv", two_series());
  const auto r = run_seatsync(args((dir / "in.csv").string(), {"--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  for (const auto& s : json["series"]) {
    for (const auto& row : s["forecast"]) EXPECT_GE(row["lower_95"].get<double>(), 0.0) << "counts stay ≥ 0";
  }
}

TEST(ForecastCli, RowsArePeriodsWhenGamesAreNotDaily) {
  // Games on irregular dates, a doubleheader on one: each row is one period, in file order within a date.
  test::TempDir dir;
  test::write_file(dir / "games.csv", "date,attendance\n2024-04-01,10\n2024-04-03,20\n2024-04-03,30\n2024-04-09,40\n");
  const auto r = run_seatsync({"forecast", "--csv", (dir / "games.csv").string(), "--date-column", "date",
                               "--value-column", "attendance", "--periods", "rows", "--until", "2024-12-31",
                               "--horizon", "2", "--method", "naive", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto series = nlohmann::json::parse(r.out)["series"][0];
  EXPECT_EQ(series["train_rows"], 4);
  ASSERT_EQ(series["forecast"].size(), 2u);
  EXPECT_EQ(series["forecast"][1]["step"], 2);
  EXPECT_FALSE(series["forecast"][1].contains("date"));
  EXPECT_DOUBLE_EQ(series["forecast"][1]["mean"].get<double>(), 40);  // the last row, not a zero-filled day
}

TEST(ForecastCli, ProphetUsesARegressorKnownForTheForecastDays) {
  // Sales jump by 30 on promotion days; the promotion calendar is known 14 days ahead.
  test::TempDir dir;
  std::string text = "date,sales,promo\n";
  for (int day = 0; day < 84 + 14; ++day) {
    const bool promo = day % 5 == 0;
    const std::string sales = day < 84 ? std::to_string(20 + (promo ? 30 : 0) + day % 3) : "";
    text += (*Date::parse("2024-01-01") + day).str() + "," + sales + "," + (promo ? "1" : "0") + "\n";
  }
  test::write_file(dir / "sales.csv", text);
  const auto r = run_seatsync({"forecast", "--csv", (dir / "sales.csv").string(), "--date-column", "date",
                               "--value-column", "sales", "--regressor-column", "promo", "--until", "2024-03-24",
                               "--horizon", "14", "--method", "prophet", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto forecast = nlohmann::json::parse(r.out)["series"][0]["forecast"];
  ASSERT_EQ(forecast.size(), 14u);
  for (int h = 0; h < 14; ++h) {
    const bool promo = (84 + h) % 5 == 0;
    EXPECT_NEAR(forecast[h]["mean"].get<double>(), promo ? 51 : 21, 4) << "step " << h + 1;
  }
}

TEST(ForecastCli, BadInputExitsTwoNamingTheProblem) {
  test::TempDir dir;
  const std::string csv = (dir / "in.csv").string();
  auto expect_error = [&](const std::string& text, std::vector<std::string> a, const std::string& needle) {
    test::write_file(dir / "in.csv", text);
    const auto r = run_seatsync(a);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  };
  auto unknown_column = args(csv);
  unknown_column[6] = "guests";  // the --value-column
  expect_error(two_series(), unknown_column, "in.csv:1: guests: required column is missing");
  expect_error("date,hotel,arrivals\n2024-03-01,A,1\n2024-13-01,A,2\n", args(csv), "in.csv:3: date: '2024-13-01' is not a date");
  expect_error("date,hotel,arrivals\n2024-03-01,A,1\n2024-03-01,A,2\n2024-03-28,A,3\n", args(csv),
               "in.csv:3: date: 2024-03-01 appears twice");
  expect_error("date,hotel,arrivals\n2024-03-01,A,1\n", args(csv), "the data ends on 2024-03-01, before --until 2024-03-28");
  expect_error("date,hotel,arrivals\n2024-03-27,A,1\n2024-03-28,A,2\n", args(csv), "group 'A'");
  expect_error(two_series(), args(csv, {"--fill-missing", "error"}), "no row for 2024-03-11 in group 'B, annex'");
  auto bad_until = args(csv);
  bad_until[10] = "2024-02-30";
  expect_error(two_series(), bad_until, "--until");
  expect_error(two_series(), {"forecast", "--csv", csv, "--date-column", "date"}, "--value-column");
  expect_error(two_series(), args(csv, {"--data", dir.path().string()}), "either --csv");
}

}  // namespace
}  // namespace seatsync
