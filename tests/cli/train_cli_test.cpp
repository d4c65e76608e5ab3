// End-to-end: seatsync train on a small generated CSV.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;

namespace {

// 400 days of bookings: price = 50 + 30·x + 20 if room B, sold = 1 when x > 0.
std::string generated_csv() {
  std::ostringstream out;
  out << "day,x,room,price,sold,leak\n";
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> u(-1, 1);
  for (int i = 0; i < 400; ++i) {
    const double x = u(rng);
    const bool b = i % 3 == 0;
    const int month = 1 + (i / 28) % 12, day = 1 + i % 28, year = 2023 + i / 336;
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    out << date << ',' << x << ',' << (b ? "B" : "A") << ',' << 50 + 30 * x + (b ? 20 : 0) << ',' << (x > 0 ? 1 : 0)
        << ",1\n";
  }
  return out.str();
}

}  // namespace

TEST(TrainCli, JsonReportsRegressionMetrics) {
  TempDir dir;
  const auto csv = (dir / "data.csv").string();
  seatsync::test::write_file(csv, generated_csv());
  auto r = run_seatsync({"train", "--csv", csv, "--target", "price", "--time-column", "day", "--split-before",
                         "2023-10-01", "--drop", "sold,leak", "--format", "json", "--rounds", "200"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"r2", "mae", "rmse", "mape", "rows_train", "rows_test", "seconds"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j.size(), 7u);
  EXPECT_GT(j["r2"].get<double>(), 0.8);
  EXPECT_EQ(j["rows_train"].get<int>() + j["rows_test"].get<int>(), 400);
}

TEST(TrainCli, BinaryTableShowsTheBaseline) {
  TempDir dir;
  const auto csv = (dir / "data.csv").string();
  seatsync::test::write_file(csv, generated_csv());
  auto js = run_seatsync({"train", "--csv", csv, "--target", "sold", "--task", "binary", "--drop", "price",
                          "--format", "json", "--rounds", "100"});
  ASSERT_EQ(js.exit_code, 0) << js.err;
  auto j = nlohmann::json::parse(js.out);
  for (const char* key : {"auc", "logloss", "accuracy", "precision", "recall", "f1"}) EXPECT_TRUE(j.contains(key));
  EXPECT_EQ(j["rows_test"].get<int>(), 80);  // the seeded 80/20 split
  auto table = run_seatsync({"train", "--csv", csv, "--target", "sold", "--task", "binary", "--rounds", "50"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("baseline"));
  EXPECT_THAT(table.out, HasSubstr("auc"));
}

TEST(TrainCli, BadInputExitsWithTwo) {
  TempDir dir;
  const auto csv = (dir / "data.csv").string();
  seatsync::test::write_file(csv, generated_csv());
  auto missing = run_seatsync({"train", "--csv", csv, "--target", "nope"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr(csv + ":1: nope: target column 'nope' is not in the header"));
  auto text_target = run_seatsync({"train", "--csv", csv, "--target", "room"});
  EXPECT_EQ(text_target.exit_code, 2);
  EXPECT_THAT(text_target.err, HasSubstr(csv + ":2: room: target 'B' is not a number"));
  auto unknown = run_seatsync({"train", "--csv", csv, "--target", "price", "--drop", "ghost"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("ghost"));
  auto empty = run_seatsync({"train", "--csv", csv, "--target", "price", "--time-column", "day", "--split-before",
                             "2020-01-01"});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_THAT(empty.err, HasSubstr("empty split"));
  auto binary = run_seatsync({"train", "--csv", csv, "--target", "price", "--task", "binary"});
  EXPECT_EQ(binary.exit_code, 2);
  auto unordered = run_seatsync({"train", "--csv", csv, "--target", "price", "--algo", "ensemble"});
  EXPECT_EQ(unordered.exit_code, 2);
  EXPECT_THAT(unordered.err, HasSubstr("--time-column"));
}

TEST(TrainCli, EveryAlgorithmOnACsv) {
  TempDir dir;
  const auto csv = (dir / "data.csv").string();
  seatsync::test::write_file(csv, generated_csv());
  for (const char* algo : {"rf", "linear", "ensemble"}) {
    auto r = run_seatsync({"train", "--csv", csv, "--target", "price", "--time-column", "day", "--split-before",
                           "2023-10-01", "--drop", "sold,leak", "--algo", algo, "--rounds", "100", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << algo << ": " << r.err;
    // price = 50 + 30·x + 20·[room B]: every learner finds most of it, the linear one all of it.
    EXPECT_GT(nlohmann::json::parse(r.out)["r2"].get<double>(), std::string(algo) == "linear" ? 0.99 : 0.8) << algo;
  }
}
