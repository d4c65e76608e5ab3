#include "arima_fit.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <nlopt.hpp>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace seatsync::forecast_detail {
namespace {

// tanh(7) = 0.9999983: partial autocorrelations closer to ±1 than that are a unit root in all
// but name, and the flat tanh would stall the optimiser there anyway.
constexpr double kPacfBound = 7.0;
// The constant moves in units of its standard error, at most this many from its start.
constexpr double kConstantBound = 100.0;

// The optimiser's vector: the four blocks of transformed PACFs, then the scaled constant.
struct Layout {
  ArimaOrder order;
  double constant_start = 0, constant_scale = 1;
  double constant_divisor = 1;  // the differenced regressor: 1, or m when only D = 1

  std::size_t size() const {
    return static_cast<std::size_t>(order.p + order.q + order.P + order.Q) + (order.constant ? 1 : 0);
  }

  void unpack(const std::vector<double>& theta, ArmaCoefficients& c, double& constant) const {
    auto block = [&theta](std::size_t from, int count) {
      return coefficients_from_partial_autocorrelations(
          std::span<const double>(theta).subspan(from, static_cast<std::size_t>(count)));
    };
    std::size_t at = 0;
    c.ar = block(at, order.p);
    at += static_cast<std::size_t>(order.p);
    c.ma = block(at, order.q);
    for (double& v : c.ma) v = -v;  // θ(B) = 1 + θ₁B… is invertible iff 1 − (−θ₁)B… is stationary
    at += static_cast<std::size_t>(order.q);
    c.sar = block(at, order.P);
    at += static_cast<std::size_t>(order.P);
    c.sma = block(at, order.Q);
    for (double& v : c.sma) v = -v;
    at += static_cast<std::size_t>(order.Q);
    constant = order.constant ? constant_start + constant_scale * theta[at] : 0.0;
  }
};

// The differenced series less the constant's contribution to it.
std::vector<double> arma_part(const std::vector<double>& w, double constant, double divisor) {
  std::vector<double> x(w);
  for (double& v : x) v -= constant * divisor;
  return x;
}

// Minimises f over the box by BOBYQA (Nelder–Mead for a single parameter, where BOBYQA's
// quadratic model has too few points). Returns the best point seen, also when NLopt stops on a
// round-off or evaluation limit.
std::vector<double> minimise(const std::function<double(const std::vector<double>&)>& f, std::vector<double> x,
                             const std::vector<double>& lower, const std::vector<double>& upper) {
  struct State {
    const std::function<double(const std::vector<double>&)>* f;
    std::vector<double> best;
    double best_value = HUGE_VAL;
  } state{&f, x, HUGE_VAL};
  nlopt::opt opt(x.size() == 1 ? nlopt::LN_NELDERMEAD : nlopt::LN_BOBYQA, static_cast<unsigned>(x.size()));
  opt.set_lower_bounds(lower);
  opt.set_upper_bounds(upper);
  opt.set_min_objective(
      [](const std::vector<double>& theta, std::vector<double>&, void* data) {
        auto* s = static_cast<State*>(data);
        double value = (*s->f)(theta);
        if (!std::isfinite(value)) value = 1e100;  // outside where the likelihood can be computed
        if (value < s->best_value) {
          s->best_value = value;
          s->best = theta;
        }
        return value;
      },
      &state);
  std::vector<double> step(x.size(), 0.2);
  opt.set_initial_step(step);
  // 1e-6 in log-likelihood units is far finer than any AICc comparison needs.
  opt.set_ftol_abs(1e-6);
  opt.set_xtol_abs(std::vector<double>(x.size(), 1e-5));
  opt.set_maxeval(static_cast<int>(400 + 200 * x.size()));
  double value = 0;
  try {
    opt.optimize(x, value);
  } catch (const std::exception&) {
    // roundoff_limited / forced_stop: the best point so far is the answer.
  }
  return state.best;
}

void check_order(const ArimaOrder& o) {
  if (o.p < 0 || o.d < 0 || o.q < 0 || o.P < 0 || o.D < 0 || o.Q < 0) {
    throw std::invalid_argument("ARIMA orders must be ≥ 0");
  }
  if (o.m < 1) throw std::invalid_argument("the season length must be at least 1");
  if (o.m == 1 && (o.P > 0 || o.D > 0 || o.Q > 0)) {
    throw std::invalid_argument("a seasonal ARIMA part needs a season length above 1");
  }
  if (o.constant && o.d + o.D > 1) {
    throw std::invalid_argument("an ARIMA constant needs d + D ≤ 1 (it would be a polynomial trend)");
  }
}

}  // namespace

int ArimaFit::parameter_count() const {
  return order.p + order.q + order.P + order.Q + (order.constant ? 1 : 0) + 1;
}

double ArimaFit::residual_variance() const {
  const double n = static_cast<double>(differenced_count), coefficients = parameter_count() - 1;
  return n > coefficients ? sigma2 * n / (n - coefficients) : sigma2;
}

std::vector<double> coefficients_from_partial_autocorrelations(std::span<const double> u) {
  std::vector<double> phi, previous;
  for (std::size_t k = 0; k < u.size(); ++k) {
    const double r = std::tanh(u[k]);
    previous = phi;
    phi.push_back(r);
    for (std::size_t j = 0; j < k; ++j) phi[j] = previous[j] - r * previous[k - 1 - j];
  }
  return phi;
}

ArimaFit fit_arima_order(std::span<const double> y, const ArimaOrder& order, ArimaEstimation estimation) {
  check_order(order);
  const std::vector<double> w = difference(y, order.d, order.D, order.m);
  const int seasonal_span = order.m * (order.P + order.Q);
  ArimaFit fit;
  fit.order = order;
  fit.length = y.size();
  fit.differenced_count = w.size();
  if (static_cast<int>(w.size()) <= std::max(fit.parameter_count() + 1, order.p + seasonal_span)) {
    throw std::invalid_argument(fmt::format("the series has {} values: too short for {}", y.size(), order.describe()));
  }

  Layout layout{order};
  if (order.constant) {
    layout.constant_divisor = order.d == 0 && order.D == 1 ? order.m : 1.0;
    const double n = static_cast<double>(w.size());
    const double mean = std::accumulate(w.begin(), w.end(), 0.0) / n;
    double ss = 0;
    for (double v : w) ss += (v - mean) * (v - mean);
    const double se = std::sqrt(ss / n / n);
    layout.constant_start = mean / layout.constant_divisor;
    layout.constant_scale = se > 0 ? se / layout.constant_divisor : 1.0;
  }

  ArmaCoefficients c;
  double constant = 0;
  auto css = [&](const std::vector<double>& theta) {
    layout.unpack(theta, c, constant);
    const auto x = arma_part(w, constant, layout.constant_divisor);
    std::size_t count = 0;
    const double ss = conditional_sum_of_squares(x, expanded_ar(c, order.m), expanded_ma(c, order.m), count);
    return 0.5 * static_cast<double>(count) * std::log(ss / static_cast<double>(count));
  };
  auto negative_log_likelihood = [&](const std::vector<double>& theta) {
    layout.unpack(theta, c, constant);
    const auto x = arma_part(w, constant, layout.constant_divisor);
    return -profile_log_likelihood(kalman_filter(x, expanded_ar(c, order.m), expanded_ma(c, order.m)));
  };

  std::vector<double> theta(layout.size(), 0.0);
  const bool constant_w = std::all_of(w.begin(), w.end(), [&](double v) { return v == w.front(); });
  // A constant differenced series is fitted exactly by its constant (σ² = 0): nothing to optimise.
  if (!theta.empty() && !constant_w) {
    std::vector<double> lower(theta.size(), -kPacfBound), upper(theta.size(), kPacfBound);
    if (order.constant) {
      lower.back() = -kConstantBound;
      upper.back() = kConstantBound;
    }
    std::vector<double> start = minimise(css, theta, lower, upper);
    if (estimation == ArimaEstimation::css) {
      theta = start;
    } else {
      // The likelihood of a mixed model has ridges and local optima (near-cancelling AR and MA
      // roots): on the hotel series one start in eight ended more than 1 log-likelihood unit
      // below the other. So ML runs from the CSS estimate and from white noise, keeping the better.
      std::vector<double> best = theta;  // zero: white noise
      if (std::isfinite(negative_log_likelihood(start))) {
        best = minimise(negative_log_likelihood, start, lower, upper);
      }
      const std::vector<double> from_zero = minimise(negative_log_likelihood, theta, lower, upper);
      theta = negative_log_likelihood(from_zero) < negative_log_likelihood(best) ? from_zero : best;
    }
  }

  layout.unpack(theta, fit.coefficients, fit.constant);
  const auto x = arma_part(w, fit.constant, layout.constant_divisor);
  if (estimation == ArimaEstimation::css) {
    std::size_t count = 0;
    const double ss = conditional_sum_of_squares(x, expanded_ar(fit.coefficients, order.m),
                                                 expanded_ma(fit.coefficients, order.m), count);
    fit.sigma2 = ss / static_cast<double>(count);
    fit.log_likelihood = -0.5 * static_cast<double>(count) * (std::log(2 * std::numbers::pi * fit.sigma2) + 1);
    fit.next_state = Eigen::VectorXd::Zero(1);  // not for forecasting
    fit.next_covariance = Eigen::MatrixXd::Zero(1, 1);
    return fit;
  }
  const KalmanResult k =
      kalman_filter(x, expanded_ar(fit.coefficients, order.m), expanded_ma(fit.coefficients, order.m), true);
  fit.sigma2 = profile_sigma2(k);
  fit.log_likelihood = profile_log_likelihood(k);
  fit.next_state = k.next_state;
  fit.next_covariance = k.next_covariance;
  const double n = static_cast<double>(w.size());
  const double kk = fit.parameter_count();
  fit.aicc = n - kk - 1 > 0 ? -2 * fit.log_likelihood + 2 * kk + 2 * kk * (kk + 1) / (n - kk - 1)
                            : std::numeric_limits<double>::infinity();
  if (!std::isfinite(fit.log_likelihood)) fit.aicc = std::numeric_limits<double>::infinity();

  const std::size_t lags = static_cast<std::size_t>(order.d + order.m * order.D);
  for (std::size_t t = y.size() - lags; t < y.size(); ++t) {
    const double regressor = order.d + order.D == 0 ? 1.0 : static_cast<double>(t + 1);
    fit.tail.push_back(y[t] - fit.constant * regressor);
  }
  return fit;
}

ArimaPrediction predict_arima(const ArimaFit& fit, int horizon) {
  const ArimaOrder& o = fit.order;
  const std::vector<double> ar = expanded_ar(fit.coefficients, o.m), ma = expanded_ma(fit.coefficients, o.m);
  const std::vector<double> delta = differencing_coefficients(o.d, o.D, o.m);
  const Eigen::Index r = fit.next_state.size(), lags = static_cast<Eigen::Index>(delta.size()), size = r + lags;

  // s_h = (α_{n+h}; η_{n+h−1} … η_{n+h−d−mD}) with η = y − constant·x, and η_{n+h} = H s_h for
  // H = (Z, δ₁ … δ_{d+mD}); the transition applies T to α and pushes η_{n+h} onto the lags.
  Eigen::MatrixXd transition = Eigen::MatrixXd::Zero(size, size);
  Eigen::VectorXd observe = Eigen::VectorXd::Zero(size), loading = Eigen::VectorXd::Zero(size);
  for (Eigen::Index i = 0; i < r; ++i) {
    if (static_cast<std::size_t>(i) < ar.size()) transition(i, 0) = ar[static_cast<std::size_t>(i)];
    if (i + 1 < r) transition(i, i + 1) = 1;
    loading[i] = i == 0 ? 1.0 : (static_cast<std::size_t>(i) <= ma.size() ? ma[static_cast<std::size_t>(i - 1)] : 0.0);
  }
  observe[0] = 1;
  for (Eigen::Index k = 0; k < lags; ++k) observe[r + k] = delta[static_cast<std::size_t>(k)];
  if (lags > 0) {
    transition.row(r) = observe.transpose();
    for (Eigen::Index k = 1; k < lags; ++k) transition(r + k, r + k - 1) = 1;
  }

  Eigen::VectorXd state(size);
  state.head(r) = fit.next_state;
  for (Eigen::Index k = 0; k < lags; ++k) state[r + k] = fit.tail[fit.tail.size() - 1 - static_cast<std::size_t>(k)];
  Eigen::MatrixXd covariance = Eigen::MatrixXd::Zero(size, size);  // ÷ σ²; the lags are known
  covariance.topLeftCorner(r, r) = fit.next_covariance;
  const Eigen::MatrixXd disturbance = loading * loading.transpose();

  ArimaPrediction out;
  const double sigma2 = fit.residual_variance();
  for (int h = 1; h <= horizon; ++h) {
    const double eta = observe.dot(state);
    const double regressor = o.d + o.D == 0 ? 1.0 : static_cast<double>(fit.length + static_cast<std::size_t>(h));
    out.mean.push_back(eta + fit.constant * regressor);
    out.sd.push_back(std::sqrt(std::max(0.0, sigma2 * observe.dot(covariance * observe))));
    state = transition * state;
    covariance = transition * covariance * transition.transpose() + disturbance;
  }
  return out;
}

}  // namespace seatsync::forecast_detail
