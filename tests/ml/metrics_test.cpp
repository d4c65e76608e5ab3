// Metrics against values worked out by hand.
#include "seatsync/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace seatsync;

TEST(Metrics, RegressionByHand) {
  const std::vector<float> y{1, 2, 3, 4};
  const std::vector<float> p{2, 2, 2, 4};
  // errors 1, 0, −1, 0: MAE 2/4, MSE 2/4; mean y 2.5, SST 2.25+0.25+0.25+2.25 = 5, R² = 1 − 2/5.
  EXPECT_DOUBLE_EQ(mean_absolute_error(y, p), 0.5);
  EXPECT_DOUBLE_EQ(root_mean_squared_error(y, p), std::sqrt(0.5));
  EXPECT_DOUBLE_EQ(r_squared(y, p), 0.6);
  // |1/1| + 0 + |1/3| + 0 over 4 rows.
  EXPECT_NEAR(mean_absolute_percentage_error(y, p), (1.0 + 1.0 / 3.0) / 4.0, 1e-12);
}

TEST(Metrics, MapeSkipsZeroTargets) {
  const std::vector<float> y{0, 2, 0};
  const std::vector<float> p{5, 1, 7};
  EXPECT_DOUBLE_EQ(mean_absolute_percentage_error(y, p), 0.5);
  auto m = regression_metrics(y, p);
  EXPECT_EQ(m.mape_rows, 1u);
  EXPECT_TRUE(std::isnan(mean_absolute_percentage_error(std::vector<float>{0}, std::vector<float>{1})));
}

TEST(Metrics, AucCountsTiesAsHalf) {
  // Positives scored 0.8 and 0.4, negatives 0.4 and 0.1. Pairs (pos, neg): (0.8,0.4) 1,
  // (0.8,0.1) 1, (0.4,0.4) ½, (0.4,0.1) 1 → 3.5 / 4.
  const std::vector<float> y{1, 1, 0, 0};
  const std::vector<float> p{0.8f, 0.4f, 0.4f, 0.1f};
  EXPECT_DOUBLE_EQ(roc_auc(y, p), 0.875);
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<float>{0, 1}, std::vector<float>{0.9f, 0.1f}), 0.0);
  EXPECT_TRUE(std::isnan(roc_auc(std::vector<float>{1, 1}, std::vector<float>{0.2f, 0.3f})));
}

TEST(Metrics, LogLossIsClipped) {
  EXPECT_NEAR(log_loss(std::vector<float>{1, 0}, std::vector<float>{0.5f, 0.5f}), std::log(2.0), 1e-12);
  // A certain and wrong prediction costs −ln(1e−15) ≈ 34.54, not infinity.
  EXPECT_NEAR(log_loss(std::vector<float>{1}, std::vector<float>{0.0f}), -std::log(1e-15), 1e-9);
}

TEST(Metrics, ClassificationAtHalf) {
  const std::vector<float> y{1, 1, 1, 0, 0};
  const std::vector<float> p{0.9f, 0.6f, 0.2f, 0.7f, 0.1f};
  // predicted positive: rows 0, 1, 3 → tp 2, fp 1, fn 1, tn 1.
  auto m = binary_metrics(y, p);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.6);
  EXPECT_DOUBLE_EQ(m.precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(m.recall, 2.0 / 3.0);
  EXPECT_NEAR(m.f1, 2.0 / 3.0, 1e-12);
}

TEST(Metrics, MismatchedLengthsAreRejected) {
  EXPECT_THROW(mean_absolute_error(std::vector<float>{1}, std::vector<float>{1, 2}), std::invalid_argument);
}
