#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <numeric>

#include "bucket_sales.hpp"
#include "seatsync/demand_evaluation.hpp"
#include "seatsync/demand_model.hpp"

namespace seatsync {

PriceErrorStats price_error_stats(const std::vector<double>& predicted, const std::vector<double>& actual,
                                  const std::vector<int>& quantities) {
  PriceErrorStats s;
  s.cases = predicted.size();
  if (s.cases == 0) return s;
  std::vector<double> diff(s.cases);
  double sq = 0, abs = 0, positive = 0, relative = 0;
  for (std::size_t i = 0; i < s.cases; ++i) {
    diff[i] = predicted[i] - actual[i];
    positive += diff[i] > 0 ? 1 : 0;
    abs += std::abs(diff[i]);
    relative += std::abs(diff[i]) / actual[i];  // order prices are > 0
    sq += diff[i] * diff[i];
    s.revenue_difference_sum += quantities[i] * diff[i];
  }
  const double n = static_cast<double>(s.cases);
  s.positive_share = positive / n;
  s.mean_difference = std::accumulate(diff.begin(), diff.end(), 0.0) / n;
  s.mae = abs / n;
  s.mae_percent = 100.0 * relative / n;
  s.rmse = std::sqrt(sq / n);
  std::sort(diff.begin(), diff.end());
  s.median_difference = s.cases % 2 ? diff[s.cases / 2] : 0.5 * (diff[s.cases / 2 - 1] + diff[s.cases / 2]);
  return s;
}

std::string method_label(const EvaluationRow& row) {
  return row.baseline ? "baseline" : std::string(to_string(row.method));
}

namespace {

std::size_t fallback_matrices(const MatrixDemandModel& model) {
  return static_cast<std::size_t>(
      std::count_if(model.matrices().begin(), model.matrices().end(), [](const auto& m) { return !m.notes.empty(); }));
}

// Every test (game, key, bucket) with sales, scored against the model's completed matrices.
EvaluationRow score(const Dataset& data, const MatrixDemandModel& model, const BucketSalesTable& test_sales,
                    const GameSplit& split, CompletionMethod method) {
  std::vector<double> predicted, actual;
  std::vector<int> quantity;
  for (std::size_t g = 0; g < test_sales.n_games; ++g) {
    if (!split.test[g]) continue;
    for (std::size_t k = 0; k < test_sales.n_keys; ++k) {
      const auto& matrix = model.group_matrix(data.games[g].tier, test_sales.key_names[k]);
      for (std::size_t b = 0; b < test_sales.n_buckets; ++b) {
        const BucketSales& s = test_sales.at(g, k, b);
        if (s.tickets == 0) continue;
        predicted.push_back(matrix.at(b, s.tickets));
        actual.push_back(s.average_order_price());
        quantity.push_back(s.tickets);
      }
    }
  }
  return {method, model.individual(), price_error_stats(predicted, actual, quantity), fallback_matrices(model)};
}

// The naive baseline: what a price looks like without any demand model — the training games'
// average order price of the test case's (tier, key, bucket), whatever quantity it sold.
EvaluationRow score_baseline(const Dataset& data, const BucketSalesTable& train_sales,
                             const BucketSalesTable& test_sales, const GameSplit& split, bool individual) {
  struct Sum {
    double price_sum = 0;
    int orders = 0;
    void add(const BucketSales& s) { price_sum += s.order_price_sum, orders += s.orders; }
  };
  std::map<std::tuple<int, std::size_t, std::size_t>, Sum> cell;  // (tier, key, bucket)
  std::map<std::pair<std::size_t, std::size_t>, Sum> pooled;      // (key, bucket), every tier
  std::map<std::size_t, Sum> key_only;
  for (std::size_t g = 0; g < train_sales.n_games; ++g) {
    if (!split.train[g]) continue;
    for (std::size_t k = 0; k < train_sales.n_keys; ++k)
      for (std::size_t b = 0; b < train_sales.n_buckets; ++b) {
        const BucketSales& s = train_sales.at(g, k, b);
        if (s.orders == 0) continue;
        cell[{data.games[g].tier, k, b}].add(s);
        pooled[{k, b}].add(s);
        key_only[k].add(s);
      }
  }
  std::vector<double> predicted, actual;
  std::vector<int> quantity;
  for (std::size_t g = 0; g < test_sales.n_games; ++g) {
    if (!split.test[g]) continue;
    for (std::size_t k = 0; k < test_sales.n_keys; ++k)
      for (std::size_t b = 0; b < test_sales.n_buckets; ++b) {
        const BucketSales& s = test_sales.at(g, k, b);
        if (s.tickets == 0) continue;
        const Sum* mean = nullptr;
        if (auto it = cell.find({data.games[g].tier, k, b}); it != cell.end()) mean = &it->second;
        else if (auto p = pooled.find({k, b}); p != pooled.end()) mean = &p->second;
        else if (auto o = key_only.find(k); o != key_only.end()) mean = &o->second;
        if (!mean) continue;  // a key never sold in training: no baseline, the case is left out
        predicted.push_back(mean->price_sum / mean->orders);
        actual.push_back(s.average_order_price());
        quantity.push_back(s.tickets);
      }
  }
  EvaluationRow row{CompletionMethod::monotone, individual, price_error_stats(predicted, actual, quantity), 0};
  row.baseline = true;
  return row;
}

}  // namespace

DemandEvaluation evaluate_demand(const Dataset& data, const DemandEvaluationOptions& options) {
  DemandEvaluation out;
  out.seed = options.seed;
  out.as_of = options.as_of ? *options.as_of : day_after_last_sale(data);
  const GameSplit split = split_games(data, options.test_share, options.seed, out.as_of);
  out.train_games = split.train_games;
  out.test_games = split.test_games;

  for (bool individual : {false, true}) {
    const auto test_sales =
        tabulate_bucket_sales(data, individual ? SalesKey::code : SalesKey::group, out.as_of, split.test);
    for (CompletionMethod method : options.methods) {
      DemandModelOptions mo;
      mo.method = method;
      mo.completion = options.completion;
      mo.individual = individual;
      mo.build.as_of = out.as_of;
      mo.build.include_game = split.train;
      // Test games may sell more than any training game did: the axis runs to capacity.
      mo.build.axis = QuantityAxis::capacity;
      out.rows.push_back(score(data, MatrixDemandModel::fit(data, mo), test_sales, split, method));
    }
    const auto train_sales =
        tabulate_bucket_sales(data, individual ? SalesKey::code : SalesKey::group, out.as_of, split.train);
    out.rows.push_back(score_baseline(data, train_sales, test_sales, split, individual));
  }
  return out;
}

}  // namespace seatsync
