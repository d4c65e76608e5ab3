#include "ets_model.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace seatsync::forecast_detail {
namespace {

// Divisors this close to zero make a multiplicative recursion meaningless (R's TOL).
constexpr double kTiny = 1e-10;

struct StepResult {
  double fitted;
  double level, trend, season;  // the new states; season is s_t, which replaces s_{t−m}
  bool valid;
};

// One period of HKOS's error-correction recursion, written as R's forecast::ets writes it
// (level = q + α(p − q) with q the level-and-trend forecast and p the deseasonalised y), so
// that it holds for both error types and both season types at once.
StepResult step(const EtsComponents& c, const EtsParameters& p, double level, double trend, double season, double y) {
  const double damped_trend = c.has_trend() ? p.phi * trend : 0.0;
  const double q = level + damped_trend;  // l_{t−1} + φb_{t−1}
  StepResult r{ets_one_step(c, p, level, trend, season), 0, 0, season, true};
  double deseasonalised = y;
  switch (c.season) {
    case EtsSeason::none: break;
    case EtsSeason::additive: deseasonalised = y - season; break;
    case EtsSeason::multiplicative:
      if (std::abs(season) < kTiny) return {r.fitted, 0, 0, 0, false};
      deseasonalised = y / season;
      break;
  }
  r.level = q + p.alpha * (deseasonalised - q);
  // b_t = φb_{t−1} + β/α·(l_t − l_{t−1} − φb_{t−1}), which is φb_{t−1} + βε_t for additive error.
  r.trend = c.has_trend() ? damped_trend + (p.beta / p.alpha) * (r.level - level - damped_trend) : 0.0;
  if (c.season == EtsSeason::additive) {
    r.season = season + p.gamma * (y - q - season);
  } else if (c.season == EtsSeason::multiplicative) {
    if (std::abs(q) < kTiny) return {r.fitted, 0, 0, 0, false};
    r.season = season + p.gamma * (y / q - season);
  }
  r.valid = std::isfinite(r.fitted) && std::isfinite(r.level) && std::isfinite(r.trend) && std::isfinite(r.season);
  return r;
}

}  // namespace

std::string EtsComponents::description() const {
  const char* e = error == EtsError::additive ? "A" : "M";
  const char* t = trend == EtsTrend::none ? "N" : trend == EtsTrend::additive ? "A" : "Ad";
  const char* s = season == EtsSeason::none ? "N" : season == EtsSeason::additive ? "A" : "M";
  return fmt::format("ets({},{},{})", e, t, s);
}

double ets_one_step(const EtsComponents& c, const EtsParameters& p, double level, double trend, double season) {
  const double q = level + (c.has_trend() ? p.phi * trend : 0.0);
  switch (c.season) {
    case EtsSeason::none: return q;
    case EtsSeason::additive: return q + season;
    case EtsSeason::multiplicative: return q * season;
  }
  return q;
}

EtsFilterResult ets_filter(const EtsComponents& c, const EtsParameters& p, const EtsState& initial,
                           std::span<const double> y) {
  EtsFilterResult out;
  out.fitted.resize(y.size());
  out.errors.resize(y.size());
  double level = initial.level, trend = initial.trend;
  // The seasonal states as a ring: ring[next] is s_{t−m} for the coming period.
  std::vector<double> ring = initial.seasonal;
  const std::size_t m = ring.size();
  std::size_t next = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    const StepResult r = step(c, p, level, trend, m ? ring[next] : 0.0, y[t]);
    if (!r.valid || (c.error == EtsError::multiplicative && std::abs(r.fitted) < kTiny)) {
      out.valid = false;
      return out;
    }
    out.fitted[t] = r.fitted;
    const double e = c.error == EtsError::additive ? y[t] - r.fitted : (y[t] - r.fitted) / r.fitted;
    out.errors[t] = e;
    out.sum_squared_errors += e * e;
    out.sum_log_abs_fitted += std::log(std::abs(r.fitted));
    level = r.level;
    trend = r.trend;
    if (m) {
      ring[next] = r.season;
      next = (next + 1) % m;
    }
  }
  std::rotate(ring.begin(), ring.begin() + static_cast<std::ptrdiff_t>(next), ring.end());
  out.final_state = {level, trend, std::move(ring)};
  return out;
}

double ets_objective(const EtsComponents& c, const EtsFilterResult& result) {
  if (!result.valid || !(result.sum_squared_errors > 0)) return HUGE_VAL;
  const auto n = static_cast<double>(result.errors.size());
  double value = n * std::log(result.sum_squared_errors);
  if (c.error == EtsError::multiplicative) value += 2 * result.sum_log_abs_fitted;
  return std::isfinite(value) ? value : HUGE_VAL;
}

std::vector<double> ets_point_forecast(const EtsComponents& c, const EtsParameters& p, const EtsState& state,
                                       int horizon) {
  std::vector<double> out(static_cast<std::size_t>(std::max(horizon, 0)));
  const std::size_t m = state.seasonal.size();
  double trend_sum = 0;  // φ + φ² + … + φ^h (h when undamped)
  double phi_power = 1;
  for (int h = 1; h <= horizon; ++h) {
    phi_power *= p.phi;
    trend_sum += phi_power;
    const double q = state.level + (c.has_trend() ? trend_sum * state.trend : 0.0);
    const double s = m ? state.seasonal[static_cast<std::size_t>(h - 1) % m] : 0.0;
    out[static_cast<std::size_t>(h - 1)] = c.season == EtsSeason::none       ? q
                                           : c.season == EtsSeason::additive ? q + s
                                                                             : q * s;
  }
  return out;
}

double ets_advance(const EtsComponents& c, const EtsParameters& p, EtsState& state, double y) {
  const double season = state.seasonal.empty() ? 0.0 : state.seasonal.front();
  const StepResult r = step(c, p, state.level, state.trend, season, y);
  state.level = r.level;
  state.trend = r.trend;
  if (!state.seasonal.empty()) {
    std::rotate(state.seasonal.begin(), state.seasonal.begin() + 1, state.seasonal.end());
    state.seasonal.back() = r.season;
  }
  return r.fitted;
}

}  // namespace seatsync::forecast_detail
