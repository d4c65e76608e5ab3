// Fitting thesis eqs 4.1 and 4.2: recovery of known parameters, quality measures, inversion
// and degenerate input.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "seatsync/demand_curve.hpp"
#include "sim/rng.hpp"

namespace seatsync {
namespace {

// q = 40·e^(−0.03·p + 0.5) + 1.5
double exp_truth(double p) { return 40.0 * std::exp(-0.03 * p + 0.5) + 1.5; }
// q = 5000·p^−1.5 + 2
double mono_truth(double p) { return 5000.0 * std::pow(p, -1.5) + 2.0; }

template <class F>
std::vector<PricePoint> sample(F f, double lo, double hi, int n, double noise_sd = 0.0, std::uint64_t seed = 7) {
  sim::Rng rng(seed);
  std::vector<PricePoint> pts;
  for (int i = 0; i < n; ++i) {
    const double p = lo + (hi - lo) * i / (n - 1);
    pts.push_back({p, f(p) + noise_sd * rng.normal()});
  }
  return pts;
}

TEST(CurveFit, ExponentialRecoversNoiselessParameters) {
  const auto pts = sample(exp_truth, 20.0, 150.0, 14);
  const CurveFit fit = fit_curve(pts, CurveForm::exponential);
  ASSERT_TRUE(fit.converged) << fit.message;
  EXPECT_EQ(fit.status, FitStatus::converged);
  EXPECT_NEAR(fit.b, -0.03, 1e-7);
  EXPECT_NEAR(fit.d, 1.5, 1e-5);
  // a and c trade off: only a·e^c is identified, and c is pinned at −b·(mean price).
  EXPECT_NEAR(fit.a * std::exp(fit.c), 40.0 * std::exp(0.5), 1e-4);
  EXPECT_NEAR(fit.c, -fit.b * 85.0, 1e-9);
  EXPECT_LT(fit.quality.sse, 1e-12);
  EXPECT_NEAR(fit.quality.r2, 1.0, 1e-12);
  EXPECT_GT(fit.iterations, 0);
  EXPECT_GE(fit.starts, 3);
  EXPECT_TRUE(fit.decreasing());
  for (double p : {20.0, 77.7, 150.0}) EXPECT_NEAR(fit(p), exp_truth(p), 1e-6);
}

TEST(CurveFit, MonomialRecoversNoiselessParameters) {
  const auto pts = sample(mono_truth, 10.0, 100.0, 12);
  const CurveFit fit = fit_curve(pts, CurveForm::monomial);
  ASSERT_TRUE(fit.converged) << fit.message;
  EXPECT_NEAR(fit.a, 5000.0, 1e-3);
  EXPECT_NEAR(fit.b, -1.5, 1e-7);
  EXPECT_NEAR(fit.c, 2.0, 1e-5);
  EXPECT_EQ(fit.d, 0.0);
  EXPECT_TRUE(fit.decreasing());
}

TEST(CurveFit, RecoversParametersFromNoisyData) {
  // Noise of about 4% of the quantity range, 200 points.
  const auto e = fit_curve(sample(exp_truth, 20.0, 150.0, 200, 1.5), CurveForm::exponential);
  ASSERT_TRUE(e.converged) << e.message;
  EXPECT_NEAR(e.b, -0.03, 0.003);
  EXPECT_NEAR(e.d, 1.5, 0.6);
  EXPECT_NEAR(e.a * std::exp(e.c), 40.0 * std::exp(0.5), 6.0);
  EXPECT_GT(e.quality.r2, 0.95);
  EXPECT_NEAR(e.quality.rmse, 1.5, 0.2);  // the residuals are the noise

  const auto m = fit_curve(sample(mono_truth, 10.0, 100.0, 200, 5.0, 11), CurveForm::monomial);
  ASSERT_TRUE(m.converged) << m.message;
  EXPECT_NEAR(m.b, -1.5, 0.1);
  EXPECT_NEAR(m.c, 2.0, 2.0);
  EXPECT_NEAR(m.quality.rmse, 5.0, 0.6);
}

TEST(CurveFit, QualityMeasuresAreComputedFromTheResiduals) {
  CurveFit flat;  // q̂ = 2·e^0 + 1 = 3 everywhere
  flat.a = 2.0;
  flat.b = 0.0;
  flat.c = 0.0;
  flat.d = 1.0;
  const std::vector<PricePoint> pts{{1.0, 1.0}, {2.0, 3.0}, {3.0, 5.0}, {4.0, 7.0}};
  const FitQuality q = measure_fit(flat, pts);
  EXPECT_EQ(q.points, 4u);
  EXPECT_DOUBLE_EQ(q.sse, 4.0 + 0.0 + 4.0 + 16.0);
  EXPECT_DOUBLE_EQ(q.rmse, std::sqrt(24.0 / 4.0));
  EXPECT_DOUBLE_EQ(q.r2, 1.0 - 24.0 / 20.0);  // mean 4: SST = 9 + 1 + 1 + 9

  // On a real fit, R² and RMSE agree with a direct computation.
  const auto noisy = sample(exp_truth, 20.0, 150.0, 50, 2.0, 3);
  const CurveFit fit = fit_curve(noisy, CurveForm::exponential);
  ASSERT_TRUE(fit.converged);
  double mean = 0.0, sse = 0.0, sst = 0.0;
  for (const auto& p : noisy) mean += p.quantity / noisy.size();
  for (const auto& p : noisy) {
    sse += (p.quantity - fit(p.price)) * (p.quantity - fit(p.price));
    sst += (p.quantity - mean) * (p.quantity - mean);
  }
  EXPECT_NEAR(fit.quality.sse, sse, 1e-9 * sse);
  EXPECT_NEAR(fit.quality.rmse, std::sqrt(sse / noisy.size()), 1e-9);
  EXPECT_NEAR(fit.quality.r2, 1.0 - sse / sst, 1e-12);
}

TEST(CurveFit, WeightedFitCountsBinsBySize) {
  // Two clusters agree with the curve; one light outlier does not. Weighting by size
  // shrinks its pull.
  auto pts = sample(exp_truth, 20.0, 150.0, 8);
  for (auto& p : pts) p.weight = 50.0;
  pts.push_back({85.0, exp_truth(85.0) + 10.0, 1.0});
  FitOptions weighted;
  weighted.weighted = true;
  const CurveFit w = fit_curve(pts, CurveForm::exponential, weighted);
  const CurveFit u = fit_curve(pts, CurveForm::exponential);
  ASSERT_TRUE(w.converged && u.converged);
  EXPECT_LT(std::abs(w(40.0) - exp_truth(40.0)), std::abs(u(40.0) - exp_truth(40.0)));
}

TEST(CurveFit, InversionRoundTripsAndClampsToThePriceRange) {
  for (CurveForm form : {CurveForm::exponential, CurveForm::monomial}) {
    const auto pts = form == CurveForm::exponential ? sample(exp_truth, 20.0, 150.0, 30)
                                                    : sample(mono_truth, 10.0, 100.0, 30);
    const CurveFit fit = fit_curve(pts, form);
    ASSERT_TRUE(fit.converged) << to_string(form);
    for (double t : {0.0, 0.1, 0.5, 0.93, 1.0}) {
      const double p = fit.min_price + t * (fit.max_price - fit.min_price);
      const auto back = fit.price_for(fit(p));
      ASSERT_TRUE(back.has_value());
      EXPECT_NEAR(*back, p, 1e-6 * p) << to_string(form);
    }
    // Quantities beyond what the range reaches: the nearer end, never an extrapolation.
    EXPECT_DOUBLE_EQ(*fit.price_for(fit(fit.min_price) + 100.0), fit.min_price);
    EXPECT_DOUBLE_EQ(*fit.price_for(fit(fit.max_price) - 1.0), fit.max_price);
    EXPECT_DOUBLE_EQ(*fit.price_for(-5.0), fit.max_price);
    EXPECT_FALSE(fit.price_for(std::nan("")).has_value());
  }
}

TEST(CurveFit, RisingDataFitsButIsNotADemandCurve) {
  const auto pts = sample([](double p) { return 2.0 + 0.5 * std::exp(0.02 * p); }, 10.0, 100.0, 20);
  const CurveFit fit = fit_curve(pts, CurveForm::exponential);
  ASSERT_TRUE(fit.converged) << fit.message;
  EXPECT_NEAR(fit.b, 0.02, 1e-6);
  EXPECT_FALSE(fit.decreasing());
}

void expect_clear_failure(const CurveFit& fit, FitStatus status) {
  EXPECT_FALSE(fit.converged);
  EXPECT_EQ(fit.status, status) << to_string(fit.status) << ": " << fit.message;
  EXPECT_FALSE(fit.message.empty());
  EXPECT_EQ(fit.iterations, 0);
  EXPECT_FALSE(fit.price_for(1.0).has_value());
  EXPECT_TRUE(std::isnan(fit(10.0)));  // no parameters pretend to be a curve
  EXPECT_FALSE(fit.decreasing());
}

TEST(CurveFit, DegenerateInputGivesAClearNonConvergedResult) {
  expect_clear_failure(fit_curve({}, CurveForm::exponential), FitStatus::too_few_points);
  const std::vector<PricePoint> three{{10, 5}, {20, 3}, {30, 2}};
  expect_clear_failure(fit_curve(three, CurveForm::exponential), FitStatus::too_few_points);
  const std::vector<PricePoint> two_prices{{10, 5}, {10, 4}, {20, 3}, {20, 2}, {10, 6}};
  expect_clear_failure(fit_curve(two_prices, CurveForm::monomial), FitStatus::too_few_points);
  const std::vector<PricePoint> one_price{{10, 5}, {10, 4}, {10, 3}, {10, 2}, {10, 1}};
  expect_clear_failure(fit_curve(one_price, CurveForm::exponential), FitStatus::constant_price);
  const std::vector<PricePoint> flat{{10, 2}, {20, 2}, {30, 2}, {40, 2}};
  expect_clear_failure(fit_curve(flat, CurveForm::exponential), FitStatus::constant_quantity);
  const std::vector<PricePoint> zero_price{{0, 5}, {10, 4}, {20, 3}, {30, 2}};
  expect_clear_failure(fit_curve(zero_price, CurveForm::monomial), FitStatus::nonpositive_price);
  const std::vector<PricePoint> nan_q{{10, 5}, {20, std::nan("")}, {30, 2}, {40, 1}};
  expect_clear_failure(fit_curve(nan_q, CurveForm::exponential), FitStatus::invalid_points);
  FitOptions strict;
  strict.min_points = 10;
  expect_clear_failure(fit_curve(sample(exp_truth, 20, 150, 9), CurveForm::exponential, strict),
                       FitStatus::too_few_points);
}

TEST(CurveFit, AnOptimiserFailureIsReportedNotHidden) {
  // One evaluation per start cannot converge: the result says so and inversion refuses.
  FitOptions starved;
  starved.max_evaluations = 1;
  const CurveFit fit = fit_curve(sample(exp_truth, 20.0, 150.0, 30, 1.0), CurveForm::exponential, starved);
  EXPECT_FALSE(fit.converged);
  EXPECT_EQ(fit.status, FitStatus::not_converged);
  EXPECT_FALSE(fit.message.empty());
  EXPECT_FALSE(fit.price_for(10.0).has_value());
}

}  // namespace
}  // namespace seatsync
