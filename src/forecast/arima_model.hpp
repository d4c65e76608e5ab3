#pragma once
// The SARIMA model's arithmetic: lag polynomials, differencing, and the exact Gaussian likelihood
// of an ARMA process in state-space form by the Kalman filter (Harvey 1989 §3.3; Durbin & Koopman
// 2012 §3.4), plus the conditional sum of squares used for start values. No estimation here.
#include <Eigen/Dense>
#include <span>
#include <string>
#include <vector>

namespace seatsync::forecast_detail {

// SARIMA(p,d,q)(P,D,Q)[m]. `constant` is R's forecast::Arima include.mean / include.drift: a
// mean when d + D = 0, a drift (a linear trend in the undifferenced series) when d + D = 1;
// it is not allowed for d + D ≥ 2 (a constant there would be a quadratic trend).
struct ArimaOrder {
  int p = 0, d = 0, q = 0;
  int P = 0, D = 0, Q = 0;
  int m = 1;
  bool constant = false;

  bool operator==(const ArimaOrder&) const = default;
  // "arima(1,0,1)(1,1,1)[7] with drift"; the seasonal part only when m > 1.
  std::string describe() const;
};

// Sign conventions as R's arima: φ(B) = 1 − φ₁B − …, θ(B) = 1 + θ₁B + …; the seasonal
// polynomials Φ(Bᵐ), Θ(Bᵐ) likewise.
struct ArmaCoefficients {
  std::vector<double> ar, ma, sar, sma;
};

// φ(B)Φ(Bᵐ) multiplied out, as the coefficients c₁…c_{p+mP} of x_t = Σ cᵢ x_{t−i} + …
std::vector<double> expanded_ar(const ArmaCoefficients& c, int m);
// θ(B)Θ(Bᵐ) multiplied out, as the coefficients c₁…c_{q+mQ} of … + e_t + Σ cⱼ e_{t−j}.
std::vector<double> expanded_ma(const ArmaCoefficients& c, int m);

// (1 − B)ᵈ(1 − Bᵐ)ᴰ as the coefficients δ₁…δ_{d+mD} of y_t = Σ δₖ y_{t−k} + w_t.
std::vector<double> differencing_coefficients(int d, int D, int m);
// w_t = (1 − B)ᵈ(1 − Bᵐ)ᴰ y_t: d + mD values shorter than y.
std::vector<double> difference(std::span<const double> y, int d, int D, int m);

// The Kalman filter's output for an ARMA process with unit innovation variance: the exact
// log-likelihood for innovation variance σ² is −½(n log 2πσ² + Σ log F_t + Σ v_t²/F_t / σ²).
struct KalmanResult {
  double sum_log_f = 0;    // Σ log F_t
  double sum_scaled_sq = 0;  // Σ v_t² / F_t
  std::size_t count = 0;   // observations filtered
  Eigen::VectorXd next_state;  // a_{n+1|n}: the predicted state after the last observation
  Eigen::MatrixXd next_covariance;  // P_{n+1|n} ÷ σ², when asked for (else empty)
};

// Filters x (already differenced, mean removed) through ARMA(ar, ma) given as expanded
// coefficients. The initial state covariance is the stationary one, so the likelihood is exact;
// the covariance itself is carried by the Chandrasekhar recursions, O(r) per step. With
// `with_covariance` the full P_{n+1|n} is accumulated as well (O(r²) per step: once per fit, for
// the forecast variances, never inside the optimiser).
KalmanResult kalman_filter(std::span<const double> x, std::span<const double> ar, std::span<const double> ma,
                           bool with_covariance = false);

// The log-likelihood at a given σ², and at the σ² that maximises it (Σ v²/F / n).
double log_likelihood(const KalmanResult& k, double sigma2);
double profile_log_likelihood(const KalmanResult& k);
double profile_sigma2(const KalmanResult& k);

// The stationary covariance of the state (T, R) of an ARMA(ar, ma): the solution of the discrete
// Lyapunov equation P = TPT′ + RR′, by the doubling iteration P ← P + APA′, A ← A²
// (P = Σ Tᵏ RR′ T′ᵏ). The filter needs only its first column (below); the whole matrix is the
// reference that column is checked against.
Eigen::MatrixXd stationary_state_covariance(std::span<const double> ar, std::span<const double> ma);

// Its first column, Cov(α_t, x_t), from the autocovariances γ(0…r) of the ARMA (solved from the
// first p + 1 Yule–Walker-type equations, Brockwell & Davis 1991 §3.3) and the ψ-weights: all
// the filter needs, at O(p³ + r²) instead of the doubling's O(r³ log).
Eigen::VectorXd stationary_state_covariance_column(std::span<const double> ar, std::span<const double> ma);

// Conditional sum of squares: residuals e_t = x_t − Σ arᵢ x_{t−i} − Σ maⱼ e_{t−j} from
// t = len(ar) on, with the earlier residuals taken as zero. Returns Σ e² and sets `count`.
double conditional_sum_of_squares(std::span<const double> x, std::span<const double> ar,
                                  std::span<const double> ma, std::size_t& count);

// ψ₀…ψ_{count−1} of x_t = Σ ψⱼ e_{t−j} for the (possibly non-stationary) ARMA(ar, ma).
std::vector<double> psi_weights(std::span<const double> ar, std::span<const double> ma, int count);

// The largest modulus among the inverse roots of 1 − Σ cᵢ zⁱ (0 for an empty polynomial): the
// process is stationary (or invertible, for −ma) when it is below 1.
double largest_inverse_root(std::span<const double> c);

}  // namespace seatsync::forecast_detail
