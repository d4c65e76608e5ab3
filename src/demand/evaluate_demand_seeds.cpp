// evaluate-demand over a range of split seeds: the mean and spread of every row, so that a
// method is judged on many 80/20 splits rather than on one (issue 10).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "seatsync/demand_evaluation.hpp"

namespace seatsync {

Spread spread_of(const std::vector<double>& values) {
  Spread s;
  if (values.empty()) return s;
  const double n = static_cast<double>(values.size());
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double sq = 0;
  for (double v : values) sq += (v - s.mean) * (v - s.mean);
  s.std = values.size() > 1 ? std::sqrt(sq / (n - 1)) : 0.0;
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  s.min = *lo;
  s.max = *hi;
  return s;
}

DemandEvaluationSeeds evaluate_demand_seeds(const Dataset& data, const DemandEvaluationOptions& options,
                                            std::uint64_t first_seed, std::uint64_t last_seed) {
  if (first_seed > last_seed) throw std::invalid_argument("the seed range is empty (first seed after the last)");
  DemandEvaluationSeeds out;
  out.first_seed = first_seed;
  out.last_seed = last_seed;
  for (std::uint64_t seed = first_seed;; ++seed) {
    DemandEvaluationOptions o = options;
    o.seed = seed;
    out.runs.push_back(evaluate_demand(data, o));
    if (seed == last_seed) break;
  }
  out.as_of = out.runs.front().as_of;
  const auto& first = out.runs.front().rows;
  for (std::size_t i = 0; i < first.size(); ++i) {
    auto over_runs = [&](auto field) {
      std::vector<double> v;
      for (const auto& run : out.runs) v.push_back(static_cast<double>(field(run.rows[i].stats)));
      return spread_of(v);
    };
    EvaluationRowSpread r;
    r.method = first[i].method;
    r.individual = first[i].individual;
    r.baseline = first[i].baseline;
    r.cases = over_runs([](const PriceErrorStats& s) { return s.cases; });
    r.positive_share = over_runs([](const PriceErrorStats& s) { return s.positive_share; });
    r.mean_difference = over_runs([](const PriceErrorStats& s) { return s.mean_difference; });
    r.revenue_difference_sum = over_runs([](const PriceErrorStats& s) { return s.revenue_difference_sum; });
    r.mae = over_runs([](const PriceErrorStats& s) { return s.mae; });
    r.rmse = over_runs([](const PriceErrorStats& s) { return s.rmse; });
    r.mae_percent = over_runs([](const PriceErrorStats& s) { return s.mae_percent; });
    out.rows.push_back(r);
  }
  return out;
}

}  // namespace seatsync
