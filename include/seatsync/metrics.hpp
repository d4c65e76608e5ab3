#pragma once
// Held-out metrics for the learned models, written to be checked by hand.
#include <cstddef>
#include <span>

namespace seatsync {

double mean_absolute_error(std::span<const float> y, std::span<const float> pred);
double root_mean_squared_error(std::span<const float> y, std::span<const float> pred);
// 1 − SSE/SST; 0 when every target is the same (nothing to explain).
double r_squared(std::span<const float> y, std::span<const float> pred);
// Mean of |y − ŷ| / |y| over rows with y ≠ 0 (zero targets are skipped: their ratio is
// undefined); NaN when every target is zero.
double mean_absolute_percentage_error(std::span<const float> y, std::span<const float> pred);

// Area under the ROC curve from ranks (Mann-Whitney U), ties counted as half; NaN when
// only one class is present.
double roc_auc(std::span<const float> y, std::span<const float> prob);
// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15].
double log_loss(std::span<const float> y, std::span<const float> prob);

struct RegressionMetrics {
  double mae = 0, rmse = 0, r2 = 0, mape = 0;
  std::size_t mape_rows = 0;  // rows with a non-zero target, the ones MAPE averages over
};
RegressionMetrics regression_metrics(std::span<const float> y, std::span<const float> pred);

struct BinaryMetrics {
  double auc = 0, logloss = 0;
  double accuracy = 0, precision = 0, recall = 0, f1 = 0;  // predicted positive when p ≥ 0.5
};
BinaryMetrics binary_metrics(std::span<const float> y, std::span<const float> prob);

}  // namespace seatsync
