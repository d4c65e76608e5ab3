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

Eigen::VectorXd stationary_state_covariance_column(std::span<const double> ar, std::span<const double> ma) {
  const ArmaStateSpace s = state_space(ar, ma);
  const Eigen::Index r = s.size();
  const auto p = static_cast<Eigen::Index>(ar.size());
  const std::vector<double> psi = psi_weights(ar, ma, static_cast<int>(r) + 1);
  // c_k = Σ_{j≥k} θⱼ ψ_{j−k} (θ₀ = 1) = E[x_t e_{t−k}]-weighted MA part of γ(k) − Σ φᵢ γ(k − i).
  auto c = [&](Eigen::Index k) {
    double sum = 0;
    for (Eigen::Index j = k; j < r; ++j) sum += s.loading[j] * psi[static_cast<std::size_t>(j - k)];
    return sum;
  };
  // γ(0…p) from the (p+1)×(p+1) system γ(k) − Σ φᵢ γ(|k − i|) = c_k; beyond p by the recursion.
  Eigen::MatrixXd system = Eigen::MatrixXd::Identity(p + 1, p + 1);
  Eigen::VectorXd rhs(p + 1);
  for (Eigen::Index k = 0; k <= p; ++k) {
    for (Eigen::Index i = 1; i <= p; ++i) system(k, std::abs(k - i)) -= s.phi[i - 1];
    rhs[k] = c(k);
  }
  Eigen::VectorXd gamma = Eigen::VectorXd::Zero(r + 1);
  gamma.head(p + 1) = system.partialPivLu().solve(rhs);
  for (Eigen::Index k = p + 1; k <= r; ++k) {
    double value = c(k);
    for (Eigen::Index i = 1; i <= p; ++i) value += s.phi[i - 1] * gamma[k - i];
    gamma[k] = value;
  }
  // α_t[i] = Σ_{j=0}^{r−1−i} (φ_{i+j+1} x_{t−1−j} + R_{i+j} e_{t−j}), so
  // Cov(α_t[i], x_t) = Σ_j (φ_{i+j+1} γ(j + 1) + R_{i+j} ψⱼ).
  Eigen::VectorXd column = Eigen::VectorXd::Zero(r);
  for (Eigen::Index i = 0; i < r; ++i) {
    for (Eigen::Index j = 0; i + j < r; ++j) {
      column[i] += s.phi[i + j] * gamma[j + 1] + s.loading[i + j] * psi[static_cast<std::size_t>(j)];
    }
  }
  return column;
}

KalmanResult kalman_filter(std::span<const double> x, std::span<const double> ar, std::span<const double> ma,
                           bool with_covariance) {
  const ArmaStateSpace s = state_space(ar, ma);
  const Eigen::Index r = s.size();
  KalmanResult out;
  // Chandrasekhar recursions (Morf, Sidhu & Kailath 1974; Mélard 1984): with the stationary
  // initial covariance P₁, each P_{t+1} − P_t has rank one, L_t M_t L_t′, so the gain
  // K_t = T P_t Z′ and F_t = Z P_t Z′ update in O(r) per step instead of O(r²):
  //   F_{t+1} = F_t + M_t (Z L_t)²,  K_{t+1} = K_t + M_t (Z L_t) T L_t,
  //   L_{t+1} = T L_t − K_t (Z L_t) / F_t,  M_{t+1} = M_t F_t / F_{t+1};
  // P₂ − P₁ = −K₁K₁′/F₁ starts them (L₁ = K₁, M₁ = −1/F₁). Only P₁'s first column is needed.
  Eigen::VectorXd k = stationary_state_covariance_column(ar, ma);
  double f = k[0];
  predict_state(s, k);  // K₁ = T·P₁·Z′
  Eigen::VectorXd l = k;
  double mult = -1 / f;
  Eigen::VectorXd a = Eigen::VectorXd::Zero(r);
  const double* phi = s.phi.data();
  double* pa = a.data();
  double* pk = k.data();
  double* pl = l.data();
  // Σ log F as the log of a running product, flushed before it could overflow: F ≥ 1 always (the
  // one-step error is at least the innovation), and log() was an eighth of the fit's time.
  double product = 1;
  if (with_covariance) out.next_covariance = stationary_state_covariance(ar, ma);
  for (double value : x) {
    if (!(f > 0) || !std::isfinite(f)) {  // round-off at a (near) unit root: no likelihood
      product = NAN;
      break;
    }
    const double v = value - pa[0];
    if (f > 1e100) {
      out.sum_log_f += std::log(f);
    } else {
      product *= f;
      if (product > 1e200) {
        out.sum_log_f += std::log(product);
        product = 1;
      }
    }
    out.sum_scaled_sq += v * v / f;
    // One pass, in place (element i reads only elements i and i + 1 of the old vectors):
    //   a ← T a + K v / F,  T L kept in `shifted`,  L ← T L − K (Z L) / F,  K ← K + M (Z L) T L.
    if (with_covariance) out.next_covariance += mult * l * l.transpose();  // P_{t+1} = P_t + L_t M_t L_t′
    const double a0 = pa[0], l0 = pl[0];
    const double gain = v / f, l_gain = l0 / f, step = mult * l0;
    for (Eigen::Index i = 0; i < r; ++i) {
      const bool last = i + 1 == r;
      const double shifted = phi[i] * l0 + (last ? 0.0 : pl[i + 1]);
      pa[i] = phi[i] * a0 + (last ? 0.0 : pa[i + 1]) + pk[i] * gain;
      pl[i] = shifted - pk[i] * l_gain;
      pk[i] += shifted * step;
    }
    const double next_f = f + mult * l0 * l0;
    mult *= f / next_f;
    f = next_f;
    ++out.count;
  }
  out.sum_log_f += std::log(product);
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
  // Only the non-zero lags: a multiplied-out seasonal polynomial is mostly zeros.
  auto nonzero = [](std::span<const double> c) {
    std::vector<std::pair<std::size_t, double>> lags;
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (c[i] != 0) lags.emplace_back(i + 1, c[i]);
    }
    return lags;
  };
  const auto ar_lags = nonzero(ar), ma_lags = nonzero(ma);
  const std::size_t p = ar.size();
  std::vector<double> e(x.size(), 0.0);
  double sum = 0;
  count = 0;
  for (std::size_t t = p; t < x.size(); ++t) {
    double residual = x[t];
    for (const auto& [lag, c] : ar_lags) residual -= c * x[t - lag];
    for (const auto& [lag, c] : ma_lags) {
      if (lag <= t) residual -= c * e[t - lag];
    }
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
