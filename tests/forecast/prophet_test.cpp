// The Prophet-like model on series with known answers: a changepoint, a weekly cycle, holiday
// effects, a regressor; bounds for counts and a cap; interval coverage on simulated series.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "forecast/forecast_methods.hpp"
#include "forecast/prophet_model.hpp"
#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {
namespace {

const FittedProphet& as_prophet(const std::unique_ptr<FittedForecaster>& fitted) {
  return dynamic_cast<const FittedProphet&>(*fitted);
}

// Slope 1 up to t = 100, then −0.5: y = t, then 100 − 0.5 (t − 100), noise sd 0.5.
TimeSeries one_changepoint_series() {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, 0.5);
  TimeSeries s;
  for (int t = 0; t < 200; ++t) s.values.push_back((t <= 100 ? t : 100 - 0.5 * (t - 100)) + noise(rng));
  return s;
}

TEST(Prophet, LocatesAKnownChangepointAndContinuesTheNewSlope) {
  const TimeSeries s = one_changepoint_series();  // no start date: trend only
  ForecastSettings settings;
  settings.horizon = 30;
  const auto fitted = fit_prophet(s, settings);
  const auto& model = as_prophet(fitted);
  EXPECT_EQ(model.structure().changepoints, 25);
  EXPECT_EQ(model.structure().weekly_order, 0);
  EXPECT_NEAR(model.initial_rate(), 1.0, 0.02);

  // The rate change −1.5 sits on the grid points around t = 100 (the grid steps by 6.36 rows,
  // points at 95 and 102); elsewhere the Laplace prior keeps the changes near zero.
  double total = 0, weighted_position = 0, total_abs = 0, far_abs = 0;
  for (const auto& [row, change] : model.rate_changes()) {
    total += change;
    total_abs += std::abs(change);
    weighted_position += row * std::abs(change);
    if (std::abs(row - 100) > 10) far_abs += std::abs(change);
  }
  EXPECT_NEAR(total, -1.5, 0.05);
  EXPECT_NEAR(weighted_position / total_abs, 100, 4);
  EXPECT_LT(far_abs, 0.1);

  const Forecast f = fitted->forecast(30, settings.levels);
  EXPECT_EQ(f.method, "prophet");
  for (int h = 1; h <= 30; ++h) EXPECT_NEAR(f.mean[h - 1], 50 - 0.5 * h, 1.0) << "step " << h;
  EXPECT_NEAR((f.mean[29] - f.mean[0]) / 29, -0.5, 0.03);
}

TEST(Prophet, RecoversAPureWeeklySine) {
  // Ten weeks from Monday 2021-03-01, y = 10 + 3 sin(2π d / 7) on absolute days d. No federal
  // holiday falls in the data or the two forecast weeks (Presidents' Day is before, Memorial
  // Day after), so the fit is the weekly cycle and the trend alone.
  TimeSeries s;
  s.start = Date::from_ymd(2021, 3, 1);
  s.season_length = 7;
  auto truth = [&](int i) {
    return 10 + 3 * std::sin(2 * std::numbers::pi * (s.start->days() + i) / 7.0);
  };
  std::mt19937_64 rng(11);
  std::normal_distribution<double> noise(0.0, 0.1);
  for (int i = 0; i < 70; ++i) s.values.push_back(truth(i) + noise(rng));
  ForecastSettings settings;
  settings.horizon = 14;
  const auto fitted = fit_prophet(s, settings);
  EXPECT_EQ(as_prophet(fitted).structure().weekly_order, 3);
  EXPECT_EQ(as_prophet(fitted).structure().yearly_order, 0);  // ten weeks: Prophet's auto rule says no
  const Forecast f = fitted->forecast(14, settings.levels);
  for (int h = 0; h < 14; ++h) EXPECT_NEAR(f.mean[h], truth(70 + h), 0.2) << "step " << h;
}

TEST(Prophet, RecoversTheSettingsHolidayEffect) {
  // A local event every 9th day adds 20 to a flat 50; its dates come in the settings and share
  // one indicator, so the effect carries over to the event days of the forecast.
  TimeSeries s;
  s.start = Date::from_ymd(2019, 2, 1);
  ForecastSettings settings;
  settings.horizon = 30;
  for (int i = 4; i < 230; i += 9) settings.holidays.push_back(*s.start + i);
  std::mt19937_64 rng(5);
  std::normal_distribution<double> noise(0.0, 1.0);
  for (int i = 0; i < 200; ++i) s.values.push_back(50 + ((i - 4) % 9 == 0 ? 20 : 0) + noise(rng));
  const auto fitted = fit_prophet(s, settings);
  const Forecast f = fitted->forecast(30, settings.levels);
  for (int h = 0; h < 30; ++h) {
    const int i = 200 + h;
    const bool event = (i - 4) % 9 == 0;
    const Date d = *s.start + i;
    // Federal holidays seen in the data (Presidents' Day, Memorial Day, Independence Day …)
    // have their own indicators; none falls in the forecast window (2019-08-20 … 09-18) but
    // Labor Day, which the data never saw, so it stays at its prior's 0.
    EXPECT_NEAR(f.mean[h], event ? 70 : 50, 1.5) << d.str();
  }
}

TEST(Prophet, RecoversAFederalHolidayEffect) {
  // Three years of a flat daily series with +40 on Thanksgiving: the "Thanksgiving Day"
  // indicator is estimated from three days and forecasts the fourth.
  TimeSeries s;
  s.start = Date::from_ymd(2015, 1, 1);
  const int n = 3 * 365 + 300;  // through late October 2018
  const Date thanksgiving_2018 = Date::from_ymd(2018, 11, 22);
  auto is_thanksgiving = [](Date d) { return d.month() == 11 && d.weekday() == 4 && d.day() >= 22 && d.day() <= 28; };
  std::mt19937_64 rng(3);
  std::normal_distribution<double> noise(0.0, 1.0);
  for (int i = 0; i < n; ++i) s.values.push_back(100 + (is_thanksgiving(*s.start + i) ? 40 : 0) + noise(rng));
  ForecastSettings settings;
  settings.horizon = 60;
  const auto fitted = fit_prophet(s, settings);
  EXPECT_EQ(as_prophet(fitted).structure().yearly_order, 10);  // more than two years of history
  const auto& holidays = as_prophet(fitted).structure().holidays;
  EXPECT_NE(std::find(holidays.begin(), holidays.end(), "Thanksgiving Day"), holidays.end());
  const Forecast f = fitted->forecast(60, settings.levels);
  const int at = thanksgiving_2018 - (*s.start + n);
  EXPECT_NEAR(f.mean[at], 140, 3);
  EXPECT_NEAR(f.mean[at - 7], 100, 3);
  EXPECT_NEAR(f.mean[at + 7], 100, 3);
}

TEST(Prophet, RecoversARegressorCoefficient) {
  TimeSeries s;
  std::mt19937_64 rng(9);
  std::normal_distribution<double> unit(0.0, 1.0);
  ForecastRegressor price{"price", {}};
  for (int i = 0; i < 160; ++i) price.values.push_back(20 + 5 * unit(rng));
  for (int i = 0; i < 150; ++i) s.values.push_back(30 + 2 * price.values[i] + 0.5 * unit(rng));
  s.regressors.push_back(price);
  ForecastSettings settings;
  settings.horizon = 10;
  const auto fitted = fit_prophet(s, settings);
  const Forecast f = fitted->forecast(10, {});
  for (int h = 0; h < 10; ++h) EXPECT_NEAR(f.mean[h], 30 + 2 * price.values[150 + h], 1.0);
  EXPECT_THROW(fitted->forecast(11, {}), std::invalid_argument);  // no regressor values that far
}

TEST(Prophet, CountsDecayingToZeroAreNeverForecastBelowZero) {
  // Poisson counts with mean 40·exp(−t/25): the linear trend alone would run far below zero.
  TimeSeries s;
  s.start = Date::from_ymd(2022, 1, 3);
  std::mt19937_64 rng(21);
  for (int t = 0; t < 120; ++t) {
    std::poisson_distribution<int> count(40 * std::exp(-t / 25.0));
    s.values.push_back(count(rng));
  }
  ForecastSettings settings;
  settings.horizon = 90;
  settings.nonnegative = true;
  const auto fitted = fit_prophet(s, settings);
  const Forecast f = fitted->forecast(90, settings.levels);  // the model's own output, unclamped
  for (int h = 0; h < 90; ++h) {
    EXPECT_GE(f.mean[h], 0.0);
    for (const auto& interval : f.intervals) {
      EXPECT_GE(interval.lower[h], 0.0);
      EXPECT_GE(interval.upper[h], interval.lower[h]);
    }
  }
  // Without the bound the same model does go negative: the test is not vacuous.
  settings.nonnegative = false;
  const Forecast unbounded = fit_prophet(s, settings)->forecast(90, settings.levels);
  EXPECT_LT(*std::min_element(unbounded.intervals[0].lower.begin(), unbounded.intervals[0].lower.end()), 0.0);
}

TEST(Prophet, KeepsTheWholeForecastUnderTheCap) {
  TimeSeries s;
  std::mt19937_64 rng(4);
  std::normal_distribution<double> noise(0.0, 3.0);
  for (int t = 0; t < 100; ++t) s.values.push_back(10 + 0.85 * t + noise(rng));  // reaches ~95
  ForecastSettings settings;
  settings.horizon = 30;
  settings.cap = 100;
  const Forecast f = fit_prophet(s, settings)->forecast(30, settings.levels);
  bool reaches_cap = false;
  for (int h = 0; h < 30; ++h) {
    EXPECT_LE(f.mean[h], 100.0);
    for (const auto& interval : f.intervals) {
      EXPECT_LE(interval.upper[h], 100.0);
      reaches_cap = reaches_cap || interval.upper[h] == 100.0;
    }
  }
  EXPECT_TRUE(reaches_cap);
}

TEST(Prophet, IntervalCoverageIsNearNominalOnSimulatedSeries) {
  // 40 series of trend + weekly cycle + N(0, 2²) noise, a year each, 14 days held out: the share
  // of held-out values inside the 80% and 95% intervals (560 values per level). Measured:
  // 0.775 and 0.946. Prophet's intervals leave out the parameters' uncertainty (the trend's
  // last slope above all), so on shorter histories they run narrow: 0.745 and 0.900 with 140
  // days, the same seed.
  std::mt19937_64 rng(2024);
  std::normal_distribution<double> noise(0.0, 2.0);
  std::uniform_real_distribution<double> slope(-0.2, 0.2), amplitude(0.0, 5.0);
  constexpr int kLen = 365;
  int inside80 = 0, inside95 = 0, total = 0;
  for (int r = 0; r < 40; ++r) {
    TimeSeries s;
    s.start = Date::from_ymd(2023, 1, 2) + r;
    const double b = slope(rng), a = amplitude(rng);
    std::vector<double> y;
    for (int i = 0; i < kLen + 14; ++i) {
      y.push_back(50 + b * i + a * std::sin(2 * std::numbers::pi * i / 7.0) + noise(rng));
    }
    s.values.assign(y.begin(), y.begin() + kLen);
    ForecastSettings settings;
    settings.horizon = 14;
    const auto fitted = fit_prophet(s, settings);
    const Forecast f = fitted->forecast(14, settings.levels);
    for (int h = 0; h < 14; ++h) {
      inside80 += f.intervals[0].lower[h] <= y[kLen + h] && y[kLen + h] <= f.intervals[0].upper[h];
      inside95 += f.intervals[1].lower[h] <= y[kLen + h] && y[kLen + h] <= f.intervals[1].upper[h];
      ++total;
    }
  }
  EXPECT_NEAR(static_cast<double>(inside80) / total, 0.80, 0.05);
  EXPECT_NEAR(static_cast<double>(inside95) / total, 0.95, 0.03);
}

TEST(Prophet, RefitKeepsTheStructureAndMatchesAFullFit) {
  TimeSeries s;
  s.start = Date::from_ymd(2021, 3, 1);
  std::mt19937_64 rng(8);
  std::normal_distribution<double> noise(0.0, 1.0);
  for (int i = 0; i < 120; ++i) s.values.push_back(20 + 0.1 * i + 4 * std::sin(2 * std::numbers::pi * i / 7.0) + noise(rng));
  ForecastSettings settings;
  settings.horizon = 14;
  const auto full = fit_prophet(s, settings);
  TimeSeries prefix = s;
  prefix.values.resize(100);
  const auto refitted = full->refit(prefix, settings);
  ASSERT_NE(refitted, nullptr);
  EXPECT_EQ(as_prophet(refitted).structure().changepoints, as_prophet(full).structure().changepoints);
  EXPECT_EQ(as_prophet(refitted).structure().weekly_order, 3);
  // A warm start changes where the optimiser begins, not the posterior mode it finds.
  const Forecast warm = refitted->forecast(14, {});
  const Forecast cold = fit_prophet(prefix, settings)->forecast(14, {});
  for (int h = 0; h < 14; ++h) EXPECT_NEAR(warm.mean[h], cold.mean[h], 0.05);
}

TEST(Prophet, IsRegisteredAndBoundedByForecastSeries) {
  ASSERT_NE(find_forecast_method("prophet"), nullptr);
  TimeSeries s = one_changepoint_series();
  ForecastSettings settings;
  settings.horizon = 250;  // the new slope −0.5 crosses zero 100 steps out
  settings.nonnegative = true;
  const Forecast f = forecast_series(s, "prophet", settings);
  EXPECT_EQ(f.method, "prophet");
  EXPECT_EQ(f.mean.back(), 0.0);
}

TEST(Prophet, RejectsASeriesTooShort) {
  TimeSeries s;
  s.values = {1, 2};
  EXPECT_THROW(fit_prophet(s, ForecastSettings{}), std::invalid_argument);
}

}  // namespace
}  // namespace seatsync::forecast_detail
