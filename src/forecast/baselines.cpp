// The benchmark methods every forecast is judged against (Hyndman & Athanasopoulos, FPP3 §5.2):
// naive (the last value), seasonal naive (the value one season ago) and drift (the line through
// the first and last values). Their intervals are FPP3 Table 5.2's, with σ the standard
// deviation of the in-sample one-step residuals.
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "forecast_intervals.hpp"
#include "forecast_methods.hpp"

namespace seatsync::forecast_detail {
namespace {

enum class Baseline { naive, seasonal_naive, drift };

class FittedBaseline final : public FittedForecaster {
 public:
  FittedBaseline(Baseline kind, std::vector<double> values, int m) : kind_(kind), y_(std::move(values)), m_(m) {
    const std::size_t n = y_.size();
    slope_ = kind_ == Baseline::drift ? (y_.back() - y_.front()) / static_cast<double>(n - 1) : 0.0;
    const std::size_t lag = kind_ == Baseline::seasonal_naive ? static_cast<std::size_t>(m_) : 1;
    double sum = 0, sum_sq = 0;
    std::size_t count = 0;
    for (std::size_t t = lag; t < n; ++t) {
      const double e = y_[t] - y_[t - lag] - slope_;
      sum += e;
      sum_sq += e * e;
      ++count;
    }
    // Drift's residuals have mean zero by construction: one parameter is estimated, so divide by
    // count − 1; naive and seasonal naive estimate nothing.
    const double dof = kind_ == Baseline::drift ? static_cast<double>(count) - 1 : static_cast<double>(count);
    sigma_ = dof > 0 ? std::sqrt(kind_ == Baseline::drift ? (sum_sq - sum * sum / count) / dof : sum_sq / dof) : 0.0;
  }

  std::string description() const override {
    switch (kind_) {
      case Baseline::naive: return "naive";
      case Baseline::seasonal_naive: return fmt::format("seasonal_naive[{}]", m_);
      case Baseline::drift: return "drift";
    }
    return {};
  }

  Forecast forecast(int horizon, std::span<const double> levels) const override {
    const auto n = static_cast<double>(y_.size());
    std::vector<double> mean(horizon), sd(horizon);
    for (int h = 1; h <= horizon; ++h) {
      switch (kind_) {
        case Baseline::naive:
          mean[h - 1] = y_.back();
          sd[h - 1] = sigma_ * std::sqrt(h);
          break;
        case Baseline::seasonal_naive: {
          const int seasons_ahead = (h - 1) / m_;  // k in FPP3: whole seasons already passed
          mean[h - 1] = y_[y_.size() - static_cast<std::size_t>(m_) + static_cast<std::size_t>((h - 1) % m_)];
          sd[h - 1] = sigma_ * std::sqrt(seasons_ahead + 1);
          break;
        }
        case Baseline::drift:
          mean[h - 1] = y_.back() + slope_ * h;
          sd[h - 1] = sigma_ * std::sqrt(h * (1 + h / (n - 1)));
          break;
      }
    }
    return {description(), mean, normal_intervals(mean, sd, levels), {}};
  }

 private:
  Baseline kind_;
  std::vector<double> y_;
  int m_;
  double slope_ = 0;
  double sigma_ = 0;
};

std::unique_ptr<FittedForecaster> fit_baseline(Baseline kind, const TimeSeries& series) {
  const std::size_t needed = kind == Baseline::seasonal_naive ? static_cast<std::size_t>(series.season_length) + 1 : 2;
  if (series.season_length < 1) throw std::invalid_argument("the season length must be at least 1");
  if (series.values.size() < needed) {
    throw std::invalid_argument(fmt::format("the series has {} values; this method needs at least {}",
                                            series.values.size(), needed));
  }
  return std::make_unique<FittedBaseline>(kind, series.values, series.season_length);
}

}  // namespace

std::unique_ptr<FittedForecaster> fit_naive(const TimeSeries& series, const ForecastSettings&) {
  return fit_baseline(Baseline::naive, series);
}
std::unique_ptr<FittedForecaster> fit_seasonal_naive(const TimeSeries& series, const ForecastSettings&) {
  return fit_baseline(Baseline::seasonal_naive, series);
}
std::unique_ptr<FittedForecaster> fit_drift(const TimeSeries& series, const ForecastSettings&) {
  return fit_baseline(Baseline::drift, series);
}

}  // namespace seatsync::forecast_detail
