#include "arima_model.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

namespace seatsync::forecast_detail {
namespace {

std::vector<double> multiply(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  }
  return out;
}

// 1 + sign·(c₁Bˢ + c₂B²ˢ + …): a lag polynomial from coefficients spaced `spacing` apart.
std::vector<double> lag_polynomial(const std::vector<double>& c, int spacing, double sign) {
  std::vector<double> poly(c.size() * static_cast<std::size_t>(spacing) + 1, 0.0);
  poly[0] = 1;
  for (std::size_t i = 0; i < c.size(); ++i) poly[(i + 1) * static_cast<std::size_t>(spacing)] = sign * c[i];
  return poly;
}

// The state-space form of ARMA(ar, ma) (Harvey 1989 §3.3): state dimension r = max(p, q + 1),
// transition T with first column φ and ones on the superdiagonal, disturbance loading
// R = (1, θ₁, …, θ_{r−1})′, observation Z = (1, 0, …, 0).
struct ArmaStateSpace {
  Eigen::VectorXd phi, loading;
  Eigen::Index size() const { return phi.size(); }
};

ArmaStateSpace state_space(std::span<const double> ar, std::span<const double> ma) {
  const auto r = static_cast<Eigen::Index>(std::max(ar.size(), ma.size() + 1));
  ArmaStateSpace s{Eigen::VectorXd::Zero(r), Eigen::VectorXd::Zero(r)};
  for (std::size_t i = 0; i < ar.size(); ++i) s.phi[static_cast<Eigen::Index>(i)] = ar[i];
  s.loading[0] = 1;
  for (std::size_t j = 0; j < ma.size(); ++j) s.loading[static_cast<Eigen::Index>(j) + 1] = ma[j];
  return s;
}

// T·M·T′ + RR′ in O(r²), using T's companion structure instead of dense products (this is the
// filter's inner loop). M is symmetric, so is the result: only the upper triangle is computed.
void predict_covariance(const ArmaStateSpace& s, const Eigen::MatrixXd& m, Eigen::MatrixXd& out,
                        Eigen::MatrixXd& scratch) {
  const Eigen::Index r = s.size();
  for (Eigen::Index j = 0; j < r; ++j) {  // scratch = T·M (column-major order)
    const double top = m(0, j);
    for (Eigen::Index i = 0; i + 1 < r; ++i) scratch(i, j) = s.phi[i] * top + m(i + 1, j);
    scratch(r - 1, j) = s.phi[r - 1] * top;
  }
  for (Eigen::Index j = 0; j < r; ++j) {  // out = scratch·T′ + RR′, i ≤ j
    const double phi = s.phi[j], loading = s.loading[j];
    if (j + 1 < r) {
      for (Eigen::Index i = 0; i <= j; ++i) out(i, j) = scratch(i, 0) * phi + scratch(i, j + 1) + s.loading[i] * loading;
    } else {
      for (Eigen::Index i = 0; i <= j; ++i) out(i, j) = scratch(i, 0) * phi + s.loading[i] * loading;
    }
  }
  for (Eigen::Index j = 0; j < r; ++j) {
    for (Eigen::Index i = j + 1; i < r; ++i) out(i, j) = out(j, i);
  }
}

// a ← T·a.
void predict_state(const ArmaStateSpace& s, Eigen::VectorXd& a) {
  const Eigen::Index r = s.size();
  const double first = a[0];
  for (Eigen::Index i = 0; i + 1 < r; ++i) a[i] = s.phi[i] * first + a[i + 1];
  a[r - 1] = s.phi[r - 1] * first;
}

}  // namespace

std::string ArimaOrder::describe() const {
  std::string text = fmt::format("arima({},{},{})", p, d, q);
  if (m > 1 && P + D + Q > 0) text += fmt::format("({},{},{})[{}]", P, D, Q, m);
  if (constant) text += d + D == 0 ? " with mean" : " with drift";
  return text;
}

std::vector<double> expanded_ar(const ArmaCoefficients& c, int m) {
  const auto poly = multiply(lag_polynomial(c.ar, 1, -1), lag_polynomial(c.sar, m, -1));
  std::vector<double> out(poly.size() - 1);
  for (std::size_t k = 1; k < poly.size(); ++k) out[k - 1] = -poly[k];
  return out;
}

std::vector<double> expanded_ma(const ArmaCoefficients& c, int m) {
  const auto poly = multiply(lag_polynomial(c.ma, 1, 1), lag_polynomial(c.sma, m, 1));
  return {poly.begin() + 1, poly.end()};
}

std::vector<double> differencing_coefficients(int d, int D, int m) {
  std::vector<double> poly = {1.0};
  for (int i = 0; i < d; ++i) poly = multiply(poly, {1.0, -1.0});
  for (int i = 0; i < D; ++i) poly = multiply(poly, lag_polynomial({1.0}, m, -1));
  std::vector<double> out(poly.size() - 1);
  for (std::size_t k = 1; k < poly.size(); ++k) out[k - 1] = -poly[k];
  return out;
}

std::vector<double> difference(std::span<const double> y, int d, int D, int m) {
  std::vector<double> x(y.begin(), y.end());
  auto lag_difference = [&x](std::size_t lag) {
    if (x.size() <= lag) {
      x.clear();
      return;
    }
    for (std::size_t t = x.size() - 1; t >= lag; --t) {
      x[t] -= x[t - lag];
      if (t == lag) break;
    }
    x.erase(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(lag));
  };
  for (int i = 0; i < d; ++i) lag_difference(1);
  for (int i = 0; i < D; ++i) lag_difference(static_cast<std::size_t>(m));
  return x;
}

Eigen::MatrixXd stationary_state_covariance(std::span<const double> ar, std::span<const double> ma) {
  const ArmaStateSpace s = state_space(ar, ma);
  const Eigen::Index r = s.size();
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(r, r);
  a.col(0) = s.phi;
  for (Eigen::Index i = 0; i + 1 < r; ++i) a(i, i + 1) = 1;
  Eigen::MatrixXd p = s.loading * s.loading.transpose();
  // After k steps P = Σ_{j<2ᵏ} Tʲ RR′ T′ʲ; the terms shrink like ρ(T)^{2ᵏ}, so even a root at
  // 0.9999 needs only ~20 doublings.
  for (int iteration = 0; iteration < 64; ++iteration) {
    const Eigen::MatrixXd term = a * p * a.transpose();
    p += term;
    if (!(term.cwiseAbs().maxCoeff() > 1e-13 * p.cwiseAbs().maxCoeff())) break;
    a = a * a;
  }
  return p;
}

KalmanResult kalman_filter(std::span<const double> x, std::span<const double> ar, std::span<const double> ma) {
  const ArmaStateSpace s = state_space(ar, ma);
  const Eigen::Index r = s.size();
  KalmanResult out;
  Eigen::VectorXd a = Eigen::VectorXd::Zero(r);
  Eigen::MatrixXd p = stationary_state_covariance(ar, ma);
  Eigen::MatrixXd updated(r, r), scratch(r, r);
  Eigen::VectorXd gain(r);
  bool steady = false;
  for (double value : x) {
    const double v = value - a[0];
    if (steady) {
      // P_{t|t−1} = RR′, F = 1, gain R: the innovations recursion.
      out.sum_scaled_sq += v * v;
      a += s.loading * v;
    } else {
      const double f = p(0, 0);
      out.sum_log_f += std::log(f);
      out.sum_scaled_sq += v * v / f;
      gain = p.col(0) / f;
      a += gain * v;
      // P_{t|t} = P − P·Z′Z·P / F. The filtered state is known exactly once P_{t|t} vanishes (it
      // does for an invertible MA; after p steps for a pure AR): from then on the prediction
      // covariance is RR′ for good.
      double largest = 0;
      for (Eigen::Index j = 0; j < r; ++j) {
        const double top = p(0, j);
        for (Eigen::Index i = 0; i < r; ++i) {
          updated(i, j) = p(i, j) - gain[i] * top;
          largest = std::max(largest, std::abs(updated(i, j)));
        }
      }
      steady = largest < 1e-10;
      predict_covariance(s, updated, p, scratch);
    }
    predict_state(s, a);
    ++out.count;
  }
  out.next_state = a;
  return out;
}

double log_likelihood(const KalmanResult& k, double sigma2) {
  const auto n = static_cast<double>(k.count);
  return -0.5 * (n * std::log(2 * std::numbers::pi * sigma2) + k.sum_log_f + k.sum_scaled_sq / sigma2);
}

double profile_sigma2(const KalmanResult& k) { return k.sum_scaled_sq / static_cast<double>(k.count); }

double profile_log_likelihood(const KalmanResult& k) { return log_likelihood(k, profile_sigma2(k)); }

double conditional_sum_of_squares(std::span<const double> x, std::span<const double> ar,
                                  std::span<const double> ma, std::size_t& count) {
  const std::size_t p = ar.size(), q = ma.size();
  std::vector<double> e(x.size(), 0.0);
  double sum = 0;
  count = 0;
  for (std::size_t t = p; t < x.size(); ++t) {
    double residual = x[t];
    for (std::size_t i = 0; i < p; ++i) residual -= ar[i] * x[t - 1 - i];
    for (std::size_t j = 0; j < q && j < t; ++j) residual -= ma[j] * e[t - 1 - j];
    e[t] = residual;
    sum += residual * residual;
    ++count;
  }
  return sum;
}

std::vector<double> psi_weights(std::span<const double> ar, std::span<const double> ma, int count) {
  std::vector<double> psi(static_cast<std::size_t>(std::max(count, 0)), 0.0);
  for (std::size_t j = 0; j < psi.size(); ++j) {
    double value = j == 0 ? 1.0 : (j <= ma.size() ? ma[j - 1] : 0.0);
    for (std::size_t i = 1; i <= std::min(j, ar.size()); ++i) value += ar[i - 1] * psi[j - i];
    psi[j] = value;
  }
  return psi;
}

double largest_inverse_root(std::span<const double> c) {
  if (c.empty()) return 0;
  const auto k = static_cast<Eigen::Index>(c.size());
  Eigen::MatrixXd companion = Eigen::MatrixXd::Zero(k, k);
  for (Eigen::Index i = 0; i < k; ++i) companion(0, i) = c[static_cast<std::size_t>(i)];
  for (Eigen::Index i = 1; i < k; ++i) companion(i, i - 1) = 1;
  return Eigen::EigenSolver<Eigen::MatrixXd>(companion, false).eigenvalues().cwiseAbs().maxCoeff();
}

}  // namespace seatsync::forecast_detail
