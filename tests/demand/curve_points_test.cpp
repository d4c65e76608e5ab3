// Price-quantity points of a slice on a hand-made dataset: per order, per game, the thesis's
// interpolated zero-quantity days, as_of and the game mask.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "seatsync/demand_curve.hpp"

namespace seatsync {
namespace {

const Date kG1 = Date::from_ymd(2026, 1, 20);
const Date kG2 = Date::from_ymd(2026, 2, 10);
const Date kG3 = Date::from_ymd(2026, 3, 1);

void sell(Dataset& d, GameIndex g, CodeIndex c, int days_before, int quantity, double price) {
  Transaction t;
  t.game = g;
  t.code = c;
  t.sold_date = d.games[g].date - days_before;
  t.sold_at = t.sold_date.str();
  t.quantity = quantity;
  t.price = price;
  d.transactions.push_back(t);
}

// Bucket 5 of the defaults is 4-7 days before the game.
constexpr std::size_t kBucket = 5;

Dataset hand_made() {
  Dataset d;
  d.games = {{"G1", kG1, 1, ""}, {"G2", kG2, 2, ""}, {"G3", kG3, 1, ""}};
  d.codes = {{"A", "X", 100, 10.0}, {"B", "X", 100, 10.0}, {"C", "Y", 100, 10.0}};
  d.reindex();
  sell(d, 0, 0, 10, 1, 90.0);   // G1, bucket 8-14
  sell(d, 0, 0, 7, 2, 100.0);   // G1, bucket 4-7 ...
  sell(d, 0, 1, 4, 1, 130.0);
  sell(d, 0, 0, 4, 3, 110.0);   // ... day 4's mean order price: (130 + 110) / 2 = 120
  sell(d, 0, 2, 6, 5, 40.0);    // G1, group Y
  sell(d, 1, 0, 5, 4, 50.0);    // G2 (tier 2)
  sell(d, 2, 1, 10, 2, 80.0);   // G3: nothing in bucket 4-7, sales either side
  sell(d, 2, 1, 2, 1, 60.0);
  return d;
}

bool same(const PricePoint& a, const PricePoint& b) {
  return std::abs(a.price - b.price) < 1e-9 && a.quantity == b.quantity;
}

void expect_points(std::vector<PricePoint> got, std::vector<PricePoint> want) {
  auto order = [](const PricePoint& a, const PricePoint& b) {
    return a.price != b.price ? a.price < b.price : a.quantity < b.quantity;
  };
  std::sort(got.begin(), got.end(), order);
  std::sort(want.begin(), want.end(), order);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_TRUE(same(got[i], want[i])) << i << ": (" << got[i].price << ", " << got[i].quantity << ") vs ("
                                       << want[i].price << ", " << want[i].quantity << ")";
}

TEST(CurvePoints, OnePointPerOrderOfTheSlice) {
  const Dataset d = hand_made();
  expect_points(order_points(d, {1, "X", std::nullopt, kBucket}), {{100, 2}, {130, 1}, {110, 3}});
  expect_points(order_points(d, {0, "X", std::nullopt, kBucket}), {{100, 2}, {130, 1}, {110, 3}, {50, 4}});
  expect_points(order_points(d, {2, "X", std::nullopt, kBucket}), {{50, 4}});
  expect_points(order_points(d, {1, "", CodeIndex{2}, kBucket}), {{40, 5}});  // one code
  expect_points(order_points(d, {1, "X", std::nullopt, 4}), {{90, 1}, {80, 2}});  // bucket 8-14
}

TEST(CurvePoints, ZeroDaysAreInterpolatedBetweenTheSurroundingOrders) {
  const Dataset d = hand_made();
  PointOptions opt;
  opt.zero_days = true;
  // G1: days 6 and 5 lie between day 7 ($100) and day 4 ($120). G3: days 7..4 lie between
  // day 10 ($80) and day 2 ($60): $80 − $2.50 per day.
  expect_points(order_points(d, {1, "X", std::nullopt, kBucket}, opt),
                {{100, 2}, {130, 1}, {110, 3}, {320.0 / 3, 0}, {340.0 / 3, 0}, {72.5, 0}, {70, 0}, {67.5, 0}, {65, 0}});
  // G2 has one sale only: no day has orders on both sides.
  expect_points(order_points(d, {2, "X", std::nullopt, kBucket}, opt), {{50, 4}});
}

TEST(CurvePoints, AsOfAndGameMaskRestrictTheSales) {
  const Dataset d = hand_made();
  PointOptions opt;
  opt.as_of = kG1 - 5;  // G1's day 5 onwards is the future
  opt.zero_days = true;
  // Day 6 has no later order before as_of to interpolate towards: no zero point.
  expect_points(order_points(d, {1, "X", std::nullopt, kBucket}, opt), {{100, 2}});
  PointOptions mask;
  mask.include_game = {false, true, true};
  expect_points(order_points(d, {0, "X", std::nullopt, kBucket}, mask), {{50, 4}});
}

TEST(CurvePoints, PerGamePointsAreTicketsAndAverageOrderPriceInTheBucket) {
  const Dataset d = hand_made();
  // G1: 6 tickets in orders at $100, $130, $110: the Demand Matrix's unweighted mean, not
  // revenue / tickets ($110). G2: 4 tickets at $50. G3 sold nothing in the bucket.
  const double g1 = (100.0 + 130.0 + 110.0) / 3;
  expect_points(game_points(d, {0, "X", std::nullopt, kBucket}), {{g1, 6}, {50, 4}});
  PointOptions opt;
  opt.zero_days = true;  // G3 gets its mean interpolated price over days 7..4
  expect_points(game_points(d, {1, "X", std::nullopt, kBucket}, opt), {{g1, 6}, {68.75, 0}});
  expect_points(curve_points(d, {1, "X", std::nullopt, kBucket}, PointKind::per_game), {{g1, 6}});
}

TEST(CurvePoints, PerGamePointsNeedTheBucketToBeOver) {
  const Dataset d = hand_made();
  PointOptions opt;
  opt.as_of = kG1 - 5;  // G1's bucket 4-7 is still running
  expect_points(game_points(d, {1, "X", std::nullopt, kBucket}, opt), {});
  opt.as_of = kG1 - 3;  // now it is over
  expect_points(game_points(d, {1, "X", std::nullopt, kBucket}, opt), {{340.0 / 3, 6}});
}

TEST(CurvePoints, UnknownBucketThrows) {
  const Dataset d = hand_made();
  EXPECT_THROW(order_points(d, {1, "X", std::nullopt, 99}), std::out_of_range);
  EXPECT_THROW(game_points(d, {1, "X", std::nullopt, 99}), std::out_of_range);
}

}  // namespace
}  // namespace seatsync
