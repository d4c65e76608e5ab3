// Per-arm moments: n, mean and sample standard deviation; and the moments a ratio metric needs.
#include <cmath>
#include <stdexcept>

#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

// Two passes (mean, then squared deviations): one-pass sums of squares lose digits when the
// mean is large against the spread, as prices are.
SampleSummary summarize(std::span<const double> values) {
  SampleSummary s;
  s.n = values.size();
  if (s.n == 0) return s;
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n < 2) return s;
  double squares = 0.0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(squares / static_cast<double>(s.n - 1));
  return s;
}

RatioSummary summarize_ratio(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size())
    throw std::invalid_argument("ratio metric: " + std::to_string(x.size()) + " denominators but " +
                                std::to_string(y.size()) + " numerators");
  RatioSummary s;
  s.n = x.size();
  if (s.n == 0) return s;
  const double n = static_cast<double>(s.n);
  for (std::size_t i = 0; i < s.n; ++i) {
    s.mean_x += x[i];
    s.mean_y += y[i];
  }
  s.mean_x /= n;
  s.mean_y /= n;
  if (s.n < 2) return s;
  for (std::size_t i = 0; i < s.n; ++i) {
    const double dx = x[i] - s.mean_x, dy = y[i] - s.mean_y;
    s.var_x += dx * dx;
    s.var_y += dy * dy;
    s.cov_xy += dx * dy;
  }
  s.var_x /= n - 1.0;
  s.var_y /= n - 1.0;
  s.cov_xy /= n - 1.0;
  return s;
}

}  // namespace seatsync::ab
