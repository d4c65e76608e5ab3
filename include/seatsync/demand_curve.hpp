#pragma once
// Continuous price inference (thesis 4.2): price-quantity points, binning (4.2.1) and the two
// demand curves of eqs 4.1 and 4.2, fitted by nonlinear least squares, and a demand model made
// of such curves for the cells where a Demand Matrix is too sparse. See docs/demand-curves.md.
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/date.hpp"

namespace seatsync {

// ---- Points ------------------------------------------------------------------------------

struct PricePoint {
  double price = 0.0;     // per ticket
  double quantity = 0.0;  // tickets
  double weight = 1.0;    // raw points behind it: 1, or the size of a bin
};

// The sales a curve describes: one tier (or all), one price-code group or one code, one bucket.
struct CurveSlice {
  int tier = 0;                   // 0 = every tier
  std::string group;              // the price-code group; ignored when `code` is set
  std::optional<CodeIndex> code;  // a single price code instead of a group
  std::size_t bucket = 0;         // index into Dataset::params.buckets
};

enum class PointKind {
  // The thesis's points (Figure 4-1): one per order, (price per ticket, tickets in the order).
  // A curve through them answers "how many tickets does one order take at price p".
  per_order,
  // One per game: (the game's average per-ticket order price in the bucket, tickets the game
  // sold in the bucket), the average being the unweighted mean over orders as in the Demand
  // Matrix. A curve through them answers "how many tickets does a game sell in the bucket at
  // price p": the Demand Matrix's axes (row = bucket, column = quantity).
  per_game,
};

struct PointOptions {
  // Only sales dated before as_of are used. Per-game points also need the bucket to be over
  // for the game (its last day before as_of), as in MatrixBuildOptions; without as_of the day
  // after the last sale in the data plays that role.
  std::optional<Date> as_of;
  // When set, only games with include_game[g] true are used (e.g. a training split).
  std::vector<bool> include_game;
  // The thesis also plotted zero-quantity points on days without sales, pricing them by linear
  // interpolation between the dates of the surrounding orders. per_order: one point
  // (interpolated price, 0) for each game and day of the bucket on which the slice sold
  // nothing. per_game: a game of the slice that sold nothing in the bucket gets a point (mean
  // interpolated price over the bucket's days, 0). A day is interpolated only between two days
  // with orders of that game in the slice (anchored on the mean order price of those days);
  // days before the game's first or after its last order have no known price and get no
  // point, so sold-out games add no false zeros.
  bool zero_days = false;
};

// Throws std::out_of_range when slice.bucket is not a bucket of data.params.
std::vector<PricePoint> order_points(const Dataset& data, const CurveSlice& slice,
                                     const PointOptions& options = {});
std::vector<PricePoint> game_points(const Dataset& data, const CurveSlice& slice,
                                    const PointOptions& options = {});
std::vector<PricePoint> curve_points(const Dataset& data, const CurveSlice& slice, PointKind kind,
                                     const PointOptions& options = {});

// ---- Binning (thesis 4.2.1) ---------------------------------------------------------------
// A bin becomes one point: its weight-weighted mean price and mean quantity, weight = the sum
// of its points' weights. Output is ordered by price. Both throw std::invalid_argument when
// the bin parameter is not positive.

// n bins of equal width over [min price, max price] (the top edge belongs to the last bin);
// empty bins are skipped. All prices equal: one bin.
std::vector<PricePoint> bin_equal_width(std::span<const PricePoint> points, int bins);
// Points ordered by price (ties by quantity), cut into runs of m; the last, partial run is kept.
std::vector<PricePoint> bin_equal_count(std::span<const PricePoint> points, int per_bin);

enum class Binning { none, equal_width, equal_count };

struct BinningOptions {
  Binning method = Binning::equal_width;
  int bins = 5;       // equal_width: n (thesis Figure 4-5)
  int per_bin = 200;  // equal_count: m (thesis Figure 4-6)
};

std::vector<PricePoint> bin_points(std::span<const PricePoint> points, const BinningOptions& options);

// ---- Curves (thesis eqs 4.1, 4.2) ---------------------------------------------------------

enum class CurveForm {
  exponential,  // q = a·e^(b·p + c) + d   (4.1)
  monomial,     // q = a·p^b + c           (4.2), prices > 0
};

enum class FitStatus {
  converged,
  not_converged,      // the optimiser stopped without meeting its tolerances from any start
  step,               // least squares drives b without bound: the best curve is a step, no
                      // smooth curve fits (typically a few points at one end of the range)
  too_few_points,     // fewer points than min_points, or fewer than 3 distinct prices
  constant_price,     // every price equal: no price response can be seen
  constant_quantity,  // every quantity equal: the curve is flat, a and b are not identified
  nonpositive_price,  // monomial only: p^b needs p > 0
  invalid_points,     // a price, quantity or weight is not finite (or a weight is <= 0)
};

std::string_view to_string(CurveForm form);
std::string_view to_string(FitStatus status);

struct FitQuality {
  std::size_t points = 0;
  double sse = std::numeric_limits<double>::quiet_NaN();   // Σ w·(q − q̂)²
  double rmse = std::numeric_limits<double>::quiet_NaN();  // sqrt(sse / Σ w)
  double r2 = std::numeric_limits<double>::quiet_NaN();    // 1 − sse / Σ w·(q − q̄)²; NaN if every q equal
};

// One fitted curve. Parameters are in the thesis's form. In 4.1 a and c trade off
// (a·e^c is one number), so c is not free: the fit pins it at c = −b·p̄ (p̄ the mean fitted
// price, weighted when the fit is), i.e. it fits q = a·e^(b·(p − p̄)) + d, and a is the
// curve's height above d at p̄. Any (a', c') with a'·e^c' = a·e^c is the same curve. For 4.2,
// d is 0. A fit that did not converge keeps the parameters of its best attempt (finite or
// NaN) for inspection, but price_for refuses it; degenerate input leaves them NaN.
struct CurveFit {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  CurveForm form = CurveForm::exponential;
  FitStatus status = FitStatus::not_converged;
  bool converged = false;  // status == converged
  double a = nan, b = nan, c = nan, d = nan;  // NaN unless a fit was attempted
  FitQuality quality;      // against the points fitted (binned points when binned)
  int iterations = 0;      // optimiser iterations of the chosen start
  int starts = 0;          // starting points tried
  double min_price = nan;  // price range of the points fitted: the curve's support
  double max_price = nan;
  std::string message;     // why it did not converge, when it did not

  // q̂(p); NaN when the parameters are not finite. No clamping.
  double operator()(double price) const;
  // a·b < 0: quantity falls as the price rises (both forms are monotone in p).
  bool decreasing() const;
  // The price in [min_price, max_price] at which the curve gives `quantity`; a quantity the
  // curve does not reach inside that range gets the nearer end of it (the observed range is
  // a hard clamp: the curve is not extrapolated). nullopt when not converged or flat.
  std::optional<double> price_for(double quantity) const;
};

struct FitOptions {
  std::size_t min_points = 4;  // one more than the 3 parameters: at least one degree of freedom
  bool weighted = false;       // weight residuals by PricePoint::weight (bins by their size)
  int max_evaluations = 400;   // per start
};

// Levenberg-Marquardt (Eigen) with an analytic Jacobian from several starts: log-linear
// regressions of q − d₀ for a few shifts d₀ below and above the data, and a near-linear
// start; the converged start with the least SSE wins. A start that ends on a step-like curve
// (the exponential part changing by more than e^20 between the data's centre and a point)
// does not count as converged. Never throws on bad data: degenerate input gives a
// non-converged fit whose status says why.
CurveFit fit_curve(std::span<const PricePoint> points, CurveForm form, const FitOptions& options = {});
// The fit's quality against other points (e.g. the unbinned ones). Empty quality when the fit
// has no finite parameters.
FitQuality measure_fit(const CurveFit& fit, std::span<const PricePoint> points, bool weighted = false);

// ---- The demand model ---------------------------------------------------------------------

struct ContinuousModelOptions {
  PointKind points = PointKind::per_order;  // the thesis's; per_game is the planner's
  PointOptions selection;                   // as_of, include_game, zero_days
  BinningOptions binning;                   // thesis: equal width, n = 5
  CurveForm form = CurveForm::exponential;
  FitOptions fit;
  bool pooled_tier = true;  // also build tier-0 cells pooled over every tier (a fallback)
};

struct CurveCell {
  CurveSlice slice;                   // tier (0 = pooled), group, bucket
  std::size_t raw_points = 0;
  std::vector<PricePoint> fitted;     // the (binned) points the curve was fitted to
  CurveFit fit;
  FitQuality raw;                     // the curve against the unbinned points
  bool usable() const { return fit.converged && fit.decreasing(); }
};

struct CurveQuality {
  FitStatus status = FitStatus::not_converged;
  bool usable = false;
  int iterations = 0;
  FitQuality fitted;  // against the points fitted
  FitQuality raw;     // against the unbinned points
};

// One curve per (tier in params.tiers, or every tier present, plus tier 0 when pooled_tier;
// group; bucket). What a cell's curve means depends on options.points: per_order, tickets per
// order at per-ticket price p (the thesis); per_game, tickets a game sells in the bucket at
// average price p (the Demand Matrix's quantity).
class ContinuousDemandModel {
 public:
  static ContinuousDemandModel build(const Dataset& data, const ContinuousModelOptions& options = {});

  // q̂ at `price` clamped to the cell's fitted price range, and never below 0. NaN when the
  // cell is unknown or has no usable curve (not converged, or not falling with price): the
  // caller then falls back to the Demand Matrix, the pooled tier-0 curve or the current price.
  double expected_quantity(int tier, std::string_view group, std::size_t bucket, double price) const;
  // The inverse: the price at which the curve gives `quantity` (taken as 0 when negative),
  // clamped to the fitted price range (CurveFit::price_for). NaN as for expected_quantity.
  double price_for_quantity(int tier, std::string_view group, std::size_t bucket, double quantity) const;
  std::optional<CurveQuality> quality(int tier, std::string_view group, std::size_t bucket) const;
  const CurveCell* cell(int tier, std::string_view group, std::size_t bucket) const;

  const std::vector<CurveCell>& cells() const { return cells_; }
  const ContinuousModelOptions& options() const { return options_; }

 private:
  ContinuousModelOptions options_;
  std::vector<CurveCell> cells_;
  // (tier, group, bucket) -> cell. Compared through string_view so that a lookup allocates
  // nothing, and spelled out because clang 14 cannot compare tuple<string> with tuple<string_view>.
  struct KeyLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return std::tuple<int, std::string_view, std::size_t>(std::get<0>(a), std::get<1>(a), std::get<2>(a)) <
             std::tuple<int, std::string_view, std::size_t>(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    }
  };
  std::map<std::tuple<int, std::string, std::size_t>, std::size_t, KeyLess> index_;
};

}  // namespace seatsync
