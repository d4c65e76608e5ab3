// Algorithm 2 on a dataset small enough to compute by hand (tests/testdata/matrix):
// buckets far (8-365), near (1-7), day (0); groups Lower (X, Y) and Upper (Z).
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/demand_matrix.hpp"
#include "seatsync/demand_model.hpp"
#include "seatsync/season_io.hpp"

using namespace seatsync;

namespace {
Dataset matrix_data() { return load_season_dir(std::filesystem::path(SEATSYNC_TEST_DATA) / "matrix"); }
constexpr int kFar = 0, kNear = 1, kDay = 2;
}  // namespace

TEST(DemandMatrix, AveragesEachGamesUnweightedOrderPriceIntoTheCellOfItsQuantity) {
  auto ms = build_group_matrices(matrix_data());
  ASSERT_EQ(ms.size(), 4u);  // tiers 1, 2 × groups Lower, Upper
  const auto& t1_lower = ms[0];
  EXPECT_EQ(t1_lower.tier, 1);
  EXPECT_EQ(t1_lower.group, "Lower");
  EXPECT_EQ(t1_lower.bucket_names, (std::vector<std::string>{"far", "near", "day"}));
  EXPECT_EQ(t1_lower.max_quantity(), 3);
  // far, 3 tickets: A1 sold X 2@100 + Y 1@70 (mean order price 85), A2 X 2@90 + Y 1@60 (75).
  EXPECT_DOUBLE_EQ(t1_lower.price(kFar, 2), 80.0);
  EXPECT_EQ(t1_lower.games(kFar, 2), 2);
  EXPECT_EQ(t1_lower.orders(kFar, 2), 4);
  // far, 1 ticket: A3 X 1@110.
  EXPECT_DOUBLE_EQ(t1_lower.price(kFar, 0), 110.0);
  EXPECT_TRUE(std::isnan(t1_lower.price(kFar, 1)));
  EXPECT_EQ(t1_lower.games(kFar, 1), 0);
  // near: A1 3@120, A3 2@140.
  EXPECT_DOUBLE_EQ(t1_lower.price(kNear, 2), 120.0);
  EXPECT_DOUBLE_EQ(t1_lower.price(kNear, 1), 140.0);
  EXPECT_EQ(t1_lower.observed_cells(), 4u);
  EXPECT_TRUE(t1_lower.observed(kNear, 2));

  const auto& t1_upper = ms[1];  // A2 sold Z 4@30 on game day
  EXPECT_EQ(t1_upper.max_quantity(), 4);
  EXPECT_DOUBLE_EQ(t1_upper.price(kDay, 3), 30.0);
  const auto& t2_lower = ms[2];  // B1 sold Y 2@80 the day before
  EXPECT_DOUBLE_EQ(t2_lower.price(kNear, 1), 80.0);
  EXPECT_EQ(ms[3].observed_cells(), 0u);
}

TEST(DemandMatrix, AsOfDropsLaterSalesAndBucketsNotYetClosed) {
  MatrixBuildOptions o;
  o.as_of = Date::parse("2025-11-06");
  auto ms = build_group_matrices(matrix_data(), o);
  const auto& t1_lower = ms[0];
  // A3's near bucket (11-02 … 11-08) is still open on 11-06: its 11-08 sale is not there yet,
  // and the bucket must not count as "sold 0".
  EXPECT_EQ(t1_lower.games(kNear, 1), 0);
  EXPECT_DOUBLE_EQ(t1_lower.price(kFar, 0), 110.0);  // A3's far bucket closed on 11-01
  EXPECT_DOUBLE_EQ(ms[1].price(kDay, 3), 30.0);      // A2's game day, 11-05, is closed
  EXPECT_EQ(ms[2].observed_cells(), 0u);             // B1's sale is after as_of
}

TEST(DemandMatrix, GameMaskCapacityAxisAndPooledTiers) {
  const Dataset data = matrix_data();
  MatrixBuildOptions o;
  o.include_game = {false, true, true, true};  // without A1
  o.axis = QuantityAxis::capacity;
  auto ms = build_group_matrices(data, o);
  EXPECT_EQ(ms[0].max_quantity(), 20);  // Lower: X + Y capacities
  EXPECT_DOUBLE_EQ(ms[0].price(kFar, 2), 75.0);
  EXPECT_EQ(ms[0].games(kFar, 2), 1);

  auto pooled = build_pooled_group_matrices(data);
  ASSERT_EQ(pooled.size(), 2u);
  EXPECT_EQ(pooled[0].tier, 0);
  // near, 2 tickets: A3 (tier 1) 140 and B1 (tier 2) 80.
  EXPECT_DOUBLE_EQ(pooled[0].price(kNear, 1), 110.0);
  EXPECT_EQ(pooled[0].games(kNear, 1), 2);
}

TEST(DemandMatrix, IndividualCodeMatrices) {
  auto ms = build_code_matrices(matrix_data());
  ASSERT_EQ(ms.size(), 6u);  // tiers 1, 2 × codes X, Y, Z
  const auto& t1_x = ms[0];
  EXPECT_EQ(t1_x.code, "X");
  EXPECT_EQ(t1_x.group, "Lower");
  // far: A1 X 2@100, A2 X 2@90 -> q=2 at 95; A3 X 1@110 -> q=1.
  EXPECT_DOUBLE_EQ(t1_x.price(kFar, 1), 95.0);
  EXPECT_DOUBLE_EQ(t1_x.price(kFar, 0), 110.0);
  const auto& t1_y = ms[1];
  EXPECT_DOUBLE_EQ(t1_y.price(kFar, 0), 65.0);  // A1 70, A2 60
}

TEST(PriceCodeAdjustmentMap, CodeAverageOverGroupAverage) {
  auto m = code_multipliers(matrix_data());
  // Lower's 8 orders average 770 / 8 = 96.25; X's 5 average 112; Y's 3 average 70.
  EXPECT_DOUBLE_EQ(m[0], 112.0 / 96.25);
  EXPECT_DOUBLE_EQ(m[1], 70.0 / 96.25);
  EXPECT_DOUBLE_EQ(m[2], 1.0);
}
