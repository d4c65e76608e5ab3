#include <cmath>
#include <stdexcept>

#include "seatsync/arrival_demand.hpp"

namespace seatsync {

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("normal_quantile: p must be in (0, 1)");
  double lo = -40, hi = 40;
  for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
    const double mid = 0.5 * (lo + hi);
    (normal_cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double normal_hazard(double z) {
  const double tail = 0.5 * std::erfc(z / std::sqrt(2.0));
  return std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI) / tail;
}

double normal_hazard_inverse(double h) {
  // The hazard rises from 0 (z → −∞) without bound, so bisection on a wide bracket suffices.
  double lo = -30, hi = 30;
  for (int i = 0; i < 200 && hi - lo > 1e-12; ++i) {
    const double mid = 0.5 * (lo + hi);
    (normal_hazard(mid) < h ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace seatsync
