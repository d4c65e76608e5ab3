// truth.json: exact round trip and errors that say what is wrong where.
#include <gtest/gtest.h>

#include "seatsync/truth.hpp"
#include "sim_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync {
namespace {

using nlohmann::json;
using test::default_market;

std::string error_of(const json& j) {
  try {
    truth_from_json(j);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(TruthJson, RoundTripIsExact) {
  const MarketTruth& t = default_market().truth;
  const json j = to_json(t);
  const MarketTruth back = truth_from_json(j);
  EXPECT_EQ(to_json(back), j);
  // Through text too: doubles are written with enough digits to come back bit for bit.
  const MarketTruth reparsed = truth_from_json(json::parse(j.dump(2)));
  ASSERT_EQ(reparsed.games.size(), t.games.size());
  for (std::size_t i = 0; i < t.games.size(); ++i) {
    EXPECT_EQ(reparsed.games[i].shock, t.games[i].shock);
    EXPECT_EQ(reparsed.games[i].date, t.games[i].date);
  }
  for (std::size_t i = 0; i < t.codes.size(); ++i) EXPECT_EQ(reparsed.codes[i].base_orders, t.codes[i].base_orders);
  EXPECT_EQ(reparsed.bucket_arrival_share, t.bucket_arrival_share);
  EXPECT_EQ(reparsed.analyst.pace_curve, t.analyst.pace_curve);
  EXPECT_EQ(reparsed.seed, t.seed);
  EXPECT_EQ(reparsed.as_of, t.as_of);
  // The reloaded truth drives the same customers and prices.
  const auto a = draw_customers(t, 9, 11, 5);
  const auto b = draw_customers(reparsed, 9, 11, 5);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].wtp, b[i].wtp);
  EXPECT_EQ(analyst_price(t, 9, 11, 5, 100), analyst_price(reparsed, 9, 11, 5, 100));
}

TEST(TruthJson, LargeSeedsSurvive) {
  MarketTruth t = default_market().truth;
  t.seed = 0xfedcba9876543210ULL;
  EXPECT_EQ(truth_from_json(json::parse(to_json(t).dump())).seed, t.seed);
}

TEST(TruthJson, DocumentsItsFormat) {
  const json j = to_json(default_market().truth);
  EXPECT_EQ(j["format"], "seatsync-truth");
  EXPECT_EQ(j["version"], kTruthFormatVersion);
  EXPECT_EQ(j["scenario"], "balanced");
  EXPECT_EQ(j["as_of"], "2026-12-01");
  EXPECT_EQ(j["buckets"].size(), 8u);
  EXPECT_EQ(j["tiers"].size(), 5u);
  EXPECT_EQ(j["codes"].size(), 25u);
  EXPECT_EQ(j["games"][0]["id"], "S2023-G01");
}

TEST(TruthJson, ErrorsNameTheKey) {
  const json good = to_json(default_market().truth);
  json j = good;
  j["codes"][3].erase("capacity");
  EXPECT_EQ(error_of(j), "codes[3].capacity: missing");
  j = good;
  j["games"][2]["tier"] = 9;
  EXPECT_NE(error_of(j).find("games[2].tier"), std::string::npos);
  j = good;
  j["games"][0]["date"] = "2026-02-30";
  EXPECT_EQ(error_of(j), "games[0].date: expected a date YYYY-MM-DD");
  j = good;
  j["wtp_sigma"] = "wide";
  EXPECT_EQ(error_of(j), "wtp_sigma: expected a number");
  j = good;
  j["analyst"]["pace_curve"].erase(0);
  EXPECT_NE(error_of(j).find("analyst.pace_curve: expected 8 values"), std::string::npos);
  j = good;
  j["version"] = 99;
  EXPECT_NE(error_of(j).find("version"), std::string::npos);
  j = good;
  j["format"] = "something else";
  EXPECT_NE(error_of(j).find("format"), std::string::npos);
  j = good;
  j["seed"] = -1;
  EXPECT_NE(error_of(j).find("seed"), std::string::npos);
  EXPECT_NE(error_of(json::array()).find("expected a JSON object"), std::string::npos);
}

TEST(TruthJson, LoadTruthNamesTheFile) {
  test::TempDir dir;
  const auto file = dir / "truth.json";
  try {
    load_truth(file);
    FAIL() << "missing file accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("truth.json: cannot open"), std::string::npos);
  }
  test::write_file(file, "{ not json");
  try {
    load_truth(file);
    FAIL() << "bad JSON accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos);
  }
  test::write_file(file, R"({"format": "seatsync-truth", "version": 1})");
  try {
    load_truth(file);
    FAIL() << "incomplete truth accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("truth.json: seed: missing"), std::string::npos);
  }
}

}  // namespace
}  // namespace seatsync
