// "theta": the Theta method of Assimakopoulos & Nikolopoulos (2000) in Hyndman & Billah's (2003)
// form — simple exponential smoothing (ETS(A,N,N) by maximum likelihood) plus a drift of half
// the slope of the least-squares line — on the series deseasonalised by a classical
// multiplicative decomposition when forecast::thetaf's 90% autocorrelation test finds a season.
// Intervals are thetaf's: the SES model's, σ·√(1 + (h − 1)α²), around the reseasonalised mean.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <stdexcept>

#include "ets_decomposition.hpp"
#include "ets_fit.hpp"
#include "forecast_intervals.hpp"
#include "forecast_methods.hpp"

namespace seatsync::forecast_detail {
namespace {

// thetaf's test: the lag-m autocorrelation against its standard error under the hypothesis
// of no correlation beyond lag m − 1 (Bartlett), one-sided at 90%.
bool seasonal_at_90(std::span<const double> y, int m) {
  const std::size_t n = y.size();
  if (m < 2 || n <= 2 * static_cast<std::size_t>(m)) return false;
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
  double denominator = 0;
  for (double v : y) denominator += (v - mean) * (v - mean);
  if (!(denominator > 0)) return false;  // constant
  auto acf = [&](int lag) {
    double sum = 0;
    for (std::size_t t = 0; t + static_cast<std::size_t>(lag) < n; ++t) {
      sum += (y[t] - mean) * (y[t + static_cast<std::size_t>(lag)] - mean);
    }
    return sum / denominator;
  };
  double sum_squares = 0;
  for (int k = 1; k < m; ++k) sum_squares += acf(k) * acf(k);
  const double standard_error = std::sqrt((1 + 2 * sum_squares) / static_cast<double>(n));
  return std::abs(acf(m)) / standard_error > normal_quantile_for_level(80);  // qnorm(0.95)
}

class FittedTheta final : public FittedForecaster {
 public:
  FittedTheta(std::vector<double> y, int m) {
    const std::size_t n = y.size();
    // The multiplicative decomposition is only meaningful for positive data (thetaf does not
    // check; a zero would make its seasonal indices degenerate).
    const bool positive = *std::min_element(y.begin(), y.end()) > 0;
    if (positive && seasonal_at_90(y, m)) {
      std::vector<double> seasonal = classical_seasonal(y, m, true);
      if (std::all_of(seasonal.begin(), seasonal.end(), [](double s) { return std::abs(s) >= 1e-4; })) {
        for (std::size_t t = 0; t < n; ++t) y[t] /= seasonal[t];
        // The indices for the next season, in order: thetaf's tail(seasonal, m).
        future_indices_.assign(seasonal.end() - m, seasonal.end());
      }
    }
    std::optional<EtsFit> ses = fit_ets_components({EtsError::additive, EtsTrend::none, EtsSeason::none, 1}, y);
    if (!ses) throw std::invalid_argument("theta: simple exponential smoothing could not be fitted");
    level_ = ses->filtered.final_state.level;
    alpha_ = std::max(1e-10, ses->parameters.alpha);
    sigma2_ = ses->sigma2;
    // Half the slope of the least-squares line through (t, y_t), t = 0…n − 1: the θ = 2 line's
    // contribution once combined with the θ = 0 line (Hyndman & Billah 2003).
    const double t_mean = static_cast<double>(n - 1) / 2;
    const double y_mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
    double stt = 0, sty = 0;
    for (std::size_t t = 0; t < n; ++t) {
      stt += (static_cast<double>(t) - t_mean) * (static_cast<double>(t) - t_mean);
      sty += (static_cast<double>(t) - t_mean) * (y[t] - y_mean);
    }
    drift_ = sty / stt / 2;
    // The drift starts from where SES's exponentially weighted level sits: (1 − (1 − α)^n)/α.
    offset_ = (1 - std::pow(1 - alpha_, static_cast<double>(n))) / alpha_;
  }

  std::string description() const override { return "theta"; }

  Forecast forecast(int horizon, std::span<const double> levels) const override {
    std::vector<double> mean(static_cast<std::size_t>(horizon)), sd(static_cast<std::size_t>(horizon));
    for (int h = 1; h <= horizon; ++h) {
      double value = level_ + drift_ * ((h - 1) + offset_);
      if (!future_indices_.empty()) value *= future_indices_[static_cast<std::size_t>(h - 1) % future_indices_.size()];
      mean[static_cast<std::size_t>(h - 1)] = value;
      sd[static_cast<std::size_t>(h - 1)] = std::sqrt(sigma2_ * (1 + (h - 1) * alpha_ * alpha_));
    }
    return {description(), mean, normal_intervals(mean, sd, levels), {}};
  }

 private:
  std::vector<double> future_indices_;  // empty when not deseasonalised
  double level_ = 0, alpha_ = 1, sigma2_ = 0, drift_ = 0, offset_ = 1;
};

}  // namespace

std::unique_ptr<FittedForecaster> fit_theta(const TimeSeries& series, const ForecastSettings&) {
  const std::size_t needed = ets_minimum_length({EtsError::additive, EtsTrend::none, EtsSeason::none, 1});
  if (series.values.size() < needed) {
    throw std::invalid_argument(
        fmt::format("theta needs at least {} values; the series has {}", needed, series.values.size()));
  }
  return std::make_unique<FittedTheta>(series.values, series.season_length);
}

}  // namespace seatsync::forecast_detail
