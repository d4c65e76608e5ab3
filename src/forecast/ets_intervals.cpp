#include "ets_intervals.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

#include "forecast_intervals.hpp"

namespace seatsync::forecast_detail {

std::vector<double> ets_linear_variances(const EtsFit& fit, int horizon) {
  const EtsComponents& c = fit.components;
  if (!c.linear()) throw std::invalid_argument(c.description() + " has no analytic forecast variance here");
  const EtsParameters& p = fit.parameters;
  std::vector<double> out(static_cast<std::size_t>(horizon));
  double sum = 1;          // 1 + Σ_{j<h} c_j²
  double phi_sum = 0;      // φ_j
  double phi_power = 1;
  for (int h = 1; h <= horizon; ++h) {
    out[static_cast<std::size_t>(h - 1)] = fit.sigma2 * sum;
    const int j = h;  // c_j for the next step's sum
    phi_power *= p.phi;
    phi_sum += phi_power;
    double cj = p.alpha;
    if (c.has_trend()) cj += p.beta * phi_sum;
    if (c.has_season() && j % c.season_length == 0) cj += p.gamma;
    sum += cj * cj;
  }
  return out;
}

std::vector<std::vector<double>> ets_sample_paths(const EtsFit& fit, int horizon, int paths, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, std::sqrt(fit.sigma2));
  const bool multiplicative = fit.components.error == EtsError::multiplicative;
  std::vector<std::vector<double>> out(static_cast<std::size_t>(paths), std::vector<double>(horizon));
  for (auto& path : out) {
    EtsState state = fit.filtered.final_state;
    for (int h = 0; h < horizon; ++h) {
      const double predicted = ets_one_step(fit.components, fit.parameters, state.level, state.trend,
                                            state.seasonal.empty() ? 0.0 : state.seasonal.front());
      const double e = noise(rng);
      const double y = multiplicative ? predicted * (1 + e) : predicted + e;
      if (!std::isfinite(y)) {  // a multiplicative path that hit a zero divisor stays where it was
        std::fill(path.begin() + h, path.end(), h > 0 ? path[static_cast<std::size_t>(h - 1)] : predicted);
        break;
      }
      path[static_cast<std::size_t>(h)] = y;
      ets_advance(fit.components, fit.parameters, state, y);
    }
  }
  return out;
}

std::vector<PredictionInterval> ets_intervals(const EtsFit& fit, std::span<const double> mean,
                                              std::span<const double> levels) {
  const int horizon = static_cast<int>(mean.size());
  if (levels.empty()) return {};
  if (fit.components.linear()) {
    std::vector<double> sd = ets_linear_variances(fit, horizon);
    for (double& v : sd) v = std::sqrt(v);
    return normal_intervals(mean, sd, levels);
  }
  constexpr int kPaths = 2000;
  constexpr unsigned kSeed = 20080101;  // fixed: the same fit always gives the same intervals
  return sample_intervals(ets_sample_paths(fit, horizon, kPaths, kSeed), horizon, levels);
}

}  // namespace seatsync::forecast_detail
