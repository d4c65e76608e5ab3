// The tickets demanded in one bucket when orders arrive as Poisson(λ) and each order is for
// 1 … m tickets: the compound Poisson distribution, by Panjer's recursion (the Poisson member
// of the (a, b, 0) class: a = 0, b = λ):
//   g_0 = e^{−λ},   g_n = (λ / n) · Σ_{j=1}^{min(n, m)} j · f_j · g_{n−j}.
// Every term is non-negative, so the recursion has no cancellation and is stable.
//
// Large λ: e^{−λ} underflows to zero for λ > ~708 and would zero the whole recursion. Because
// the recursion is linear in g, we run it on scaled values h_n = g_n · e^{−c} starting from
// h_0 = 1 (so c = −λ), and whenever h_n grows large we multiply every stored h by a constant
// and add its logarithm to c. The true probabilities are h_n · e^{c}; entries far below the
// current ones may underflow to zero on rescaling, but they are below 1e-250 of the running
// mass and the recursion only ever reads the last m entries.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "seatsync/price_dp.hpp"

namespace seatsync {
namespace {

constexpr double kRescaleAbove = 1e250;  // keep h well inside double's range (max ~1.8e308)
constexpr double kRescaleBy = 1e-250;
constexpr double kSizeSumTolerance = 1e-6;

// Order sizes as f[j] = P(size = j), j = 1 … m (f[0] = 0), normalised to sum exactly 1 and
// without trailing zeros.
std::vector<double> order_size_distribution(const std::vector<double>& size_pmf) {
  double total = 0.0;
  for (double p : size_pmf) {
    if (!std::isfinite(p) || p < 0.0) throw std::invalid_argument("compound_poisson_pmf: size probabilities must be finite and >= 0");
    total += p;
  }
  if (std::abs(total - 1.0) > kSizeSumTolerance)
    throw std::invalid_argument("compound_poisson_pmf: size probabilities must sum to 1");
  std::size_t largest = size_pmf.size();
  while (largest > 0 && size_pmf[largest - 1] == 0.0) --largest;
  std::vector<double> f(largest + 1, 0.0);
  for (std::size_t k = 0; k < largest; ++k) f[k + 1] = size_pmf[k] / total;
  return f;
}

// A length past which the tail is negligible whatever `tail` is (it may be 0): D <= m · N, and
// P(N >= λ + 40·√λ + 40) is below 1e-100 for every λ, far beneath the precision of the running
// mass. Guarantees termination when rounding keeps the accumulated mass from ever reaching
// 1 − tail.
std::size_t hard_length_limit(double order_rate, std::size_t largest_size) {
  const double orders = order_rate + 40.0 * std::sqrt(order_rate) + 40.0;
  return static_cast<std::size_t>(std::ceil(orders)) * largest_size + 1;
}

}  // namespace

std::vector<double> compound_poisson_pmf(double order_rate, const std::vector<double>& size_pmf, double tail) {
  if (!std::isfinite(order_rate) || order_rate < 0.0)
    throw std::invalid_argument("compound_poisson_pmf: order rate must be finite and >= 0");
  if (!(tail >= 0.0 && tail < 1.0)) throw std::invalid_argument("compound_poisson_pmf: tail must be in [0, 1)");
  const std::vector<double> f = order_size_distribution(size_pmf);
  const std::size_t largest_size = f.size() - 1;
  if (order_rate == 0.0 || largest_size == 0) return {1.0};

  // j · f_j, the weights of the recursion.
  std::vector<double> weighted(f.size());
  for (std::size_t j = 0; j < f.size(); ++j) weighted[j] = static_cast<double>(j) * f[j];

  const std::size_t limit = hard_length_limit(order_rate, largest_size);
  std::vector<double> h{1.0};
  double log_scale = -order_rate;  // g_n = h_n · e^{log_scale}
  double mass_scaled = 1.0;        // Σ h_n so far, in the same scale
  for (std::size_t n = 1; n < limit; ++n) {
    const double mass = mass_scaled * std::exp(log_scale);
    if (1.0 - mass < tail) break;  // the remaining tail is small enough
    double sum = 0.0;
    for (std::size_t j = 1; j <= std::min(n, largest_size); ++j) sum += weighted[j] * h[n - j];
    const double next = order_rate / static_cast<double>(n) * sum;
    h.push_back(next);
    mass_scaled += next;
    if (next > kRescaleAbove) {
      for (double& v : h) v *= kRescaleBy;
      mass_scaled *= kRescaleBy;
      log_scale -= std::log(kRescaleBy);
    }
  }

  std::vector<double> pmf(h.size());
  const double scale = std::exp(log_scale);
  double mass = 0.0;
  for (std::size_t n = 0; n < h.size(); ++n) {
    pmf[n] = h[n] * scale;
    mass += pmf[n];
  }
  // The truncated tail goes to the last entry ("D >= last index"). Rounding can leave the sum a
  // hair above 1; then renormalise instead of subtracting from the last entry.
  if (mass <= 1.0) {
    pmf.back() += 1.0 - mass;
  } else {
    for (double& p : pmf) p /= mass;
  }
  return pmf;
}

}  // namespace seatsync
