// The feature builder on a hand-made season: each family's values worked out by hand, the
// no-leakage rule, the row policy and batch == single-row serving.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "seatsync/features.hpp"

namespace seatsync {
namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }

std::size_t col(const std::string& name) {
  const auto& columns = feature_columns();
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  throw std::runtime_error("no column " + name);
}

Transaction order(GameIndex g, CodeIndex c, Date d, int qty, double price) {
  return {g, c, d.str(), d, qty, price};
}

Listing listing(GameIndex g, std::optional<CodeIndex> c, Date d, double price) {
  return {g, c, d.str(), d, price, 1, "market"};
}

// G1: Saturday 2025-11-29 (two days after Thanksgiving), G2: Saturday 2026-07-04.
// Codes A (Lower, 100 seats, floor 50), B (Lower, 50, 80), C (Upper, 200, 20).
Dataset tiny() {
  Dataset d;
  d.games = {{"G1", ymd(2025, 11, 29), 2, "Hawks"}, {"G2", ymd(2026, 7, 4), 1, ""}};
  d.codes = {{"A", "Lower", 100, 50.0}, {"B", "Lower", 50, 80.0}, {"C", "Upper", 200, 20.0}};
  d.transactions = {order(0, 0, ymd(2025, 11, 1), 2, 60.0),  order(0, 0, ymd(2025, 11, 10), 3, 70.0),
                    order(0, 0, ymd(2025, 11, 10), 1, 74.0), order(0, 0, ymd(2025, 11, 20), 5, 65.0),
                    order(0, 2, ymd(2025, 11, 28), 4, 25.0), order(1, 1, ymd(2026, 6, 1), 2, 90.0)};
  d.listings = {listing(0, 0, ymd(2025, 11, 5), 80.0), listing(0, 0, ymd(2025, 11, 15), 100.0),
                listing(0, 0, ymd(2025, 11, 20), 500.0), listing(0, std::nullopt, ymd(2025, 11, 1), 40.0)};
  d.reindex();
  return d;
}

FeatureOptions every_day() {
  FeatureOptions o;
  o.no_sale_fraction = 1.0;
  o.as_of = ymd(2026, 8, 1);
  return o;
}

// The row of (game, code label, day) in a table.
Eigen::Index find_row(const Table& t, const Dataset& d, GameIndex g, const std::string& code, Date day) {
  const float code_index = static_cast<float>(*d.find_code(code));
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    if (t.time[static_cast<std::size_t>(r)] != day.days() || t.x(r, col("price_code")) != code_index) continue;
    if (t.x(r, col("game_month")) == static_cast<float>(d.games[g].date.month())) return r;
  }
  throw std::runtime_error("row not found");
}

std::vector<float> row_of(const Table& t, Eigen::Index r) {
  return {t.x.row(r).data(), t.x.row(r).data() + t.x.cols()};
}

bool same(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Columns whose values differ between two rows.
std::set<std::string> differing(const std::vector<float>& a, const std::vector<float>& b) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) out.insert(feature_columns()[i].name);
  return out;
}

TEST(FeatureColumns, OneNamedDocumentedList) {
  const auto& columns = feature_columns();
  EXPECT_GE(columns.size(), 60u);
  std::set<std::string> names;
  for (const auto& c : columns) {
    EXPECT_FALSE(c.description.empty()) << c.name;
    names.insert(c.name);
  }
  EXPECT_EQ(names.size(), columns.size());
  EXPECT_FALSE(columns[col("comp_position")].categorical);  // ordered, so a model can be monotone in it
  for (const char* name : {"opponent", "price_group", "price_code"})
    EXPECT_TRUE(columns[col(name)].categorical) << name;
  EXPECT_FALSE(columns[col("price")].categorical);
}

TEST(FeatureColumns, AllDocumentedInDocsFeaturesMd) {
  std::ifstream in(std::string(SEATSYNC_TEST_DATA) + "/../../docs/features.md");
  ASSERT_TRUE(in) << "docs/features.md";
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& c : feature_columns())
    EXPECT_NE(text.str().find("| `" + c.name + "` |"), std::string::npos) << c.name;
}

TEST(FeatureTable, CategoriesComeFromTheDataset) {
  const auto t = build_feature_table(tiny(), every_day());
  EXPECT_EQ(t.columns[col("opponent")].categories, std::vector<std::string>{"Hawks"});
  EXPECT_EQ(t.columns[col("price_group")].categories, (std::vector<std::string>{"Lower", "Upper"}));
  EXPECT_EQ(t.columns[col("price_code")].categories, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_TRUE(t.columns[col("comp_position")].categories.empty());
}

TEST(FeatureTable, HandComputedRow) {
  const Dataset d = tiny();
  FeatureOptions o = every_day();
  o.weather["G1"] = GameWeather{12.0, 0.5, 20.0, 80.0};
  const auto t = build_feature_table(d, o);
  const auto r = find_row(t, d, 0, "A", ymd(2025, 11, 20));
  auto at = [&](const char* name) { return t.x(r, static_cast<Eigen::Index>(col(name))); };
  EXPECT_EQ(t.y[static_cast<std::size_t>(r)], 5.0f);

  // Sale day: Thursday 2025-11-20, ISO week 47.
  EXPECT_EQ(at("sale_day_of_week"), 4.0f);
  EXPECT_EQ(at("sale_day_of_month"), 20.0f);
  EXPECT_EQ(at("sale_week_of_year"), 47.0f);
  EXPECT_EQ(at("sale_quarter"), 4.0f);
  EXPECT_EQ(at("sale_is_weekend"), 0.0f);
  EXPECT_EQ(at("sale_is_holiday"), 0.0f);
  // Game day: Saturday 2025-11-29, two days after Thanksgiving.
  EXPECT_EQ(at("game_day_of_week"), 6.0f);
  EXPECT_EQ(at("game_is_weekend"), 1.0f);
  EXPECT_EQ(at("game_is_holiday"), 0.0f);
  EXPECT_EQ(at("game_holiday_weekend"), 0.0f);
  EXPECT_EQ(at("game_days_to_holiday"), 2.0f);
  EXPECT_EQ(at("season_year"), 2025.0f);
  EXPECT_EQ(at("season_fall"), 1.0f);
  EXPECT_EQ(at("season_winter"), 0.0f);
  // Weather, game and seat.
  EXPECT_EQ(at("weather_temperature"), 12.0f);
  EXPECT_EQ(at("weather_cloud_cover"), 80.0f);
  EXPECT_EQ(at("game_tier"), 2.0f);
  EXPECT_EQ(at("opponent"), 0.0f);
  EXPECT_EQ(at("price_group"), 0.0f);
  EXPECT_EQ(at("code_capacity"), 100.0f);
  EXPECT_EQ(at("code_floor_price"), 50.0f);
  EXPECT_EQ(at("code_price_rank"), 0.5f);
  // Lead time: 9 days, bucket 8-14 (index 4 of the default buckets).
  EXPECT_EQ(at("days_before"), 9.0f);
  EXPECT_EQ(at("lead_short"), 1.0f);
  EXPECT_EQ(at("lead_last_minute") + at("lead_medium") + at("lead_long"), 0.0f);
  EXPECT_EQ(at("bucket_index"), 4.0f);
  // Occupancy: 2 + 3 + 1 tickets before the day.
  EXPECT_EQ(at("sold_before"), 6.0f);
  EXPECT_FLOAT_EQ(at("sell_through"), 0.06f);
  EXPECT_FLOAT_EQ(at("remaining_share"), 0.94f);
  // Competitors: A's own listings before the day, 80 and 100 (the 500 is the same day).
  EXPECT_EQ(at("comp_count"), 2.0f);
  EXPECT_FLOAT_EQ(at("comp_p10"), 82.0f);
  EXPECT_FLOAT_EQ(at("comp_p50"), 90.0f);
  EXPECT_FLOAT_EQ(at("comp_p90"), 98.0f);
  EXPECT_FLOAT_EQ(at("comp_range"), 16.0f);
  EXPECT_FLOAT_EQ(at("price_vs_comp_p50"), -19.0f);
  EXPECT_FLOAT_EQ(at("price_vs_comp_p50_pct"), -19.0f / 90.0f);
  EXPECT_EQ(at("comp_position"), 0.0f);  // budget
  // Price in force: the floor (50) until the first order, 60 from the day after 11-01, 71
  // (= (3x70 + 74) / 4) from the day after 11-10. The day's own orders (5 at 65) are not read.
  EXPECT_FLOAT_EQ(at("price"), 71.0f);
  EXPECT_FLOAT_EQ(at("price_lag_1"), 71.0f);
  EXPECT_FLOAT_EQ(at("price_lag_7"), 71.0f);
  EXPECT_FLOAT_EQ(at("price_lag_30"), 50.0f);
  EXPECT_FLOAT_EQ(at("price_ma_7"), 71.0f);
  EXPECT_FLOAT_EQ(at("price_ma_30"), (12 * 50.0f + 9 * 60.0f + 9 * 71.0f) / 30.0f);
  EXPECT_FLOAT_EQ(at("price_change_1d"), 0.0f);
  EXPECT_FLOAT_EQ(at("price_volatility_7d"), 0.0f);
  // Velocity.
  EXPECT_EQ(at("sold_last_1d"), 0.0f);
  EXPECT_EQ(at("sold_last_7d"), 0.0f);
  EXPECT_EQ(at("sold_last_14d"), 4.0f);
  EXPECT_EQ(at("orders_before"), 3.0f);
  EXPECT_EQ(at("days_since_last_sale"), 10.0f);
  // Interactions.
  EXPECT_EQ(at("weekend_fall"), 1.0f);
  EXPECT_EQ(at("weekend_summer"), 0.0f);
  EXPECT_EQ(at("holiday_x_weekend"), 0.0f);
  EXPECT_EQ(at("last_minute_x_weekend"), 0.0f);
  EXPECT_EQ(at("tier_x_days_before"), 18.0f);
  EXPECT_FLOAT_EQ(at("occupancy_x_weekend"), 0.06f);
  EXPECT_EQ(at("rain_x_weekend"), 1.0f);
}

TEST(FeatureTable, CompetitorPoolFallsBackToTheGroup) {
  const Dataset d = tiny();
  const auto t = build_feature_table(d, every_day());
  // B (Lower) has no own listings: A's 80 and 100 plus the untied 40. C (Upper): only the 40.
  const auto b = find_row(t, d, 0, "B", ymd(2025, 11, 20));
  EXPECT_EQ(t.x(b, col("comp_count")), 3.0f);
  EXPECT_FLOAT_EQ(t.x(b, col("comp_p50")), 80.0f);
  const auto c = find_row(t, d, 0, "C", ymd(2025, 11, 20));
  EXPECT_EQ(t.x(c, col("comp_count")), 1.0f);
  EXPECT_FLOAT_EQ(t.x(c, col("comp_p50")), 40.0f);
  const auto early = find_row(t, d, 0, "C", ymd(2025, 11, 1));
  EXPECT_EQ(t.x(early, col("comp_count")), 0.0f);
  EXPECT_TRUE(std::isnan(t.x(early, col("comp_p50"))));
  EXPECT_TRUE(std::isnan(t.x(early, col("comp_position"))));
}

TEST(FeatureTable, HolidayGameAndMissingValues) {
  const Dataset d = tiny();
  const auto t = build_feature_table(d, every_day());
  const auto r = find_row(t, d, 1, "B", ymd(2026, 7, 2));
  EXPECT_EQ(t.x(r, col("game_is_holiday")), 1.0f);
  EXPECT_EQ(t.x(r, col("game_holiday_weekend")), 1.0f);
  EXPECT_EQ(t.x(r, col("holiday_x_weekend")), 1.0f);
  EXPECT_EQ(t.x(r, col("weekend_summer")), 1.0f);
  EXPECT_EQ(t.x(r, col("season_year")), 2026.0f);
  EXPECT_EQ(t.x(r, col("last_minute_x_weekend")), 1.0f);
  EXPECT_EQ(t.x(r, col("sale_is_holiday")), 0.0f);
  EXPECT_TRUE(std::isnan(t.x(r, col("opponent"))));           // no opponent given
  EXPECT_TRUE(std::isnan(t.x(r, col("weather_temperature"))));  // no weather given
  EXPECT_TRUE(std::isnan(t.x(r, col("rain_x_weekend"))));
  EXPECT_FLOAT_EQ(t.x(r, col("price")), 90.0f);  // carried from 06-01
  const auto observed = find_row(t, d, 1, "B", ymd(2026, 7, 3));
  EXPECT_EQ(t.x(observed, col("sale_is_holiday")), 1.0f);  // July 4th observed on Friday
}

TEST(FeatureTable, RowPolicy) {
  const Dataset d = tiny();
  // Every day: 366 days (the default furthest bucket, 365 days before, to game day) per pair.
  EXPECT_EQ(build_feature_table(d, every_day()).rows(), 6u * 366u);
  // Sale days only.
  FeatureOptions sales = every_day();
  sales.no_sale_fraction = 0.0;
  const auto t = build_feature_table(d, sales);
  EXPECT_EQ(t.rows(), 5u);  // G1/A: 3 days, G1/C: 1, G2/B: 1
  for (float y : t.y) EXPECT_GT(y, 0.0f);
  // A sample in between, the same on every run.
  FeatureOptions sample = every_day();
  sample.no_sale_fraction = 0.2;
  const auto s1 = build_feature_table(d, sample), s2 = build_feature_table(d, sample);
  EXPECT_GT(s1.rows(), 5u + 2191u * 15u / 100u);  // about a fifth of the 2191 no-sale days
  EXPECT_LT(s1.rows(), 5u + 2191u * 25u / 100u);
  EXPECT_EQ(s1.time, s2.time);
  // as_of: only days before it, and only games played by then (G2 is not).
  FeatureOptions cut = every_day();
  cut.as_of = ymd(2025, 11, 29);  // G1's game day: its rows up to the day before
  const auto c = build_feature_table(d, cut);
  for (double day : c.time) EXPECT_LT(day, ymd(2025, 11, 29).days());
  EXPECT_EQ(c.rows(), 3u * 365u);
  cut.as_of = ymd(2025, 11, 28);
  EXPECT_EQ(build_feature_table(d, cut).rows(), 0u);
  // include_game mask.
  FeatureOptions only_g2 = every_day();
  only_g2.include_game = {false, true};
  EXPECT_EQ(build_feature_table(d, only_g2).rows(), 3u * 366u);
}

TEST(FeatureTable, Targets) {
  const Dataset d = tiny();
  FeatureOptions o = every_day();
  o.target = FeatureTarget::conversion;
  auto t = build_feature_table(d, o);
  EXPECT_EQ(t.y[static_cast<std::size_t>(find_row(t, d, 0, "A", ymd(2025, 11, 10)))], 1.0f);
  EXPECT_EQ(t.y[static_cast<std::size_t>(find_row(t, d, 0, "A", ymd(2025, 11, 11)))], 0.0f);
  o.target = FeatureTarget::price;
  t = build_feature_table(d, o);
  const auto r = find_row(t, d, 0, "A", ymd(2025, 11, 10));
  EXPECT_FLOAT_EQ(t.y[static_cast<std::size_t>(r)], 71.0f);
  EXPECT_FLOAT_EQ(t.x(r, col("price")), 60.0f);  // the price in force, from the orders before the day
  EXPECT_TRUE(std::isnan(t.y[static_cast<std::size_t>(find_row(t, d, 0, "A", ymd(2025, 11, 11)))]));
}

// A row for day d reads nothing dated d or later; things dated before d move it. Whatever the
// target: the day's own orders (their count, quantity or price) are never a feature.
TEST(FeatureTable, NoLeakage) {
  const Dataset base = tiny();
  const Date day = ymd(2025, 11, 20);
  for (auto target : {FeatureTarget::demand, FeatureTarget::conversion, FeatureTarget::price}) {
    FeatureOptions o = every_day();
    o.target = target;
    const auto t0 = build_feature_table(base, o);
    const auto before = row_of(t0, find_row(t0, base, 0, "A", day));
    auto row_with = [&](Dataset d) {
      d.reindex();
      const auto t = build_feature_table(d, o);
      return row_of(t, find_row(t, d, 0, "A", day));
    };

    Dataset later = base;  // more on the day (same price), a sale after it, a listing on the day
    later.transactions[3].quantity = 9;
    later.transactions.push_back(order(0, 0, day + 3, 7, 120.0));
    later.transactions.push_back(order(0, 1, day, 2, 95.0));
    later.listings.push_back(listing(0, 0, day, 10.0));
    EXPECT_EQ(differing(before, row_with(later)), std::set<std::string>{}) << static_cast<int>(target);

    Dataset priced = base;  // the day's order at another price, or no order that day at all
    priced.transactions[3].price = 300.0;
    EXPECT_EQ(differing(before, row_with(priced)), std::set<std::string>{}) << static_cast<int>(target);
    Dataset unsold = base;
    unsold.transactions.erase(unsold.transactions.begin() + 3);
    EXPECT_EQ(differing(before, row_with(unsold)), std::set<std::string>{}) << static_cast<int>(target);

    Dataset earlier = base;  // a sale the day before
    earlier.transactions.push_back(order(0, 0, day - 1, 2, 90.0));
    // The price in force becomes 90 (71 the day before: the lags and averages end there).
    const std::set<std::string> expected = {"sold_before", "sell_through", "remaining_share", "orders_before",
                                            "price", "price_change_1d", "price_vs_comp_p50", "price_vs_comp_p50_pct",
                                            "comp_position", "sold_last_1d", "sold_last_7d", "sold_last_14d",
                                            "days_since_last_sale", "occupancy_x_weekend"};
    EXPECT_EQ(differing(before, row_with(earlier)), expected) << static_cast<int>(target);

    Dataset listed = base;  // a listing the day before
    listed.listings.push_back(listing(0, 0, day - 1, 200.0));
    EXPECT_EQ(differing(before, row_with(listed)),
              (std::set<std::string>{"comp_count", "comp_p10", "comp_p50", "comp_p90", "comp_range",
                                     "price_vs_comp_p50", "price_vs_comp_p50_pct"}));
  }
}

TEST(FeaturesForRow, EqualsTheBatchRow) {
  const Dataset d = tiny();
  FeatureOptions o = every_day();
  o.weather["G2"] = GameWeather{30.0, 0.0, 5.0, 10.0};
  o.extra_holidays = {ymd(2025, 11, 21)};
  for (GameIndex g = 0; g < d.games.size(); ++g) {
    o.include_game = {g == 0, g == 1};
    const auto t = build_feature_table(d, o);
    std::vector<float> single(feature_columns().size());
    for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
      const auto code = static_cast<CodeIndex>(t.x(r, col("price_code")));
      const Date day = Date::from_days(static_cast<std::int32_t>(t.time[static_cast<std::size_t>(r)]));
      features_for_row(d, o, t.columns, g, code, day, t.x(r, col("price")), single);
      ASSERT_EQ(differing(row_of(t, r), single), std::set<std::string>{}) << day.str() << " code " << code;
    }
  }
}

TEST(FeaturesForRow, ServesACandidatePriceWithATrainedModelsCategories) {
  const Dataset d = tiny();
  auto columns = feature_columns_for(d);
  columns[col("price_code")].categories = {"C", "A"};  // a model trained on another code order
  std::vector<float> row(feature_columns().size());
  features_for_row(d, FeatureOptions{}, columns, 0, 0, ymd(2025, 11, 25), 99.0, row);
  EXPECT_EQ(row[col("price_code")], 1.0f);
  EXPECT_EQ(row[col("price")], 99.0f);
  EXPECT_FLOAT_EQ(row[col("price_lag_1")], 65.0f);
  EXPECT_EQ(row[col("sold_before")], 11.0f);
  features_for_row(d, FeatureOptions{}, columns, 0, 1, ymd(2025, 11, 25), 99.0, row);
  EXPECT_TRUE(std::isnan(row[col("price_code")]));  // B unknown to that model
  EXPECT_THROW(features_for_row(d, FeatureOptions{}, columns, 0, 0, ymd(2025, 12, 1), 99.0, row),
               std::invalid_argument);
}

TEST(FeaturesForRow, SeveralPricesEqualOneRowEach) {
  const Dataset d = tiny();
  const auto columns = feature_columns_for(d);
  const std::vector<double> prices{50.0, 65.0, 99.0};
  FeatureMatrix rows;
  features_for_prices(d, FeatureOptions{}, columns, 0, 0, ymd(2025, 11, 25), prices, rows);
  ASSERT_EQ(rows.rows(), 3);
  std::vector<float> one(columns.size());
  for (std::size_t i = 0; i < prices.size(); ++i) {
    features_for_row(d, FeatureOptions{}, columns, 0, 0, ymd(2025, 11, 25), prices[i], one);
    for (std::size_t c = 0; c < one.size(); ++c) {
      const float a = rows(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c));
      if (std::isnan(one[c])) {
        EXPECT_TRUE(std::isnan(a)) << i << " " << c;
      } else {
        EXPECT_EQ(a, one[c]) << "price " << prices[i] << ", column " << columns[c].name;
      }
    }
  }
}

}  // namespace
}  // namespace seatsync
