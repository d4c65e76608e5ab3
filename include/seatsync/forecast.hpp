#pragma once
// Time-series forecasting: a method fits one regularly spaced series and forecasts the next
// `horizon` periods with prediction intervals. Methods are registered by name ("arima", "ets",
// "theta", "prophet", "naive", "seasonal_naive", "drift"); "auto" chooses among them by
// rolling-origin cross-validation on the training data and "ensemble" averages the best few.
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/date.hpp"

namespace seatsync {

// A regressor known for the training periods and for every forecast period.
struct ForecastRegressor {
  std::string name;
  std::vector<double> values;  // values.size() == series length + horizon
};

// One series, one value per period, no gaps (missing periods are filled before it gets here).
struct TimeSeries {
  std::vector<double> values;
  // The date of values[0] when the series is daily; calendar-aware methods (the Prophet-like
  // model's weekday and yearly seasonality, holidays) need it, the others ignore it.
  std::optional<Date> start;
  int season_length = 1;  // m: 7 for daily data with a weekly cycle, 12 for monthly, 1 for none
  std::vector<ForecastRegressor> regressors;  // used by the methods that take regressors
};

struct ForecastSettings {
  int horizon = 1;
  std::vector<double> levels = {80, 95};  // prediction-interval levels in percent, each in (0, 100)
  // Counts: the mean and every bound are kept ≥ 0 (the whole forecast, not only a trend).
  bool nonnegative = false;
  std::optional<double> cap;  // capacity: the mean and every bound are kept ≤ cap
  std::vector<Date> holidays;  // extra holiday dates (calendar-aware methods)
  // The US federal holiday calendar of the features module (seatsync's teams are US teams); off
  // for a series from elsewhere, whose holidays are then only `holidays`.
  bool federal_holidays = true;
};

struct PredictionInterval {
  double level = 0;  // percent
  std::vector<double> lower, upper;
};

// One method's rolling-origin cross-validation score, as "auto" and "ensemble" saw it.
struct MethodScore {
  std::string method;       // the registered name, or "ensemble"
  std::string description;  // the model fitted to the whole series ("ets(A,Ad,A)")
  double mae = 0;           // mean absolute error over every held-out step of every fold; NaN when unscored
  std::string error;        // why the method could not be scored
};

struct Forecast {
  // The fitted model as a user reads it: "ets(A,Ad,A)", "arima(1,0,1)(1,1,1)[7]", "theta".
  std::string method;
  std::vector<double> mean;
  std::vector<PredictionInterval> intervals;  // one per requested level, in the settings' order
  std::vector<MethodScore> candidates;  // "auto" and "ensemble": every method's score, best first
};

// A model fitted to one series.
class FittedForecaster {
 public:
  virtual ~FittedForecaster() = default;
  virtual std::string description() const = 0;
  // Point forecast and intervals for the next `horizon` periods, before the settings' bounds.
  virtual Forecast forecast(int horizon, std::span<const double> levels) const = 0;
  // The same model structure (orders, components, changepoint grid) fitted to another series,
  // only its parameters re-estimated: what cross-validation refits at each origin. nullptr means
  // "no shortcut": the caller runs the method's full fit, selection included.
  virtual std::unique_ptr<FittedForecaster> refit(const TimeSeries&, const ForecastSettings&) const {
    return nullptr;
  }
};

// Fits a method to a series. Throws std::invalid_argument when the series cannot be fitted by
// this method (too short for its season, say), naming why.
using ForecastMethod =
    std::function<std::unique_ptr<FittedForecaster>(const TimeSeries&, const ForecastSettings&)>;

// The registered single methods ("auto" and "ensemble" are not among them: they combine these).
std::vector<std::string> forecast_method_names();
// nullptr when no method has that name.
const ForecastMethod* find_forecast_method(std::string_view name);

// Keeps every value of a forecast inside the settings' bounds (≥ 0 for counts, ≤ cap).
void bound_forecast(Forecast& forecast, const ForecastSettings& settings);

// Fits `method` (a registered name, "auto" or "ensemble") and forecasts settings.horizon
// periods, bounded. std::invalid_argument for an unknown method or bad settings.
Forecast forecast_series(const TimeSeries& series, std::string_view method, const ForecastSettings& settings);

}  // namespace seatsync
