#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "forecast/ets_fit.hpp"
#include "forecast/ets_intervals.hpp"
#include "forecast/ets_model.hpp"
#include "forecast/ets_selection.hpp"
#include "seatsync/forecast.hpp"

namespace seatsync::forecast_detail {
namespace {

const std::vector<double> kFive = {12, 11, 14, 13, 15};

TEST(EtsRecursion, SimpleExponentialSmoothingByHand) {
  // ETS(A,N,N), α = 0.5, ℓ0 = 10: ŷ_t = ℓ_{t−1}, e_t = y_t − ŷ_t, ℓ_t = ℓ_{t−1} + αe_t.
  //   t=1: ŷ=10     e=2     ℓ=11
  //   t=2: ŷ=11     e=0     ℓ=11
  //   t=3: ŷ=11     e=3     ℓ=12.5
  //   t=4: ŷ=12.5   e=0.5   ℓ=12.75
  //   t=5: ŷ=12.75  e=2.25  ℓ=13.875        Σe² = 4 + 0 + 9 + 0.25 + 5.0625 = 18.3125
  const EtsComponents c{EtsError::additive, EtsTrend::none, EtsSeason::none, 1};
  const EtsFilterResult r = ets_filter(c, {0.5, 0, 0, 1}, {10, 0, {}}, kFive);
  const std::vector<double> fitted = {10, 11, 11, 12.5, 12.75}, errors = {2, 0, 3, 0.5, 2.25};
  for (std::size_t t = 0; t < 5; ++t) {
    EXPECT_DOUBLE_EQ(r.fitted[t], fitted[t]) << t;
    EXPECT_DOUBLE_EQ(r.errors[t], errors[t]) << t;
  }
  EXPECT_DOUBLE_EQ(r.final_state.level, 13.875);
  EXPECT_DOUBLE_EQ(r.sum_squared_errors, 18.3125);
  EXPECT_DOUBLE_EQ(ets_objective(c, r), 5 * std::log(18.3125));
  EXPECT_EQ(ets_point_forecast(c, {0.5, 0, 0, 1}, r.final_state, 3), std::vector<double>(3, 13.875));
}

TEST(EtsRecursion, HoltLinearByHand) {
  // ETS(A,A,N), α = 0.5, β = 0.2, ℓ0 = 10, b0 = 1: ŷ = ℓ + b, ℓ' = ŷ + αe, b' = b + βe.
  //   t=1: ŷ=11       e=1       ℓ=11.5      b=1.2
  //   t=2: ŷ=12.7     e=−1.7    ℓ=11.85     b=0.86
  //   t=3: ŷ=12.71    e=1.29    ℓ=13.355    b=1.118
  //   t=4: ŷ=14.473   e=−1.473  ℓ=13.7365   b=0.8234
  //   t=5: ŷ=14.5599  e=0.4401  ℓ=14.77995  b=0.91142
  const EtsComponents c{EtsError::additive, EtsTrend::additive, EtsSeason::none, 1};
  const EtsParameters p{0.5, 0.2, 0, 1};
  const EtsFilterResult r = ets_filter(c, p, {10, 1, {}}, kFive);
  const std::vector<double> fitted = {11, 12.7, 12.71, 14.473, 14.5599}, errors = {1, -1.7, 1.29, -1.473, 0.4401};
  for (std::size_t t = 0; t < 5; ++t) {
    EXPECT_NEAR(r.fitted[t], fitted[t], 1e-12) << t;
    EXPECT_NEAR(r.errors[t], errors[t], 1e-12) << t;
  }
  EXPECT_NEAR(r.final_state.level, 14.77995, 1e-12);
  EXPECT_NEAR(r.final_state.trend, 0.91142, 1e-12);
  const std::vector<double> ahead = ets_point_forecast(c, p, r.final_state, 2);
  EXPECT_NEAR(ahead[0], 14.77995 + 0.91142, 1e-12);
  EXPECT_NEAR(ahead[1], 14.77995 + 2 * 0.91142, 1e-12);
}

// A quarterly-looking series of 16 values, m = 4, with fixed parameters and initial states.
const std::vector<double> kSixteen = {12, 15, 20, 14, 13, 17, 23, 15, 15, 18, 25, 17, 16, 20, 27, 18};

// −2·log L from the objective: statsmodels' ETSModel reports the concentrated Gaussian
// log-likelihood −n/2·(log(2π·Σe²/n) + 1) − Σlog|ŷ|, i.e. −(objective + n(log(2π/n) + 1))/2.
double statsmodels_loglike(double objective, double n) { return -0.5 * (objective + n * (std::log(2 * std::numbers::pi / n) + 1)); }

TEST(EtsLikelihood, AdditiveHoltWintersMatchesStatsmodels) {
  // /usr/bin/python3, statsmodels 0.13.5:
  //   ETSModel(y, error='add', trend='add', seasonal='add', seasonal_periods=4,
  //            initialization_method='known', initial_level=14, initial_trend=0.4,
  //            initial_seasonal=np.array([-2, 1, 6, -5])).loglike(np.array([0.3, 0.1, 0.2]))
  //   = -29.017525692041797   (initial_seasonal is chronological there too: −2 is s_{1−m})
  const EtsComponents c{EtsError::additive, EtsTrend::additive, EtsSeason::additive, 4};
  const EtsFilterResult r = ets_filter(c, {0.3, 0.1, 0.2, 1}, {14, 0.4, {-2, 1, 6, -5}}, kSixteen);
  EXPECT_NEAR(r.fitted[0], 12.4, 1e-12);  // statsmodels' first fitted values: 12.4, 15.64, 20.744
  EXPECT_NEAR(r.fitted[1], 15.64, 1e-12);
  EXPECT_NEAR(r.fitted[2], 20.744, 1e-12);
  EXPECT_NEAR(statsmodels_loglike(ets_objective(c, r), 16), -29.017525692041797, 1e-9);
}

TEST(EtsLikelihood, MultiplicativeDampedMultiplicativeSeason) {
  // ETS(M,Ad,M), α = 0.3, β = 0.1, γ = 0.2, φ = 0.9, ℓ0 = 14, b0 = 0.4, s = (0.85, 1.05, 1.4, 0.7).
  // statsmodels' ETSModel(y, error='mul', trend='add', damped_trend=True, seasonal='mul', …,
  // initialization_method='known', …).loglike([0.3, 0.1, 0.2, 0.9]) = -34.09329069307131, but its
  // multiplicative-season update is s_t = s_{t−m}(1 + γε/(1 + αε)) (we reproduced its fitted
  // values to 1e-14 with that update), where HKOS (Table 2.3) and R's etscalc have
  // s_t = s_{t−m}(1 + γε). The first four fitted values (before any updated season is used) agree:
  // 12.206, 15.31895647, 20.64017511. With HKOS's update, the same script's recursion gives
  // objective n·log Σε² + 2Σlog|ŷ| = 66.6382337683679, log-likelihood -33.84142363754046.
  const EtsComponents c{EtsError::multiplicative, EtsTrend::damped, EtsSeason::multiplicative, 4};
  const EtsFilterResult r = ets_filter(c, {0.3, 0.1, 0.2, 0.9}, {14, 0.4, {0.85, 1.05, 1.4, 0.7}}, kSixteen);
  EXPECT_NEAR(r.fitted[0], 12.206, 1e-9);
  EXPECT_NEAR(r.fitted[1], 15.31895647, 1e-8);
  EXPECT_NEAR(r.fitted[2], 20.64017511, 1e-8);
  EXPECT_NEAR(ets_objective(c, r), 66.6382337683679, 1e-9);
  EXPECT_NEAR(statsmodels_loglike(ets_objective(c, r), 16), -33.84142363754046, 1e-9);
  EXPECT_NEAR(r.errors[0], (12 - 12.206) / 12.206, 1e-12);  // relative errors
}

// y_t = 100 + 20·sin(2πt/7) + N(0, 3²), or pure noise when amplitude is 0.
std::vector<double> weekly_series(std::size_t n, double amplitude, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 3);
  std::vector<double> y(n);
  for (std::size_t t = 0; t < n; ++t) y[t] = 100 + amplitude * std::sin(2 * std::numbers::pi * t / 7.0) + noise(rng);
  return y;
}

TEST(EtsSelection, PicksASeasonOnlyWhenThereIsOne) {
  const EtsFit seasonal = select_ets(weekly_series(140, 20, 1), 7);
  EXPECT_TRUE(seasonal.components.has_season()) << seasonal.components.description();
  const EtsFit noise = select_ets(weekly_series(140, 0, 2), 7);
  EXPECT_FALSE(noise.components.has_season()) << noise.components.description();
  EXPECT_FALSE(noise.components.has_trend()) << noise.components.description();
}

TEST(EtsSelection, CandidatesFollowRsRules) {
  const std::vector<double> positive = weekly_series(60, 20, 3);
  // 2 errors × 3 trends × 3 seasons, less (A,·,M): 15.
  EXPECT_EQ(ets_candidate_models(positive, 7).size(), 15u);
  std::vector<double> with_zero = positive;
  with_zero[5] = 0;  // additive error and additive or no season only: 3 × 2
  EXPECT_EQ(ets_candidate_models(with_zero, 7).size(), 6u);
  EXPECT_EQ(ets_candidate_models(positive, 1).size(), 6u);   // no season at m = 1
  EXPECT_EQ(ets_candidate_models(positive, 30).size(), 6u);  // nor above m = 24, as R
  for (const EtsComponents& c : ets_candidate_models(positive, 7)) {
    EXPECT_FALSE(c.error == EtsError::additive && c.season == EtsSeason::multiplicative);
  }
}

TEST(EtsSelection, FitsOnAnRHeuristicStartAndImprovesOnIt) {
  const std::vector<double> y = weekly_series(140, 20, 4);
  const EtsComponents c{EtsError::additive, EtsTrend::none, EtsSeason::additive, 7};
  const EtsState start = ets_heuristic_state(c, y);
  ASSERT_EQ(start.seasonal.size(), 7u);
  double sum = 0;
  for (double s : start.seasonal) sum += s;
  EXPECT_NEAR(sum, 0, 1e-9);
  EXPECT_NEAR(start.level, 100, 3);
  const auto fit = fit_ets_components(c, y);
  ASSERT_TRUE(fit);
  EXPECT_LT(fit->objective, ets_objective(c, ets_filter(c, {0.0287, 0, 0.0497, 1}, start, y)));
  EXPECT_NEAR(std::sqrt(fit->sigma2), 3, 0.6);
  EXPECT_GE(fit->parameters.alpha, 1e-4);
  EXPECT_LE(fit->parameters.gamma, 1 - fit->parameters.alpha + 1e-12);

  // Fewer than three seasons: the seasonal start comes from a one-harmonic Fourier regression.
  const std::vector<double> short_y(y.begin(), y.begin() + 15);
  const EtsState short_start = ets_heuristic_state(c, short_y);
  ASSERT_EQ(short_start.seasonal.size(), 7u);
  EXPECT_NEAR(short_start.seasonal[0] + short_start.seasonal[1] + short_start.seasonal[2] + short_start.seasonal[3] +
                  short_start.seasonal[4] + short_start.seasonal[5] + short_start.seasonal[6],
              0, 1e-9);
  EXPECT_GT(short_start.seasonal[2], 10);  // the sine's peak, 20·sin(2π·1.75/7) ≈ 20, lands at t = 2
  EXPECT_TRUE(fit_ets_components(c, short_y));
  EXPECT_THROW(fit_ets_components(c, std::vector<double>(y.begin(), y.begin() + 13)), std::invalid_argument);
}

// Simulates `runs` series from a model, fits "ets" to each, and counts how often the value
// `step` periods past the end falls in the 80% interval.
double coverage_80(const EtsComponents& truth, const EtsParameters& p, EtsState start, int runs, int step,
                   unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 1);
  const double sd = truth.error == EtsError::additive ? 4.0 : 0.04;
  int inside = 0;
  for (int run = 0; run < runs; ++run) {
    EtsState state = start;
    std::vector<double> y;
    for (int t = 0; t < 120 + step; ++t) {
      const double predicted = ets_one_step(truth, p, state.level, state.trend,
                                            state.seasonal.empty() ? 0.0 : state.seasonal.front());
      const double e = sd * noise(rng);
      y.push_back(truth.error == EtsError::additive ? predicted + e : predicted * (1 + e));
      ets_advance(truth, p, state, y.back());
    }
    const double future = y.back();
    y.resize(120);
    const TimeSeries series{y, std::nullopt, truth.season_length, {}};
    const std::vector<double> levels = {80};
    const Forecast f = find_forecast_method("ets")->operator()(series, {})->forecast(step, levels);
    if (future >= f.intervals[0].lower[step - 1] && future <= f.intervals[0].upper[step - 1]) ++inside;
  }
  return static_cast<double>(inside) / runs;
}

TEST(EtsIntervals, AnalyticCoverageNearNominal) {
  // Local level with noise sd 4: 100 series, the 5-step-ahead 80% interval.
  const double coverage = coverage_80({EtsError::additive, EtsTrend::none, EtsSeason::none, 1}, {0.3, 0, 0, 1},
                                      {50, 0, {}}, 100, 5, 11);
  EXPECT_GT(coverage, 0.68);
  EXPECT_LT(coverage, 0.92);
}

TEST(EtsIntervals, SimulatedCoverageNearNominal) {
  // Multiplicative error (sd 4%) around a positive level: the intervals come from sample paths.
  const double coverage = coverage_80({EtsError::multiplicative, EtsTrend::none, EtsSeason::none, 1},
                                      {0.3, 0, 0, 1}, {100, 0, {}}, 100, 5, 12);
  EXPECT_GT(coverage, 0.68);
  EXPECT_LT(coverage, 0.92);
}

TEST(EtsIntervals, LinearVarianceGrowsAsHkosTable61) {
  // ETS(A,N,N): v_h = σ²(1 + (h − 1)α²).
  EtsFit fit;
  fit.components = {EtsError::additive, EtsTrend::none, EtsSeason::none, 1};
  fit.parameters = {0.4, 0, 0, 1};
  fit.sigma2 = 2;
  const std::vector<double> v = ets_linear_variances(fit, 3);
  EXPECT_DOUBLE_EQ(v[0], 2);
  EXPECT_DOUBLE_EQ(v[1], 2 * (1 + 0.16));
  EXPECT_DOUBLE_EQ(v[2], 2 * (1 + 2 * 0.16));
  // ETS(A,A,A), m = 2: c_1 = α + β, c_2 = α + 2β + γ.
  fit.components = {EtsError::additive, EtsTrend::additive, EtsSeason::additive, 2};
  fit.parameters = {0.4, 0.1, 0.2, 1};
  const std::vector<double> w = ets_linear_variances(fit, 3);
  EXPECT_NEAR(w[1], 2 * (1 + 0.25), 1e-12);
  EXPECT_NEAR(w[2], 2 * (1 + 0.25 + 0.64), 1e-12);
}

TEST(EtsMethod, DescribesAndRefitsTheSameModel) {
  const TimeSeries series{weekly_series(140, 20, 5), std::nullopt, 7, {}};
  const auto fitted = find_forecast_method("ets")->operator()(series, {});
  EXPECT_TRUE(fitted->description().starts_with("ets(")) << fitted->description();
  const TimeSeries shorter{{series.values.begin(), series.values.begin() + 100}, std::nullopt, 7, {}};
  const auto refitted = fitted->refit(shorter, {});
  ASSERT_TRUE(refitted);
  EXPECT_EQ(refitted->description(), fitted->description());
  const std::vector<double> levels = {80, 95};
  const Forecast f = fitted->forecast(14, levels);
  ASSERT_EQ(f.mean.size(), 14u);
  ASSERT_EQ(f.intervals.size(), 2u);
  for (int h = 0; h < 14; ++h) {
    EXPECT_LT(f.intervals[1].lower[h], f.intervals[0].lower[h]);
    EXPECT_LT(f.intervals[0].lower[h], f.mean[h]);
    EXPECT_GT(f.intervals[0].upper[h], f.mean[h]);
  }
  EXPECT_THROW(find_forecast_method("ets")->operator()({{1, 2, 3}, std::nullopt, 1, {}}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace seatsync::forecast_detail
