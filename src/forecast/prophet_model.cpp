#include "prophet_model.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

#include "forecast_intervals.hpp"
#include "forecast_methods.hpp"

namespace seatsync::forecast_detail {
namespace {

double scaled_time(std::size_t row, std::size_t history) {
  return static_cast<double>(row) / static_cast<double>(history - 1);
}

// Prophet's scale: y / max|y|, so the priors mean the same on every series.
double value_scale(const std::vector<double>& y) {
  double scale = 0;
  for (double v : y) scale = std::max(scale, std::abs(v));
  return scale > 0 ? scale : 1.0;
}

}  // namespace

FittedProphet::FittedProphet(const TimeSeries& series, const ForecastSettings& settings, const ProphetOptions& options,
                             const ProphetStructure& structure, const FittedProphet* warm_start)
    : options_(options),
      structure_(structure),
      features_(structure, series, settings),
      history_(series.values.size()),
      y_scale_(value_scale(series.values)),
      changepoints_(changepoint_grid(series.values.size(), structure)),
      lower_bound_(settings.nonnegative ? 0.0 : -HUGE_VAL),
      upper_bound_(settings.cap ? *settings.cap : HUGE_VAL) {
  if (history_ < 3) throw std::invalid_argument("prophet needs a series of at least 3 values");
  if (lower_bound_ > upper_bound_) throw std::invalid_argument("the cap must be ≥ 0 for a nonnegative series");
  const auto n = static_cast<Eigen::Index>(history_);
  ProphetProblem problem;
  problem.t.resize(n);
  problem.y.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    problem.t(i) = scaled_time(static_cast<std::size_t>(i), history_);
    problem.y(i) = series.values[static_cast<std::size_t>(i)] / y_scale_;
  }
  problem.changepoints = changepoints_;
  problem.features = features_.rows(0, history_);
  problem.feature_prior_sd = features_.prior_sd(options_);
  problem.changepoint_prior = options_.changepoint_prior;

  if (warm_start == nullptr) {
    params_ = fit_prophet_map(problem);
    return;
  }
  // The old fit's parameters in this series' units: values scale by the ratio of the scales,
  // rates also by the ratio of the time spans (time runs 0 … 1 over each history).
  ProphetParameters start = warm_start->params_;
  const double value_ratio = warm_start->y_scale_ / y_scale_;
  const double rate_ratio =
      value_ratio * static_cast<double>(history_ - 1) / static_cast<double>(warm_start->history_ - 1);
  start.k *= rate_ratio;
  start.m *= value_ratio;
  start.delta *= rate_ratio;
  start.beta *= value_ratio;
  start.sigma *= value_ratio;
  params_ = fit_prophet_map(problem, &start);
}

double FittedProphet::trend(double t) const {
  double value = params_.k * t + params_.m;
  for (std::size_t j = 0; j < changepoints_.size(); ++j) {
    value += params_.delta(static_cast<Eigen::Index>(j)) * std::max(t - changepoints_[j], 0.0);
  }
  return value;
}

Forecast FittedProphet::forecast(int horizon, std::span<const double> levels) const {
  if (horizon < 0) throw std::invalid_argument("the horizon must not be negative");
  const auto steps = static_cast<std::size_t>(horizon);
  const Eigen::MatrixXd future = features_.rows(history_, steps);
  const Eigen::VectorXd seasonal = future * params_.beta;
  std::vector<double> t(steps), base(steps), mean(steps);
  for (std::size_t h = 0; h < steps; ++h) {
    t[h] = scaled_time(history_ + h, history_);
    base[h] = trend(t[h]) + seasonal(static_cast<Eigen::Index>(h));
    mean[h] = std::clamp(y_scale_ * base[h], lower_bound_, upper_bound_);
  }
  Forecast out{description(), mean, {}, {}};
  if (levels.empty() || steps == 0) return out;  // cross-validation needs no intervals

  // Future trend changes: a Poisson number on (1, T] at the history's rate of S changepoints
  // per unit of scaled time, at uniform times, each a Laplace(0, mean |δ|) rate change.
  std::mt19937_64 rng(options_.seed);
  const double horizon_span = t.back() - 1.0;
  const double change_rate = static_cast<double>(changepoints_.size());
  const double mean_abs_delta = params_.delta.size() > 0 ? params_.delta.cwiseAbs().mean() + 1e-8 : 0.0;
  std::poisson_distribution<int> change_count(std::max(change_rate * horizon_span, 1e-12));
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::exponential_distribution<double> laplace_size(1.0 / std::max(mean_abs_delta, 1e-12));
  std::normal_distribution<double> noise(0.0, params_.sigma);

  std::vector<std::vector<double>> paths(static_cast<std::size_t>(options_.paths), std::vector<double>(steps));
  std::vector<std::pair<double, double>> changes;  // (time, δ)
  for (auto& path : paths) {
    changes.clear();
    const int count = change_rate > 0 ? change_count(rng) : 0;
    for (int c = 0; c < count; ++c) {
      const double at = 1.0 + uniform(rng) * horizon_span;
      const double size = laplace_size(rng) * (uniform(rng) < 0.5 ? -1.0 : 1.0);
      changes.emplace_back(at, size);
    }
    for (std::size_t h = 0; h < steps; ++h) {
      double value = base[h];
      for (const auto& [at, size] : changes) value += size * std::max(t[h] - at, 0.0);
      value += noise(rng);
      // A count cannot go below zero, nor sales above capacity: each path is a possible future.
      path[h] = std::clamp(y_scale_ * value, lower_bound_, upper_bound_);
    }
  }
  out.intervals = sample_intervals(paths, horizon, levels);
  return out;
}

std::unique_ptr<FittedForecaster> FittedProphet::refit(const TimeSeries& series, const ForecastSettings& settings) const {
  return std::make_unique<FittedProphet>(series, settings, options_, structure_, this);
}

std::vector<std::pair<double, double>> FittedProphet::rate_changes() const {
  std::vector<std::pair<double, double>> out;
  const double per_period = y_scale_ / static_cast<double>(history_ - 1);
  for (std::size_t j = 0; j < changepoints_.size(); ++j) {
    out.emplace_back(changepoints_[j] * static_cast<double>(history_ - 1),
                     params_.delta(static_cast<Eigen::Index>(j)) * per_period);
  }
  return out;
}

double FittedProphet::initial_rate() const { return params_.k * y_scale_ / static_cast<double>(history_ - 1); }

std::unique_ptr<FittedForecaster> fit_prophet_with(const TimeSeries& series, const ForecastSettings& settings,
                                                   const ProphetOptions& options) {
  const ProphetStructure structure = choose_prophet_structure(series, settings, options);
  return std::make_unique<FittedProphet>(series, settings, options, structure, nullptr);
}

std::unique_ptr<FittedForecaster> fit_prophet(const TimeSeries& series, const ForecastSettings& settings) {
  ProphetOptions options;
  options.federal_holidays = settings.federal_holidays;
  return fit_prophet_with(series, settings, options);
}

}  // namespace seatsync::forecast_detail
