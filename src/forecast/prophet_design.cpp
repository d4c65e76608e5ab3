#include "prophet_design.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>
#include <stdexcept>

#include "seatsync/features.hpp"

namespace seatsync::forecast_detail {
namespace {

constexpr double kWeek = 7.0;
constexpr double kYear = 365.25;

// The federal holidays of the days first … last, as (day, name) sorted by day: a holiday counts
// on its own date and on its observed day off (both change behaviour). Neighbouring years are
// asked too, as New Year's Day can be observed on December 31.
class FederalHolidays {
 public:
  FederalHolidays(Date first, Date last) {
    for (int year = first.year() - 1; year <= last.year() + 1; ++year) {
      for (const Holiday& h : us_federal_holidays(year)) {
        days_.emplace_back(h.date.days(), h.name);
        if (h.observed != h.date) days_.emplace_back(h.observed.days(), h.name);
      }
    }
    std::sort(days_.begin(), days_.end());
  }
  std::vector<std::string> on(Date d) const {
    std::vector<std::string> names;
    auto it = std::lower_bound(days_.begin(), days_.end(), std::pair<std::int32_t, std::string>{d.days(), ""});
    for (; it != days_.end() && it->first == d.days(); ++it) {
      if (std::find(names.begin(), names.end(), it->second) == names.end()) names.push_back(it->second);
    }
    return names;
  }

 private:
  std::vector<std::pair<std::int32_t, std::string>> days_;
};

bool seasonality_on(Seasonality choice, bool calendar, std::size_t length, int min_span) {
  if (!calendar) return false;
  switch (choice) {
    case Seasonality::on: return true;
    case Seasonality::off: return false;
    case Seasonality::automatic: return static_cast<int>(length) - 1 >= min_span;
  }
  return false;
}

// Mean and sd of the training part of a regressor.
std::pair<double, double> training_moments(const std::vector<double>& values, std::size_t history) {
  double sum = 0, sum_sq = 0;
  for (std::size_t i = 0; i < history; ++i) sum += values[i];
  const double mean = sum / static_cast<double>(history);
  for (std::size_t i = 0; i < history; ++i) sum_sq += (values[i] - mean) * (values[i] - mean);
  const double sd = history > 1 ? std::sqrt(sum_sq / static_cast<double>(history - 1)) : 0.0;
  return {mean, sd};
}

}  // namespace

ProphetStructure choose_prophet_structure(const TimeSeries& series, const ForecastSettings& settings,
                                          const ProphetOptions& options) {
  const std::size_t n = series.values.size();
  if (n < 3) throw std::invalid_argument(fmt::format("the series has {} values; prophet needs at least 3", n));
  ProphetStructure s;
  s.changepoint_range = options.changepoint_range;
  const auto grid_rows = static_cast<int>(std::floor(static_cast<double>(n) * options.changepoint_range));
  s.changepoints = std::clamp(grid_rows - 1, 0, options.changepoints);
  const bool calendar = series.start.has_value();
  if (seasonality_on(options.weekly, calendar, n, options.weekly_min_span)) s.weekly_order = options.weekly_order;
  if (seasonality_on(options.yearly, calendar, n, options.yearly_min_span)) s.yearly_order = options.yearly_order;
  if (calendar) {
    // Only holidays seen in the training data: an effect never observed stays at its prior's 0.
    const Date last = *series.start + static_cast<int>(n - 1);
    const FederalHolidays federal(*series.start, last);
    for (std::size_t i = 0; options.federal_holidays && i < n; ++i) {
      for (std::string& name : federal.on(*series.start + static_cast<int>(i))) {
        if (std::find(s.holidays.begin(), s.holidays.end(), name) == s.holidays.end()) s.holidays.push_back(name);
      }
    }
    if (std::any_of(settings.holidays.begin(), settings.holidays.end(),
                    [&](Date d) { return d >= *series.start && d <= last; })) {
      s.holidays.push_back(kExtraHolidays);
    }
  }
  for (const auto& r : series.regressors) {
    if (r.values.size() >= n && training_moments(r.values, n).second > 0) s.regressors.push_back(r.name);
  }
  return s;
}

std::vector<double> changepoint_grid(std::size_t history, const ProphetStructure& structure) {
  // As Prophet: the first floor(n · range) rows, cut into `changepoints` equal steps; the grid
  // is the rounded step ends (the first row is the trend's own start, not a change).
  const auto rows = static_cast<int>(std::floor(static_cast<double>(history) * structure.changepoint_range));
  std::vector<double> grid;
  for (int j = 1; j <= structure.changepoints; ++j) {
    const double index = std::round(static_cast<double>(j) * (rows - 1) / structure.changepoints);
    grid.push_back(index / static_cast<double>(history - 1));
  }
  return grid;
}

ProphetFeatures::ProphetFeatures(const ProphetStructure& structure, const TimeSeries& series,
                                 const ForecastSettings& settings)
    : start_(series.start),
      weekly_order_(structure.weekly_order),
      yearly_order_(structure.yearly_order),
      holidays_(structure.holidays) {
  for (Date d : settings.holidays) extra_days_.push_back(d.days());
  std::sort(extra_days_.begin(), extra_days_.end());
  for (const std::string& name : structure.regressors) {
    const auto it = std::find_if(series.regressors.begin(), series.regressors.end(),
                                 [&](const ForecastRegressor& r) { return r.name == name; });
    if (it == series.regressors.end()) {
      throw std::invalid_argument(fmt::format("the series has no regressor '{}' (the fitted model uses it)", name));
    }
    if (it->values.size() < series.values.size()) {
      throw std::invalid_argument(fmt::format("regressor '{}' has {} values for a series of {}", name,
                                              it->values.size(), series.values.size()));
    }
    auto [mean, sd] = training_moments(it->values, series.values.size());
    regressors_.push_back({name, it->values, mean, sd > 0 ? sd : 1.0});
  }
  if ((weekly_order_ > 0 || yearly_order_ > 0 || !holidays_.empty()) && !start_) {
    throw std::invalid_argument("calendar components need the series' start date");
  }
  columns_ = 2 * weekly_order_ + 2 * yearly_order_ + static_cast<int>(holidays_.size() + regressors_.size());
}

Eigen::MatrixXd ProphetFeatures::rows(std::size_t first, std::size_t count) const {
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(count), columns_);
  for (const auto& r : regressors_) {
    if (r.values.size() < first + count) {
      throw std::invalid_argument(fmt::format("regressor '{}' has values for {} periods; the forecast needs {}",
                                              r.name, r.values.size(), first + count));
    }
  }
  std::optional<FederalHolidays> federal;
  if (start_ && !holidays_.empty() && count > 0) {
    federal.emplace(*start_ + static_cast<int>(first), *start_ + static_cast<int>(first + count - 1));
  }
  for (std::size_t i = 0; i < count; ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    Eigen::Index col = 0;
    const std::size_t period = first + i;
    if (start_) {
      // Prophet's Fourier terms run on absolute days (since 1970), so the phase of a cycle does
      // not depend on where the series starts.
      const Date d = *start_ + static_cast<int>(period);
      const auto day = static_cast<double>(d.days());
      auto fourier = [&](int order, double period_days) {
        for (int k = 1; k <= order; ++k) {
          const double angle = 2 * std::numbers::pi * k * day / period_days;
          out(row, col++) = std::sin(angle);
          out(row, col++) = std::cos(angle);
        }
      };
      fourier(weekly_order_, kWeek);
      fourier(yearly_order_, kYear);
      if (!holidays_.empty()) {
        const std::vector<std::string> today = federal->on(d);
        for (const std::string& name : holidays_) {
          const bool on = name == kExtraHolidays ? std::binary_search(extra_days_.begin(), extra_days_.end(), d.days())
                                                 : std::find(today.begin(), today.end(), name) != today.end();
          out(row, col++) = on ? 1.0 : 0.0;
        }
      }
    }
    for (const auto& r : regressors_) out(row, col++) = (r.values[period] - r.mean) / r.sd;
  }
  return out;
}

Eigen::VectorXd ProphetFeatures::prior_sd(const ProphetOptions& options) const {
  Eigen::VectorXd sd(columns_);
  Eigen::Index col = 0;
  for (int k = 0; k < 2 * (weekly_order_ + yearly_order_); ++k) sd(col++) = options.seasonality_prior;
  for (std::size_t k = 0; k < holidays_.size(); ++k) sd(col++) = options.holiday_prior;
  for (std::size_t k = 0; k < regressors_.size(); ++k) sd(col++) = options.regressor_prior;
  return sd;
}

}  // namespace seatsync::forecast_detail
