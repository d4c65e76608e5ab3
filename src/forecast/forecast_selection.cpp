#include "forecast_selection.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <future>
#include <limits>
#include <stdexcept>

namespace seatsync::forecast_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A method fitted to the whole series and its point forecasts after each fold's origin.
struct Candidate {
  std::string name;
  std::unique_ptr<FittedForecaster> full;
  std::vector<std::vector<double>> fold_means;
  std::string error;
};

// The first `length` values, with the regressors cut to `length + horizon`.
TimeSeries prefix(const TimeSeries& series, std::size_t length, int horizon) {
  TimeSeries out{{series.values.begin(), series.values.begin() + static_cast<std::ptrdiff_t>(length)},
                 series.start, series.season_length, {}};
  for (const auto& r : series.regressors) {
    out.regressors.push_back(
        {r.name, {r.values.begin(), r.values.begin() + static_cast<std::ptrdiff_t>(length) + horizon}});
  }
  return out;
}

Candidate evaluate(const std::string& name, const ForecastMethod& method, const TimeSeries& series,
                   const ForecastSettings& settings, const SelectionPlan& plan) {
  Candidate c{name, nullptr, {}, {}};
  try {
    c.full = method(series, settings);
    ForecastSettings fold_settings = settings;
    fold_settings.horizon = plan.fold_horizon;
    for (int fold = 0; fold < plan.folds; ++fold) {
      const std::size_t origin = series.values.size() - static_cast<std::size_t>((plan.folds - fold) * plan.fold_horizon);
      const TimeSeries train = prefix(series, origin, plan.fold_horizon);
      std::unique_ptr<FittedForecaster> fitted = c.full->refit(train, fold_settings);
      if (!fitted) fitted = method(train, fold_settings);
      Forecast f = fitted->forecast(plan.fold_horizon, {});
      bound_forecast(f, settings);
      c.fold_means.push_back(std::move(f.mean));
    }
  } catch (const std::exception& e) {
    c.full.reset();
    c.fold_means.clear();
    c.error = e.what();
  }
  return c;
}

double fold_mae(const std::vector<std::vector<double>>& fold_means, const TimeSeries& series, const SelectionPlan& plan) {
  double total = 0;
  std::size_t count = 0;
  for (int fold = 0; fold < plan.folds; ++fold) {
    const std::size_t origin = series.values.size() - static_cast<std::size_t>((plan.folds - fold) * plan.fold_horizon);
    for (int h = 0; h < plan.fold_horizon; ++h) {
      total += std::abs(series.values[origin + static_cast<std::size_t>(h)] - fold_means[fold][h]);
      ++count;
    }
  }
  return total / static_cast<double>(count);
}

std::vector<Candidate> evaluate_all(const TimeSeries& series, const ForecastSettings& settings, const SelectionPlan& plan) {
  // Methods are independent: fit them side by side.
  std::vector<std::future<Candidate>> running;
  for (const std::string& name : forecast_method_names()) {
    running.push_back(std::async(std::launch::async, [&, name] {
      return evaluate(name, *find_forecast_method(name), series, settings, plan);
    }));
  }
  std::vector<Candidate> out;
  for (auto& f : running) out.push_back(f.get());
  return out;
}

// The scored candidates, best first; unscorable ones last.
std::vector<const Candidate*> ranked(const std::vector<Candidate>& candidates, const std::vector<double>& mae) {
  std::vector<const Candidate*> order;
  for (const auto& c : candidates) order.push_back(&c);
  auto score = [&](const Candidate* c) {
    const double s = mae[static_cast<std::size_t>(c - candidates.data())];
    return std::isnan(s) ? HUGE_VAL : s;
  };
  std::stable_sort(order.begin(), order.end(), [&](auto* a, auto* b) { return score(a) < score(b); });
  return order;
}

std::vector<double> scores_of(const std::vector<Candidate>& candidates, const TimeSeries& series, const SelectionPlan& plan) {
  std::vector<double> mae;
  for (const auto& c : candidates) mae.push_back(c.full ? fold_mae(c.fold_means, series, plan) : kNaN);
  return mae;
}

std::vector<const Candidate*> ensemble_members(const std::vector<const Candidate*>& order, int size) {
  std::vector<const Candidate*> members;
  for (const Candidate* c : order) {
    if (c->full && static_cast<int>(members.size()) < size) members.push_back(c);
  }
  return members;
}

double ensemble_mae(const std::vector<const Candidate*>& members, const TimeSeries& series, const SelectionPlan& plan) {
  std::vector<std::vector<double>> mean(plan.folds, std::vector<double>(plan.fold_horizon, 0.0));
  for (const Candidate* c : members) {
    for (int fold = 0; fold < plan.folds; ++fold) {
      for (int h = 0; h < plan.fold_horizon; ++h) mean[fold][h] += c->fold_means[fold][h] / members.size();
    }
  }
  return fold_mae(mean, series, plan);
}

// The members' forecasts averaged, point by point and bound by bound (quantile averaging).
Forecast average_forecasts(const std::vector<const Candidate*>& members, const ForecastSettings& settings) {
  Forecast out;
  std::vector<std::string> names;
  for (const Candidate* c : members) {
    Forecast f = c->full->forecast(settings.horizon, settings.levels);
    bound_forecast(f, settings);
    names.push_back(f.method);
    const double w = 1.0 / static_cast<double>(members.size());
    if (out.mean.empty()) {
      out.mean.assign(f.mean.size(), 0.0);
      for (const auto& interval : f.intervals) {
        out.intervals.push_back({interval.level, std::vector<double>(f.mean.size(), 0.0),
                                 std::vector<double>(f.mean.size(), 0.0)});
      }
    }
    for (std::size_t h = 0; h < f.mean.size(); ++h) {
      out.mean[h] += w * f.mean[h];
      for (std::size_t i = 0; i < f.intervals.size(); ++i) {
        out.intervals[i].lower[h] += w * f.intervals[i].lower[h];
        out.intervals[i].upper[h] += w * f.intervals[i].upper[h];
      }
    }
  }
  out.method = fmt::format("ensemble({})", fmt::join(names, ", "));
  return out;
}

std::string failures(const std::vector<Candidate>& candidates) {
  std::vector<std::string> reasons;
  for (const auto& c : candidates) reasons.push_back(fmt::format("{}: {}", c.name, c.error));
  return fmt::format("no forecasting method could be fitted ({})", fmt::join(reasons, "; "));
}

}  // namespace

SelectionPlan plan_selection(std::size_t length, int season_length, int horizon) {
  const int n = static_cast<int>(length);
  const int min_train = std::max(2 * season_length, 10);
  int fold_horizon = std::max(std::min(horizon, n / 5), std::min(season_length, horizon));
  for (int folds = 3; folds >= 1; --folds) {
    if (n - folds * fold_horizon >= min_train) return {folds, fold_horizon};
  }
  fold_horizon = n - min_train;
  if (fold_horizon < 1) {
    throw std::invalid_argument(fmt::format(
        "the series has {} values; choosing a method needs at least {} (two seasons and a held-out step)", n,
        min_train + 1));
  }
  return {1, fold_horizon};
}

namespace {

struct Scored {
  std::vector<Candidate> candidates;
  std::vector<double> mae;
  std::vector<const Candidate*> order;    // best first
  std::vector<const Candidate*> members;  // the ensemble's
  double ensemble = kNaN;                 // its cross-validated error
  std::vector<MethodScore> table;         // best first, the ensemble among them
};

Scored score_all(const TimeSeries& series, const ForecastSettings& settings, int ensemble_size) {
  const SelectionPlan plan = plan_selection(series.values.size(), series.season_length, settings.horizon);
  Scored s;
  s.candidates = evaluate_all(series, settings, plan);
  s.mae = scores_of(s.candidates, series, plan);
  s.order = ranked(s.candidates, s.mae);
  s.members = ensemble_members(s.order, ensemble_size);
  for (const Candidate* c : s.order) {
    s.table.push_back({c->name, c->full ? c->full->description() : "",
                       s.mae[static_cast<std::size_t>(c - s.candidates.data())], c->error});
  }
  if (s.members.size() > 1) {
    s.ensemble = ensemble_mae(s.members, series, plan);
    std::vector<std::string> names;
    for (const Candidate* c : s.members) names.push_back(c->full->description());
    s.table.push_back({"ensemble", fmt::format("ensemble({})", fmt::join(names, ", ")), s.ensemble, ""});
    std::stable_sort(s.table.begin(), s.table.end(), [](const MethodScore& a, const MethodScore& b) {
      return (std::isnan(a.mae) ? HUGE_VAL : a.mae) < (std::isnan(b.mae) ? HUGE_VAL : b.mae);
    });
  }
  return s;
}

}  // namespace

std::vector<MethodScore> score_methods(const TimeSeries& series, const ForecastSettings& settings, int ensemble_size) {
  return score_all(series, settings, ensemble_size).table;
}

Forecast forecast_selected(const TimeSeries& series, const ForecastSettings& settings, bool ensemble) {
  Scored s = score_all(series, settings, 3);
  if (!s.order.front()->full) throw std::invalid_argument(failures(s.candidates));
  const double best = s.mae[static_cast<std::size_t>(s.order.front() - s.candidates.data())];
  const bool use_ensemble = s.members.size() > 1 && (ensemble || s.ensemble < best);
  Forecast f = use_ensemble ? average_forecasts(s.members, settings)
                            : s.order.front()->full->forecast(settings.horizon, settings.levels);
  f.candidates = std::move(s.table);
  return f;
}

}  // namespace seatsync::forecast_detail
