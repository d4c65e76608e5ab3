// truth.json: exact round trip and errors that say what is wrong where.
#include <gtest/gtest.h>

#include <cmath>

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

// A truth with every version-2 field away from its default.
MarketTruth truth_with_every_new_field() {
  MarketTruth t = default_market(Scenario::segments).truth;  // segments and tier-time effects
  t.wtp_scale = 2.718281828459045;
  t.wtp_segments[0].share = 1.0 / 3.0;
  t.wtp_segments.push_back({"late deciders", 0.1, 1.0 / 7.0, 0.123456789});
  for (std::size_t i = 0; i < t.games.size(); i += 5) {
    t.games[i].arrival_multiplier = 1.0 + 1.0 / static_cast<double>(i + 3);
    t.games[i].wtp_multiplier = 0.9 + std::sqrt(static_cast<double>(i)) / 100.0;
  }
  return t;
}

TEST(TruthJson, RoundTripWithEveryNewFieldIsExact) {
  const MarketTruth t = truth_with_every_new_field();
  const json j = to_json(t);
  EXPECT_EQ(j["version"], 2);
  const MarketTruth back = truth_from_json(json::parse(j.dump(2)));
  EXPECT_EQ(to_json(back), j);
  EXPECT_EQ(back.wtp_scale, t.wtp_scale);
  EXPECT_EQ(back.tier_bucket_wtp_multiplier, t.tier_bucket_wtp_multiplier);
  ASSERT_EQ(back.wtp_segments.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(back.wtp_segments[k].name, t.wtp_segments[k].name);
    EXPECT_EQ(back.wtp_segments[k].share, t.wtp_segments[k].share);
    EXPECT_EQ(back.wtp_segments[k].multiplier, t.wtp_segments[k].multiplier);
    EXPECT_EQ(back.wtp_segments[k].sigma, t.wtp_segments[k].sigma);
  }
  for (std::size_t i = 0; i < t.games.size(); ++i) {
    EXPECT_EQ(back.games[i].arrival_multiplier, t.games[i].arrival_multiplier);
    EXPECT_EQ(back.games[i].wtp_multiplier, t.games[i].wtp_multiplier);
  }
  // The oracle's functions and the customers come back unchanged.
  EXPECT_EQ(purchase_probability(back, 10, 4, 6, 400.0), purchase_probability(t, 10, 4, 6, 400.0));
  EXPECT_EQ(expected_arrivals(back, 10, 4, 6), expected_arrivals(t, 10, 4, 6));
  const auto a = draw_customers(t, 10, 4, 6);
  const auto b = draw_customers(back, 10, 4, 6);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].wtp, b[i].wtp);
}

// Version 1 is version 2 without the new keys: reading it gives the defaults.
TEST(TruthJson, Version1StillReads) {
  const MarketTruth& t = default_market().truth;
  json v1 = to_json(t);
  v1["version"] = 1;
  for (const char* key : {"wtp_scale", "wtp_segments", "tier_bucket_wtp_multiplier"}) v1.erase(key);
  for (json& g : v1["games"]) {
    g.erase("arrival_multiplier");
    g.erase("wtp_multiplier");
  }
  const MarketTruth back = truth_from_json(v1);
  EXPECT_EQ(to_json(back), to_json(t));  // written back as version 2 with the defaults
  EXPECT_EQ(back.wtp_scale, 1.0);
  EXPECT_TRUE(back.wtp_segments.empty());
  EXPECT_TRUE(back.tier_bucket_wtp_multiplier.empty());

  // A version-1 file as the old simulator wrote it, cut down to one of everything.
  const json tiny = json::parse(R"({
    "format": "seatsync-truth", "version": 1, "seed": 5, "scenario": "balanced",
    "as_of": "2026-12-01", "sales_window_days": 365, "opening_minute": 480, "tipoff_minute": 1170,
    "demand_scale": 2.0, "wtp_sigma": 0.4, "order_size_pmf": [0.5, 0.5],
    "buckets": [{"name": "0", "days_from": 0, "days_to": 0, "arrival_share": 1.0, "wtp_multiplier": 1.2}],
    "tiers": [{"tier": 1, "wtp_multiplier": 1.5, "arrival_multiplier": 1.1}],
    "codes": [{"code": "A", "group": "Club", "capacity": 100, "ref_price": 100.0,
               "floor_price": 60.0, "base_orders": 50.0}],
    "games": [{"id": "S2026-G01", "date": "2026-12-10", "season": 2026, "opponent": "X",
               "attractiveness": 0.5, "weekend": false, "tier": 1, "shock": 0.5}],
    "analyst": {"tier_factor": [1.2], "bucket_factor": [1.1], "pace_curve": [0.0],
                "pace_gain": 1.5, "pace_min": 0.75, "pace_max": 1.3, "noise_sigma": 0.08},
    "listings": {"window_days": 60, "every_days": 7, "premium": 1.1, "sigma": 0.15,
                 "code_share": 0.7, "resale_share": 0.75}})");
  const MarketTruth small = truth_from_json(tiny);
  EXPECT_DOUBLE_EQ(median_wtp(small, 0, 0, 0), 100.0 * 1.5 * 1.2);
  EXPECT_DOUBLE_EQ(expected_arrivals(small, 0, 0, 0), 50.0 * 2.0 * 1.1 * 0.5);
  EXPECT_NEAR(purchase_probability(small, 0, 0, 0, 180.0), 0.5, 1e-12);
  EXPECT_EQ(small.games[0].arrival_multiplier, 1.0);
  EXPECT_EQ(small.games[0].wtp_multiplier, 1.0);
}

TEST(TruthJson, Version2NeedsItsKeys) {
  const json good = to_json(default_market().truth);
  json j = good;
  j.erase("wtp_scale");
  EXPECT_EQ(error_of(j), "wtp_scale: missing");
  j = good;
  j.erase("tier_bucket_wtp_multiplier");
  EXPECT_EQ(error_of(j), "tier_bucket_wtp_multiplier: missing");
  j = good;
  j.erase("wtp_segments");
  EXPECT_EQ(error_of(j), "wtp_segments: missing");
  j = good;
  j["games"][7].erase("wtp_multiplier");
  EXPECT_EQ(error_of(j), "games[7].wtp_multiplier: missing");
  j = good;
  j["version"] = 3;
  EXPECT_NE(error_of(j).find("version: unsupported version"), std::string::npos);
}

TEST(TruthJson, BadNewValuesNameTheKey) {
  const json good = to_json(truth_with_every_new_field());
  const auto with = [&](auto edit) {
    json j = good;
    edit(j);
    return error_of(j);
  };
  EXPECT_EQ(with([](json& j) { j["wtp_scale"] = 0.0; }), "wtp_scale: must be > 0");
  EXPECT_EQ(with([](json& j) { j["wtp_scale"] = "big"; }), "wtp_scale: expected a number");
  EXPECT_EQ(with([](json& j) { j["wtp_segments"][1]["sigma"] = 0.0; }), "wtp_segments[1].sigma: must be > 0");
  EXPECT_EQ(with([](json& j) { j["wtp_segments"][0]["multiplier"] = -1.0; }),
            "wtp_segments[0].multiplier: must be > 0");
  EXPECT_EQ(with([](json& j) { j["wtp_segments"][2]["share"] = -0.1; }), "wtp_segments[2].share: must be >= 0");
  EXPECT_EQ(with([](json& j) { j["wtp_segments"][2].erase("name"); }), "wtp_segments[2].name: missing");
  EXPECT_EQ(with([](json& j) {
              for (json& s : j["wtp_segments"]) s["share"] = 0.0;
            }),
            "wtp_segments: shares need a positive sum");
  EXPECT_EQ(with([](json& j) { j["wtp_segments"] = json::object(); }), "wtp_segments: expected an array");
  EXPECT_EQ(with([](json& j) { j["tier_bucket_wtp_multiplier"].erase(4); }),
            "tier_bucket_wtp_multiplier: expected 5 rows (one per tier), got 4");
  EXPECT_EQ(with([](json& j) { j["tier_bucket_wtp_multiplier"][2].erase(0); }),
            "tier_bucket_wtp_multiplier[2]: expected 8 values (one per bucket), got 7");
  EXPECT_EQ(with([](json& j) { j["tier_bucket_wtp_multiplier"][1][3] = 0.0; }),
            "tier_bucket_wtp_multiplier[1][3]: must be > 0");
  EXPECT_EQ(with([](json& j) { j["tier_bucket_wtp_multiplier"][1][3] = "x"; }),
            "tier_bucket_wtp_multiplier[1][3]: expected a number");
  EXPECT_EQ(with([](json& j) { j["tier_bucket_wtp_multiplier"][0] = 1.0; }),
            "tier_bucket_wtp_multiplier[0]: expected an array");
  EXPECT_EQ(with([](json& j) { j["games"][4]["arrival_multiplier"] = 0.0; }),
            "games[4].arrival_multiplier: must be > 0");
  EXPECT_EQ(with([](json& j) { j["games"][4]["wtp_multiplier"] = "x"; }),
            "games[4].wtp_multiplier: expected a number");
  // Empty lists are the documented defaults, not errors.
  EXPECT_EQ(with([](json& j) {
              j["wtp_segments"] = json::array();
              j["tier_bucket_wtp_multiplier"] = json::array();
            }),
            "");
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
