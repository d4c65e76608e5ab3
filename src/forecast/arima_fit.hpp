#pragma once
// Fitting one SARIMA order to a series: the differenced series is a regression on the constant
// (mean or drift) with ARMA errors; the ARMA and constant are estimated by conditional sum of
// squares first and then by exact maximum likelihood from there (R's arima "CSS-ML") — and, as a
// guard against local optima, from white noise too — all by NLopt's BOBYQA. Stationarity and invertibility hold by construction: each of the four lag polynomials
// is parametrised by its partial autocorrelations r = tanh(u) (Jones 1980; Monahan 1984).
#include <Eigen/Dense>
#include <limits>
#include <span>
#include <vector>

#include "arima_model.hpp"

namespace seatsync::forecast_detail {

struct ArimaFit {
  ArimaOrder order;
  ArmaCoefficients coefficients;
  double constant = 0;  // the mean (d + D = 0) or the drift per period (d + D = 1); 0 without
  double sigma2 = 0;    // innovation variance (ML: Σ v²/F ÷ n, as R's arima)
  double log_likelihood = 0;  // of the differenced series
  double aicc = std::numeric_limits<double>::infinity();
  std::size_t differenced_count = 0;  // n − d − mD
  // What forecasting needs of the series: its length, the last d + mD values of y − constant·x_t
  // and the predicted ARMA state after the last observation, with its covariance ÷ σ².
  std::size_t length = 0;
  std::vector<double> tail;
  Eigen::VectorXd next_state;
  Eigen::MatrixXd next_covariance;

  // Estimated parameters, σ² included (the k of AICc).
  int parameter_count() const;
  // σ² with the degrees of freedom the coefficients used, Σ v²/F ÷ (n − d − mD − coefficients):
  // what auto.arima forecasts with.
  double residual_variance() const;
};

// PACF values tanh(u₁…u_k) to the coefficients of a stationary 1 − Σ φᵢBⁱ (Durbin–Levinson).
std::vector<double> coefficients_from_partial_autocorrelations(std::span<const double> u);

enum class ArimaEstimation {
  css_ml,  // CSS for start values, then exact ML: the fit everything uses
  css,     // CSS alone, for the order search on long series (R's approximation = TRUE): σ² is
           // the mean squared CSS residual, log_likelihood the CSS one, aicc and the state unset
};

// std::invalid_argument when the order is invalid (a constant with d + D ≥ 2, negative orders)
// or the series is too short for it.
ArimaFit fit_arima_order(std::span<const double> y, const ArimaOrder& order,
                         ArimaEstimation estimation = ArimaEstimation::css_ml);

struct ArimaPrediction {
  std::vector<double> mean, sd;
};

// Kalman prediction on the integrated model: the state is the ARMA state plus the last d + mD
// values of y − constant·x (known exactly), the ARMA part starting from a_{n+1|n} with covariance
// σ²P_{n+1|n}, so the end-of-sample uncertainty of the state is in the variances (which the
// ψ-weights σ²Σψⱼ² alone leave out). σ² is the residual variance.
ArimaPrediction predict_arima(const ArimaFit& fit, int horizon);

}  // namespace seatsync::forecast_detail
