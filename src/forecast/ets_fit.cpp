#include "ets_fit.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlopt.hpp>
#include <numbers>
#include <numeric>
#include <stdexcept>

#include "ets_decomposition.hpp"

namespace seatsync::forecast_detail {
namespace {

// R's "usual" bounds: 0.0001 ≤ α, β, γ ≤ 0.9999 with β ≤ α and γ ≤ 1 − α; 0.8 ≤ φ ≤ 0.98.
constexpr double kLow = 1e-4;
constexpr double kHigh = 0.9999;
constexpr double kPhiLow = 0.8;
constexpr double kPhiHigh = 0.98;

// The seasonal component of the first seasons, one value per period of y.
std::vector<double> initial_seasonal_component(const EtsComponents& c, std::span<const double> y) {
  const std::size_t n = y.size(), m = static_cast<std::size_t>(c.season_length);
  const bool multiplicative = c.season == EtsSeason::multiplicative;
  std::vector<double> figure(m);
  if (n >= 3 * m) {
    const std::vector<double> s = classical_seasonal(y.first(3 * m), c.season_length, multiplicative);
    std::copy_n(s.begin(), m, figure.begin());
  } else {
    // Too short to decompose: y ≈ a + bt + one harmonic; the season is y less the line.
    Eigen::MatrixXd x(static_cast<Eigen::Index>(n), m > 2 ? 4 : 3);
    Eigen::VectorXd target(static_cast<Eigen::Index>(n));
    for (std::size_t t = 0; t < n; ++t) {
      const double time = static_cast<double>(t + 1), angle = 2 * std::numbers::pi * time / static_cast<double>(m);
      const auto row = static_cast<Eigen::Index>(t);
      x(row, 0) = 1;
      x(row, 1) = time;
      x(row, 2) = std::cos(angle);
      if (m > 2) x(row, 3) = std::sin(angle);
      target(row) = y[t];
    }
    const Eigen::VectorXd coef = x.colPivHouseholderQr().solve(target);
    for (std::size_t t = 0; t < m; ++t) {
      const double line = coef(0) + coef(1) * static_cast<double>(t + 1);
      figure[t] = multiplicative ? y[t] / line : y[t] - line;
    }
  }
  std::vector<double> out(n);
  for (std::size_t t = 0; t < n; ++t) out[t] = figure[t % m];
  return out;
}

// The optimiser's vector: α, then β/α and γ/(1 − α) as fractions of their ranges (so that
// R's coupled bounds become a box), φ, the initial level, trend and the seasonal states but
// the oldest (which makes the season sum to 0, or to m when multiplicative).
struct Layout {
  EtsComponents c;
  int size() const {
    return 1 + c.has_trend() + c.has_season() + (c.trend == EtsTrend::damped) + 1 + c.has_trend() +
           (c.has_season() ? c.season_length - 1 : 0);
  }

  void decode(const std::vector<double>& x, EtsParameters& p, EtsState& s) const {
    std::size_t i = 0;
    p.alpha = x[i++];
    p.beta = c.has_trend() ? kLow + x[i++] * std::max(p.alpha - kLow, 0.0) : 0.0;
    p.gamma = c.has_season() ? kLow + x[i++] * std::max(1 - p.alpha - kLow, 0.0) : 0.0;
    p.phi = c.trend == EtsTrend::damped ? x[i++] : 1.0;
    s.level = x[i++];
    s.trend = c.has_trend() ? x[i++] : 0.0;
    s.seasonal.clear();
    if (c.has_season()) {
      const double total = c.season == EtsSeason::multiplicative ? c.season_length : 0.0;
      s.seasonal.push_back(total - std::accumulate(x.begin() + static_cast<std::ptrdiff_t>(i), x.end(), 0.0));
      s.seasonal.insert(s.seasonal.end(), x.begin() + static_cast<std::ptrdiff_t>(i), x.end());
    }
  }
};

struct Problem {
  Layout layout;
  std::span<const double> y;
};

double objective(const std::vector<double>& x, std::vector<double>&, void* data) {
  const auto& problem = *static_cast<const Problem*>(data);
  EtsParameters p;
  EtsState s;
  problem.layout.decode(x, p, s);
  if (problem.layout.c.season == EtsSeason::multiplicative &&
      std::any_of(s.seasonal.begin(), s.seasonal.end(), [](double v) { return !(v > 0); })) {
    return HUGE_VAL;
  }
  return ets_objective(problem.layout.c, ets_filter(problem.layout.c, p, s, problem.y));
}

double standard_deviation(std::span<const double> y) {
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  double sum = 0;
  for (double v : y) sum += (v - mean) * (v - mean);
  return std::sqrt(sum / static_cast<double>(y.size()));
}

}  // namespace

std::size_t ets_minimum_length(const EtsComponents& c) {
  const int np = 2 + 2 * c.has_trend() + (c.has_season() ? c.season_length : 0) + (c.trend == EtsTrend::damped);
  return static_cast<std::size_t>(np) + 5;
}

EtsState ets_heuristic_state(const EtsComponents& c, std::span<const double> y) {
  if (y.size() < 4) throw std::invalid_argument("ETS needs at least 4 values");
  EtsState state;
  std::vector<double> adjusted(y.begin(), y.end());
  int m = 1;
  if (c.has_season()) {
    m = c.season_length;
    const std::vector<double> seasonal = initial_seasonal_component(c, y);
    state.seasonal.assign(seasonal.begin(), seasonal.begin() + m);
    if (c.season == EtsSeason::multiplicative) {
      // No negative seasonal indices, and room left for the oldest (R clamps at 0.01 too).
      for (std::size_t j = 1; j < state.seasonal.size(); ++j) state.seasonal[j] = std::max(state.seasonal[j], 1e-2);
      const double free_sum = std::accumulate(state.seasonal.begin() + 1, state.seasonal.end(), 0.0);
      if (free_sum > m - 1e-2) {
        for (std::size_t j = 1; j < state.seasonal.size(); ++j) state.seasonal[j] *= (m - 1e-2) / (free_sum + 1e-2);
      }
      state.seasonal[0] = m - std::accumulate(state.seasonal.begin() + 1, state.seasonal.end(), 0.0);
      for (std::size_t t = 0; t < y.size(); ++t) adjusted[t] = y[t] / std::max(seasonal[t], 1e-2);
    } else {
      state.seasonal[0] = -std::accumulate(state.seasonal.begin() + 1, state.seasonal.end(), 0.0);
      for (std::size_t t = 0; t < y.size(); ++t) adjusted[t] = y[t] - seasonal[t];
    }
  }
  const std::size_t first = std::min<std::size_t>(std::max(10, 2 * m), y.size());
  if (!c.has_trend()) {
    state.level = std::accumulate(adjusted.begin(), adjusted.begin() + static_cast<std::ptrdiff_t>(first), 0.0) /
                  static_cast<double>(first);
    return state;
  }
  // Least-squares line over t = 1…first; its value at t = 0 is the initial level.
  double st = 0, sy = 0, stt = 0, sty = 0;
  for (std::size_t t = 0; t < first; ++t) {
    const double time = static_cast<double>(t + 1);
    st += time;
    sy += adjusted[t];
    stt += time * time;
    sty += time * adjusted[t];
  }
  const auto k = static_cast<double>(first);
  state.trend = (k * sty - st * sy) / (k * stt - st * st);
  state.level = (sy - state.trend * st) / k;
  if (std::abs(state.level + state.trend) < 1e-8) {  // R's nudge away from a zero first forecast
    state.level *= 1 + 1e-3;
    state.trend *= 1 - 1e-3;
  }
  return state;
}

std::optional<EtsFit> fit_ets_components(const EtsComponents& c, std::span<const double> y) {
  if (y.size() < ets_minimum_length(c)) {
    throw std::invalid_argument(fmt::format("{} needs at least {} values; the series has {}", c.description(),
                                            ets_minimum_length(c), y.size()));
  }
  const Layout layout{c};
  const EtsState start = ets_heuristic_state(c, y);
  const double scale = std::max({standard_deviation(y), 1e-3 * std::abs(start.level), 1e-6});

  // R's starting values (initparam) in the optimiser's coordinates.
  std::vector<double> x, lower, upper, step;
  auto add = [&](double value, double lo, double hi, double dx) {
    x.push_back(std::clamp(value, lo, hi));
    lower.push_back(lo);
    upper.push_back(hi);
    step.push_back(dx);
  };
  add(kLow + 0.2 * (kHigh - kLow) / c.season_length, kLow, kHigh, 0.1);
  if (c.has_trend()) add(0.1, 0, 1, 0.1);
  if (c.has_season()) add(0.05, 0, 1, 0.1);
  if (c.trend == EtsTrend::damped) add(kPhiLow + 0.99 * (kPhiHigh - kPhiLow), kPhiLow, kPhiHigh, 0.05);
  add(start.level, -HUGE_VAL, HUGE_VAL, 0.2 * scale);
  if (c.has_trend()) add(start.trend, -HUGE_VAL, HUGE_VAL, 0.02 * scale);
  for (std::size_t j = 1; j < start.seasonal.size(); ++j) {
    add(start.seasonal[j], -HUGE_VAL, HUGE_VAL, c.season == EtsSeason::multiplicative ? 0.05 : 0.1 * scale);
  }

  Problem problem{layout, y};
  double best = objective(x, step, &problem);
  // Nelder-Mead as R's ets, restarted from its own optimum: a fresh simplex escapes the
  // collapsed one a first run often stops on with a dozen parameters.
  for (int run = 0; run < 3; ++run) {
    nlopt::opt opt(nlopt::LN_NELDERMEAD, static_cast<unsigned>(x.size()));
    opt.set_lower_bounds(lower);
    opt.set_upper_bounds(upper);
    opt.set_initial_step(step);
    opt.set_min_objective(objective, &problem);
    opt.set_xtol_rel(1e-8);
    opt.set_ftol_abs(1e-8);
    opt.set_maxeval(2000);
    std::vector<double> trial = x;
    double value = best;
    try {
      opt.optimize(trial, value);
    } catch (const nlopt::roundoff_limited&) {
      // keeps the best point found
    } catch (const std::runtime_error&) {
      break;
    }
    const bool improved = value < best - 1e-6;
    if (value < best) {
      best = value;
      x = trial;
    }
    if (!improved && run > 0) break;
  }
  if (!std::isfinite(best)) return std::nullopt;

  EtsFit fit;
  fit.components = c;
  layout.decode(x, fit.parameters, fit.initial);
  fit.filtered = ets_filter(c, fit.parameters, fit.initial, y);
  fit.objective = ets_objective(c, fit.filtered);
  const auto n = static_cast<double>(y.size());
  fit.parameter_count = layout.size() + 1;
  const double np = fit.parameter_count;
  fit.aicc = n - np - 1 > 0 ? fit.objective + 2 * np + 2 * np * (np + 1) / (n - np - 1) : HUGE_VAL;
  fit.sigma2 = fit.filtered.sum_squared_errors / std::max(n - np, 1.0);
  return fit;
}

}  // namespace seatsync::forecast_detail
