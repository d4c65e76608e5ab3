#include "ets_decomposition.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace seatsync::forecast_detail {

std::vector<double> classical_seasonal(std::span<const double> y, int m, bool multiplicative) {
  const std::size_t n = y.size();
  const auto period = static_cast<std::size_t>(m);
  if (m < 2 || n < 2 * period) {
    throw std::invalid_argument(fmt::format("a seasonal decomposition needs two full seasons ({} values)", 2 * m));
  }
  // The centred moving average: m terms for odd m, 2×m (m + 1 terms, halved ends) for even m.
  const std::size_t half = period / 2;
  const bool even = period % 2 == 0;
  std::vector<double> sum(m, 0.0);
  std::vector<int> count(m, 0);
  for (std::size_t t = half; t + half < n; ++t) {
    double trend = 0;
    for (std::size_t k = t - half; k <= t + half; ++k) {
      const bool end = even && (k == t - half || k == t + half);
      trend += end ? 0.5 * y[k] : y[k];
    }
    trend /= static_cast<double>(period);
    double detrended = y[t] - trend;
    if (multiplicative) {
      if (!(trend > 0)) throw std::invalid_argument("a multiplicative decomposition needs a positive trend");
      detrended = y[t] / trend;
    }
    sum[t % period] += detrended;
    ++count[t % period];
  }
  std::vector<double> figure(m);
  double mean = 0;
  for (std::size_t i = 0; i < period; ++i) {
    figure[i] = sum[i] / count[i];
    mean += figure[i] / static_cast<double>(period);
  }
  for (double& f : figure) f = multiplicative ? f / mean : f - mean;
  std::vector<double> seasonal(n);
  for (std::size_t t = 0; t < n; ++t) seasonal[t] = figure[t % period];
  return seasonal;
}

}  // namespace seatsync::forecast_detail
