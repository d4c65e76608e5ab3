// The continuous demand model on a simulated market: lookups, inversion, clamping, the NaN
// fallback, and the fit-quality table of docs/demand-curves.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "seatsync/demand_curve.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync {
namespace {

const SimulatedMarket& model_market() {
  static const SimulatedMarket market = simulate_market(SimulationConfig{});
  return market;
}

ContinuousModelOptions per_game_options() {
  ContinuousModelOptions o;
  o.points = PointKind::per_game;
  o.selection.as_of = model_market().truth.as_of;
  o.binning.method = Binning::none;
  return o;
}

TEST(CurveModel, OneCellPerTierGroupBucketPlusThePooledTier) {
  const auto& data = model_market().dataset;
  const auto model = ContinuousDemandModel::build(data, per_game_options());
  EXPECT_EQ(model.cells().size(), 6u * data.groups().size() * data.params.buckets.size());
  const CurveCell* c = model.cell(2, "Plaza", 3);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->slice.tier, 2);
  EXPECT_EQ(c->slice.group, "Plaza");
  EXPECT_EQ(c->slice.bucket, 3u);
  EXPECT_NE(model.cell(0, "Plaza", 3), nullptr);  // pooled over tiers
  EXPECT_EQ(model.cell(9, "Plaza", 3), nullptr);
  EXPECT_EQ(model.cell(2, "Nowhere", 3), nullptr);
  EXPECT_TRUE(std::isnan(model.expected_quantity(2, "Nowhere", 3, 50.0)));
  EXPECT_TRUE(std::isnan(model.price_for_quantity(2, "Plaza", 99, 50.0)));
  EXPECT_FALSE(model.quality(2, "Nowhere", 3).has_value());
}

TEST(CurveModel, UsableCellsRoundTripAndClampToTheObservedRange) {
  const auto model = ContinuousDemandModel::build(model_market().dataset, per_game_options());
  int usable = 0;
  for (const auto& cell : model.cells()) {
    const auto& s = cell.slice;
    const auto q = model.quality(s.tier, s.group, s.bucket);
    ASSERT_TRUE(q.has_value());
    EXPECT_EQ(q->usable, cell.usable());
    EXPECT_EQ(q->status, cell.fit.status);
    const double lo = cell.fit.min_price, hi = cell.fit.max_price;
    if (!cell.usable()) {
      // No usable curve: NaN, for the caller to fall back on.
      EXPECT_TRUE(std::isnan(model.expected_quantity(s.tier, s.group, s.bucket, 100.0)));
      EXPECT_TRUE(std::isnan(model.price_for_quantity(s.tier, s.group, s.bucket, 10.0)));
      continue;
    }
    ++usable;
    for (double t : {0.2, 0.5, 0.8}) {
      const double p = lo + t * (hi - lo);
      const double qty = model.expected_quantity(s.tier, s.group, s.bucket, p);
      ASSERT_TRUE(std::isfinite(qty));
      if (qty <= 0.0) continue;  // clamped at zero: not invertible there
      const double back = model.price_for_quantity(s.tier, s.group, s.bucket, qty);
      EXPECT_NEAR(cell.fit(back), qty, 1e-9 * (1.0 + qty));
      // Where the curve is nearly flat a rounding of q moves the price more: allow for it.
      const double h = 1e-4 * p, slope = std::abs(cell.fit(p + h) - cell.fit(p - h)) / (2 * h);
      EXPECT_NEAR(back, p, 1e-6 * p + 1e-9 * (1.0 + qty) / slope);
    }
    // Prices outside the range are read at its ends; quantities beyond reach give its ends.
    EXPECT_EQ(model.expected_quantity(s.tier, s.group, s.bucket, hi * 10.0),
              model.expected_quantity(s.tier, s.group, s.bucket, hi));
    EXPECT_EQ(model.expected_quantity(s.tier, s.group, s.bucket, lo / 10.0),
              model.expected_quantity(s.tier, s.group, s.bucket, lo));
    EXPECT_EQ(model.price_for_quantity(s.tier, s.group, s.bucket, 1e12), lo);
    // Quantities at or below 0: the price where the curve reaches 0, or the top of the range.
    const double p0 = model.price_for_quantity(s.tier, s.group, s.bucket, 0.0);
    EXPECT_EQ(model.price_for_quantity(s.tier, s.group, s.bucket, -1.0), p0);
    if (p0 < hi)
      EXPECT_NEAR(cell.fit(p0), 0.0, 1e-9 * (1.0 + std::abs(cell.fit.d)));
    else
      EXPECT_EQ(p0, hi);
    EXPECT_GE(model.expected_quantity(s.tier, s.group, s.bucket, hi), 0.0);
  }
  EXPECT_GT(usable, static_cast<int>(model.cells().size()) / 2);
}

TEST(CurveModel, ThesisPerOrderCurvesExplainAlmostNothingWhenOrderSizeIgnoresPrice) {
  // The simulator draws order sizes independently of willingness to pay, so the tickets in an
  // order do not depend on its price: binned curves may look tidy, but against the orders
  // themselves they explain close to nothing (thesis 4.2's experience on real data).
  ContinuousModelOptions o;  // the thesis's set-up: per order, 5 equal-width bins, eq 4.1
  o.selection.as_of = model_market().truth.as_of;
  const auto model = ContinuousDemandModel::build(model_market().dataset, o);
  std::vector<double> raw_r2;
  for (const auto& c : model.cells())
    if (c.fit.converged) raw_r2.push_back(c.raw.r2);
  ASSERT_GT(raw_r2.size(), model.cells().size() / 2);
  std::sort(raw_r2.begin(), raw_r2.end());
  EXPECT_LT(raw_r2[raw_r2.size() / 2], 0.05);
}

// ---- Fit quality on the default simulated market (docs/demand-curves.md) -----------------

struct Config {
  const char* name;
  PointKind points;
  bool zero_days;
  Binning binning;
  CurveForm form;
};

double median(std::vector<double> v) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// A measurement, not a check (about 7 s): run it with
//   test_demand --gtest_also_run_disabled_tests --gtest_filter='CurveModel.DISABLED_FitQualityTable*'
TEST(CurveModel, DISABLED_FitQualityTableOnTheDefaultMarket) {
  const auto& m = model_market();
  const Config configs[] = {
      {"per order, equal width n=5", PointKind::per_order, false, Binning::equal_width, CurveForm::exponential},
      {"per order, equal width n=5", PointKind::per_order, false, Binning::equal_width, CurveForm::monomial},
      {"per order + zero days, equal width n=5", PointKind::per_order, true, Binning::equal_width, CurveForm::exponential},
      {"per order + zero days, equal width n=5", PointKind::per_order, true, Binning::equal_width, CurveForm::monomial},
      {"per order + zero days, equal count m=200", PointKind::per_order, true, Binning::equal_count, CurveForm::exponential},
      {"per order + zero days, unbinned", PointKind::per_order, true, Binning::none, CurveForm::exponential},
      {"per game, unbinned", PointKind::per_game, false, Binning::none, CurveForm::exponential},
      {"per game, unbinned", PointKind::per_game, false, Binning::none, CurveForm::monomial},
      {"per game, equal width n=5", PointKind::per_game, false, Binning::equal_width, CurveForm::exponential},
  };
  std::printf("| points, binning | form | cells | converged | usable (falling) | median R² fitted | median R² raw |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (const auto& cfg : configs) {
    ContinuousModelOptions o;
    o.points = cfg.points;
    o.selection.as_of = m.truth.as_of;
    o.selection.zero_days = cfg.zero_days;
    o.binning.method = cfg.binning;
    o.form = cfg.form;
    o.pooled_tier = false;
    const auto model = ContinuousDemandModel::build(m.dataset, o);
    std::size_t converged = 0, usable = 0;
    std::vector<double> r2, raw_r2;
    for (const auto& c : model.cells()) {
      if (!c.fit.converged) continue;
      ++converged;
      if (c.usable()) ++usable;
      if (std::isfinite(c.fit.quality.r2)) r2.push_back(c.fit.quality.r2);
      if (std::isfinite(c.raw.r2)) raw_r2.push_back(c.raw.r2);
    }
    const double n = static_cast<double>(model.cells().size());
    std::printf("| %s | %s | %zu | %.0f%% | %.0f%% | %.2f | %.2f |\n", cfg.name, std::string(to_string(cfg.form)).c_str(),
                model.cells().size(), 100.0 * converged / n, 100.0 * usable / n, median(r2), median(raw_r2));
    EXPECT_EQ(model.cells().size(), 200u);
  }
}

}  // namespace
}  // namespace seatsync
