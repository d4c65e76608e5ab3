#include "arima_stl.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace seatsync::forecast_detail {
namespace {

int next_odd(double value) {
  const int rounded = static_cast<int>(std::lround(value));
  return rounded % 2 == 0 ? rounded + 1 : rounded;
}

// The loess estimate at position `at` (1-based, may lie outside 1…n) from y[left…right]
// (1-based, inclusive) with tricube weights over the window `span`, locally constant
// (degree 0) or linear (degree 1). nullopt when every weight is zero.
std::optional<double> loess_at(std::span<const double> y, int span, int degree, double at, int left, int right) {
  const int n = static_cast<int>(y.size());
  double h = std::max(at - left, right - at);
  if (span > n) h += (span - n) / 2;  // a window wider than the series: widen the bandwidth
  std::vector<double> w(static_cast<std::size_t>(right - left + 1), 0.0);
  double total = 0;
  for (int j = left; j <= right; ++j) {
    const double r = std::abs(j - at);
    double weight = 0;
    if (r <= 0.999 * h) weight = r <= 0.001 * h ? 1.0 : std::pow(1 - std::pow(r / h, 3), 3);
    w[static_cast<std::size_t>(j - left)] = weight;
    total += weight;
  }
  if (total <= 0) return std::nullopt;
  for (double& weight : w) weight /= total;
  if (degree > 0 && h > 0) {
    double centre = 0;
    for (int j = left; j <= right; ++j) centre += w[static_cast<std::size_t>(j - left)] * j;
    double spread = 0;
    for (int j = left; j <= right; ++j) spread += w[static_cast<std::size_t>(j - left)] * (j - centre) * (j - centre);
    if (std::sqrt(spread) > 0.001 * (n - 1)) {
      const double slope = (at - centre) / spread;
      for (int j = left; j <= right; ++j) w[static_cast<std::size_t>(j - left)] *= slope * (j - centre) + 1;
    }
  }
  double estimate = 0;
  for (int j = left; j <= right; ++j) estimate += w[static_cast<std::size_t>(j - left)] * y[static_cast<std::size_t>(j - 1)];
  return estimate;
}

// Loess at every position 1…n, the window sliding along but kept inside the series.
std::vector<double> loess_smooth(std::span<const double> y, int span, int degree) {
  const int n = static_cast<int>(y.size());
  std::vector<double> out(y.size());
  int left = 1, right = std::min(span, n);
  const int half = (span + 1) / 2;
  for (int i = 1; i <= n; ++i) {
    if (span < n && i > half && right != n) {
      ++left;
      ++right;
    }
    out[static_cast<std::size_t>(i - 1)] = loess_at(y, span, degree, i, left, right).value_or(y[static_cast<std::size_t>(i - 1)]);
  }
  return out;
}

std::vector<double> moving_average(const std::vector<double>& x, int length) {
  std::vector<double> out;
  for (std::size_t i = 0; i + static_cast<std::size_t>(length) <= x.size(); ++i) {
    double sum = 0;
    for (int k = 0; k < length; ++k) sum += x[i + static_cast<std::size_t>(k)];
    out.push_back(sum / length);
  }
  return out;
}

}  // namespace

StlDecomposition stl_decompose(std::span<const double> x, int m, int seasonal_window) {
  const int n = static_cast<int>(x.size());
  if (m < 2 || n < 2 * m) throw std::invalid_argument("STL needs a season length ≥ 2 and two full seasons");
  const int ns = std::max(3, seasonal_window % 2 == 0 ? seasonal_window + 1 : seasonal_window);
  const int nt = next_odd(std::ceil(1.5 * m / (1 - 1.5 / ns)));
  const int nl = next_odd(m);

  StlDecomposition out{std::vector<double>(x.size(), 0.0), std::vector<double>(x.size(), 0.0), {}};
  for (int pass = 0; pass < 2; ++pass) {
    // Cycle-subseries: each position in the season smoothed across seasons, extended by one
    // season at either end, into c (index i + m for series position i).
    std::vector<double> c(x.size() + 2 * static_cast<std::size_t>(m), 0.0);
    for (int j = 0; j < m; ++j) {
      std::vector<double> sub;
      for (int t = j; t < n; t += m) sub.push_back(x[static_cast<std::size_t>(t)] - out.trend[static_cast<std::size_t>(t)]);
      const int k = static_cast<int>(sub.size());
      const std::vector<double> smooth = loess_smooth(sub, ns, 0);
      const double before = loess_at(sub, ns, 0, 0, 1, std::min(ns, k)).value_or(smooth.front());
      const double after = loess_at(sub, ns, 0, k + 1, std::max(1, k - ns + 1), k).value_or(smooth.back());
      c[static_cast<std::size_t>(j)] = before;
      for (int s = 0; s < k; ++s) c[static_cast<std::size_t>((s + 1) * m + j)] = smooth[static_cast<std::size_t>(s)];
      c[static_cast<std::size_t>((k + 1) * m + j)] = after;
    }
    // Low-pass filter of c (moving averages m, m, 3, then loess): what of c is trend, not season.
    const std::vector<double> low =
        loess_smooth(moving_average(moving_average(moving_average(c, m), m), 3), nl, 1);
    std::vector<double> deseasonalised(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      out.seasonal[i] = c[i + static_cast<std::size_t>(m)] - low[i];
      deseasonalised[i] = x[i] - out.seasonal[i];
    }
    out.trend = loess_smooth(deseasonalised, nt, 1);
  }
  out.remainder.resize(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) out.remainder[i] = x[i] - out.seasonal[i] - out.trend[i];
  return out;
}

}  // namespace seatsync::forecast_detail
