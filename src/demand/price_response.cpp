// The fixed-effects regression behind the planner's price response (see price_response.hpp).
#include "price_response.hpp"

#include <algorithm>
#include <cmath>

#include "seatsync/arrival_demand.hpp"

namespace seatsync {
namespace {
constexpr std::size_t kMinObservations = 30;
}  // namespace

// Regression of y on x and xx after sweeping out both sets of fixed effects (alternating
// projections): the slope is the elasticity, twice the xx coefficient its curvature.
std::optional<PriceResponseFit> two_way_fe_fit(std::vector<Observation> obs, std::size_t n_fe1, std::size_t n_fe2) {
  if (obs.size() < kMinObservations) return std::nullopt;
  {
    std::vector<double> sum(n_fe2, 0), count(n_fe2, 0);
    for (const auto& o : obs) {
      sum[o.fe2] += o.x;
      count[o.fe2] += 1;
    }
    for (auto& o : obs) o.xx = (o.x - sum[o.fe2] / count[o.fe2]) * (o.x - sum[o.fe2] / count[o.fe2]);
  }
  std::vector<double> sx, sxx, sy, count;
  auto sweep = [&](auto key, std::size_t n) {
    sx.assign(n, 0);
    sxx.assign(n, 0);
    sy.assign(n, 0);
    count.assign(n, 0);
    for (const auto& o : obs) {
      sx[key(o)] += o.x;
      sxx[key(o)] += o.xx;
      sy[key(o)] += o.y;
      count[key(o)] += 1;
    }
    double largest = 0;
    for (auto& o : obs) {
      const double c = count[key(o)];
      largest = std::max(largest, std::abs(sx[key(o)] / c));
      o.x -= sx[key(o)] / c;
      o.xx -= sxx[key(o)] / c;
      o.y -= sy[key(o)] / c;
    }
    return largest;
  };
  for (int iter = 0; iter < 300; ++iter) {
    const double moved = sweep([](const Observation& o) { return o.fe1; }, n_fe1);
    sweep([](const Observation& o) { return o.fe2; }, n_fe2);
    if (iter > 0 && moved < 1e-10) break;  // the sweeps no longer change anything
  }
  double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
  for (const auto& o : obs) {
    a11 += o.x * o.x;
    a12 += o.x * o.xx;
    a22 += o.xx * o.xx;
    b1 += o.x * o.y;
    b2 += o.xx * o.y;
  }
  const double det = a11 * a22 - a12 * a12;
  if (a11 < 1e-8 || det <= 1e-12 * a11 * a22) return std::nullopt;  // no price variation to learn from
  return PriceResponseFit{(a22 * b1 - a12 * b2) / det, 2 * (a11 * b2 - a12 * b1) / det};
}

std::optional<double> two_way_fe_slope(std::vector<Observation> obs, std::size_t n_fe1, std::size_t n_fe2) {
  auto fit = two_way_fe_fit(std::move(obs), n_fe1, n_fe2);
  if (!fit) return std::nullopt;
  return fit->elasticity;
}

// Lognormal WTP (spread σ) seen at a price whose standardised position is z has elasticity
// −h(z)/σ and curvature −h(z)(h(z) − z)/σ² (h = the normal hazard). Given both measured,
// z = σ(ε² + κ)/|ε| and h(z) = −εσ: one equation in σ, solved by bisection.
std::optional<std::pair<double, double>> lognormal_from_response(double e, double k) {
  auto f = [&](double sigma) { return normal_hazard(sigma * (e * e + k) / -e) + e * sigma; };
  double lo = 0.1, hi = 1.5;
  if (f(lo) * f(hi) > 0) return std::nullopt;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    (f(lo) * f(mid) <= 0 ? hi : lo) = mid;
  }
  const double sigma = 0.5 * (lo + hi);
  return std::make_pair(sigma, sigma * (e * e + k) / -e);
}

}  // namespace seatsync
