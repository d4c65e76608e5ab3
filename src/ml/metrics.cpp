#include "seatsync/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace seatsync {

namespace {

void check_sizes(std::span<const float> y, std::span<const float> pred) {
  if (y.size() != pred.size()) throw std::invalid_argument("metrics: targets and predictions differ in length");
  if (y.empty()) throw std::invalid_argument("metrics: no rows");
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double mean_absolute_error(std::span<const float> y, std::span<const float> pred) {
  check_sizes(y, pred);
  double sum = 0;
  for (std::size_t i = 0; i < y.size(); ++i) sum += std::abs(double(y[i]) - pred[i]);
  return sum / double(y.size());
}

double root_mean_squared_error(std::span<const float> y, std::span<const float> pred) {
  check_sizes(y, pred);
  double sum = 0;
  for (std::size_t i = 0; i < y.size(); ++i) sum += (double(y[i]) - pred[i]) * (double(y[i]) - pred[i]);
  return std::sqrt(sum / double(y.size()));
}

double r_squared(std::span<const float> y, std::span<const float> pred) {
  check_sizes(y, pred);
  double mean = 0;
  for (float v : y) mean += v;
  mean /= double(y.size());
  double sse = 0, sst = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    sse += (double(y[i]) - pred[i]) * (double(y[i]) - pred[i]);
    sst += (double(y[i]) - mean) * (double(y[i]) - mean);
  }
  return sst > 0 ? 1.0 - sse / sst : 0.0;
}

double mean_absolute_percentage_error(std::span<const float> y, std::span<const float> pred) {
  check_sizes(y, pred);
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (y[i] == 0.0f) continue;
    sum += std::abs((double(y[i]) - pred[i]) / double(y[i]));
    ++n;
  }
  return n ? sum / double(n) : kNaN;
}

double roc_auc(std::span<const float> y, std::span<const float> prob) {
  check_sizes(y, prob);
  // Mann-Whitney: AUC = (sum of positive ranks − P(P+1)/2) / (P·N), tied scores share their
  // average rank, which counts a tied positive/negative pair as half a correct ordering.
  std::vector<std::size_t> order(y.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return prob[a] < prob[b]; });
  double positive_rank_sum = 0;
  std::size_t positives = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && prob[order[j]] == prob[order[i]]) ++j;
    const double average_rank = (double(i + 1) + double(j)) / 2.0;  // ranks i+1 … j
    for (std::size_t k = i; k < j; ++k)
      if (y[order[k]] > 0.5f) {
        positive_rank_sum += average_rank;
        ++positives;
      }
    i = j;
  }
  const std::size_t negatives = y.size() - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  return (positive_rank_sum - double(positives) * double(positives + 1) / 2.0) / (double(positives) * negatives);
}

double log_loss(std::span<const float> y, std::span<const float> prob) {
  check_sizes(y, prob);
  constexpr double eps = 1e-15;  // a confident wrong answer costs ~34.5, not infinity
  double sum = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double p = std::clamp(double(prob[i]), eps, 1.0 - eps);
    sum -= y[i] > 0.5f ? std::log(p) : std::log(1.0 - p);
  }
  return sum / double(y.size());
}

RegressionMetrics regression_metrics(std::span<const float> y, std::span<const float> pred) {
  RegressionMetrics m;
  m.mae = mean_absolute_error(y, pred);
  m.rmse = root_mean_squared_error(y, pred);
  m.r2 = r_squared(y, pred);
  m.mape = mean_absolute_percentage_error(y, pred);
  m.mape_rows = static_cast<std::size_t>(std::count_if(y.begin(), y.end(), [](float v) { return v != 0.0f; }));
  return m;
}

BinaryMetrics binary_metrics(std::span<const float> y, std::span<const float> prob) {
  BinaryMetrics m;
  m.auc = roc_auc(y, prob);
  m.logloss = log_loss(y, prob);
  std::size_t tp = 0, fp = 0, tn = 0, fn = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const bool actual = y[i] > 0.5f, predicted = prob[i] >= 0.5f;
    tp += actual && predicted;
    fp += !actual && predicted;
    tn += !actual && !predicted;
    fn += actual && !predicted;
  }
  m.accuracy = double(tp + tn) / double(y.size());
  // No predicted (or actual) positives: precision (recall) is taken as 0, as scikit-learn does.
  m.precision = tp + fp ? double(tp) / double(tp + fp) : 0.0;
  m.recall = tp + fn ? double(tp) / double(tp + fn) : 0.0;
  m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
  return m;
}

}  // namespace seatsync
