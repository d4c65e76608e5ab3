// Transaction binning (thesis 4.2.1) on hand-made points: exact bin means.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "seatsync/demand_curve.hpp"

namespace seatsync {
namespace {

void expect_point(const PricePoint& p, double price, double quantity, double weight) {
  EXPECT_DOUBLE_EQ(p.price, price);
  EXPECT_DOUBLE_EQ(p.quantity, quantity);
  EXPECT_DOUBLE_EQ(p.weight, weight);
}

TEST(CurveBinning, EqualWidthAveragesEachBin) {
  // Prices 1..10 over 3 bins of width 3: [1,4), [4,7), [7,10] (the top edge in the last bin).
  std::vector<PricePoint> pts;
  for (int p = 10; p >= 1; --p) pts.push_back({double(p), double(2 * p)});
  const auto bins = bin_equal_width(pts, 3);
  ASSERT_EQ(bins.size(), 3u);
  expect_point(bins[0], 2.0, 4.0, 3.0);
  expect_point(bins[1], 5.0, 10.0, 3.0);
  expect_point(bins[2], 8.5, 17.0, 4.0);
}

TEST(CurveBinning, EqualWidthSkipsEmptyBins) {
  const std::vector<PricePoint> pts{{0.0, 4.0}, {1.0, 2.0}, {9.0, 1.0}, {10.0, 0.0}};
  const auto bins = bin_equal_width(pts, 3);  // the middle third [3.33, 6.67) is empty
  ASSERT_EQ(bins.size(), 2u);
  expect_point(bins[0], 0.5, 3.0, 2.0);
  expect_point(bins[1], 9.5, 0.5, 2.0);
}

TEST(CurveBinning, EqualWidthWithOnePriceIsOneBin) {
  const std::vector<PricePoint> pts{{7.0, 1.0}, {7.0, 2.0}, {7.0, 6.0}};
  const auto bins = bin_equal_width(pts, 5);
  ASSERT_EQ(bins.size(), 1u);
  expect_point(bins[0], 7.0, 3.0, 3.0);
}

TEST(CurveBinning, EqualCountTakesRunsInPriceOrderAndKeepsTheLastPartialRun) {
  const std::vector<PricePoint> pts{{5, 1}, {1, 6}, {7, 2}, {3, 3}, {2, 4}, {6, 0}, {4, 5}};
  const auto bins = bin_equal_count(pts, 3);
  ASSERT_EQ(bins.size(), 3u);
  expect_point(bins[0], 2.0, 13.0 / 3.0, 3.0);  // prices 1, 2, 3
  expect_point(bins[1], 5.0, 2.0, 3.0);         // prices 4, 5, 6
  expect_point(bins[2], 7.0, 2.0, 1.0);         // price 7: the partial run
}

TEST(CurveBinning, MeansAreWeightedByTheInputWeights) {
  // Re-binning bins: a bin of 3 points counts three times as much as a bin of 1.
  const std::vector<PricePoint> pts{{1.0, 3.0, 3.0}, {2.0, 7.0, 1.0}};
  const auto bins = bin_equal_count(pts, 2);
  ASSERT_EQ(bins.size(), 1u);
  expect_point(bins[0], 1.25, 4.0, 4.0);
}

TEST(CurveBinning, DispatchAndBadArguments) {
  const std::vector<PricePoint> pts{{1, 1}, {2, 2}, {3, 3}};
  EXPECT_EQ(bin_points(pts, {Binning::none, 5, 200}).size(), 3u);
  EXPECT_EQ(bin_points(pts, {Binning::equal_width, 1, 200}).size(), 1u);
  EXPECT_EQ(bin_points(pts, {Binning::equal_count, 5, 2}).size(), 2u);
  EXPECT_TRUE(bin_equal_width({}, 3).empty());
  EXPECT_TRUE(bin_equal_count({}, 3).empty());
  EXPECT_THROW(bin_equal_width(pts, 0), std::invalid_argument);
  EXPECT_THROW(bin_equal_count(pts, -1), std::invalid_argument);
}

}  // namespace
}  // namespace seatsync
