#include "unit_root_tests.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "arima_model.hpp"
#include "arima_stl.hpp"

namespace seatsync::forecast_detail {
namespace {

bool is_constant(std::span<const double> x) {
  return std::all_of(x.begin(), x.end(), [&](double v) { return v == x.front(); });
}

double variance(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return ss / (n - 1);
}

}  // namespace

double kpss_statistic(std::span<const double> x, int lags) {
  const std::size_t n = x.size();
  if (n < 2) throw std::invalid_argument("the KPSS test needs at least two values");
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(n);
  std::vector<double> e(n);
  for (std::size_t t = 0; t < n; ++t) e[t] = x[t] - mean;
  double partial = 0, sum_partial_sq = 0;
  for (double v : e) {
    partial += v;
    sum_partial_sq += partial * partial;
  }
  double long_run = 0;
  for (double v : e) long_run += v * v;
  for (int s = 1; s <= lags && static_cast<std::size_t>(s) < n; ++s) {
    double cross = 0;
    for (std::size_t t = static_cast<std::size_t>(s); t < n; ++t) cross += e[t] * e[t - static_cast<std::size_t>(s)];
    long_run += 2 * (1 - s / (lags + 1.0)) * cross;
  }
  long_run /= static_cast<double>(n);
  return sum_partial_sq / (static_cast<double>(n) * static_cast<double>(n) * long_run);
}

int kpss_lags(std::size_t n) { return static_cast<int>(std::trunc(3 * std::sqrt(static_cast<double>(n)) / 13)); }

double kpss_critical_value(double alpha) {
  if (alpha == 0.10) return 0.347;
  if (alpha == 0.05) return 0.463;
  if (alpha == 0.025) return 0.574;
  if (alpha == 0.01) return 0.739;
  throw std::invalid_argument("the KPSS test's alpha must be 0.10, 0.05, 0.025 or 0.01");
}

int ordinary_differences(std::span<const double> x, double alpha, int max_d) {
  const double critical = kpss_critical_value(alpha);
  std::vector<double> current(x.begin(), x.end());
  int d = 0;
  while (d < max_d && current.size() > 2 && !is_constant(current) &&
         kpss_statistic(current, kpss_lags(current.size())) > critical) {
    current = difference(current, 1, 0, 1);
    ++d;
  }
  return d;
}

double seasonal_strength(std::span<const double> x, int m) {
  if (m <= 1 || x.size() < 2 * static_cast<std::size_t>(m)) return 0;
  // mstl's first seasonal window, 7 + 4·1.
  const StlDecomposition stl = stl_decompose(x, m, 11);
  std::vector<double> seasonal_plus_remainder(x.size());
  for (std::size_t t = 0; t < x.size(); ++t) seasonal_plus_remainder[t] = stl.seasonal[t] + stl.remainder[t];
  const double total = variance(seasonal_plus_remainder);
  if (!(total > 0)) return 0;
  return std::clamp(1 - variance(stl.remainder) / total, 0.0, 1.0);
}

int seasonal_differences(std::span<const double> x, int m) { return seasonal_strength(x, m) > 0.64 ? 1 : 0; }

}  // namespace seatsync::forecast_detail
