// Nonlinear least squares for the curves of thesis eqs 4.1 and 4.2 (Eigen's Levenberg-Marquardt).
//
// Both curves are fitted in one internal form, q = A·e^(β·x) + D, with x a standardised price
// axis: x = (p − mean p) / sd p for 4.1, and x = (ln p − mean ln p) / sd ln p for 4.2 (since
// a·p^b = a·e^(b·ln p)). Standardising keeps β of order one whatever the currency, and
// centring makes A the height of the curve above D at the centre, which removes 4.1's
// a-versus-c redundancy. The thesis parameters are recovered at the end.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include <Eigen/Core>
#include <unsupported/Eigen/LevenbergMarquardt>

#include "seatsync/demand_curve.hpp"

namespace seatsync {
namespace {

// A curve whose exponential part changes by more than e^20 between the centre of the data and
// a point (|β·x| > 20) is a step, not a demand curve: least squares drifts there when a few
// points at one end of the price range disagree with the rest. Such a fit is not accepted.
constexpr double kMaxExponent = 20.0;
// Only guards against overflow while the optimiser explores; far beyond kMaxExponent.
constexpr double kExponentGuard = 300.0;

double growth(double v) { return std::exp(std::clamp(v, -kExponentGuard, kExponentGuard)); }

// Weighted residuals r_i = √w_i·(A·e^(β·x_i) + D − q_i) and their analytic Jacobian.
struct Residuals : Eigen::DenseFunctor<double> {
  const Eigen::VectorXd& x;
  const Eigen::VectorXd& q;
  const Eigen::VectorXd& sw;

  Residuals(const Eigen::VectorXd& x_, const Eigen::VectorXd& q_, const Eigen::VectorXd& sw_)
      : DenseFunctor<double>(3, static_cast<int>(x_.size())), x(x_), q(q_), sw(sw_) {}

  int operator()(const InputType& th, ValueType& r) const {
    for (Eigen::Index i = 0; i < x.size(); ++i)
      r[i] = sw[i] * (th[0] * growth(th[1] * x[i]) + th[2] - q[i]);
    return 0;
  }
  int df(const InputType& th, JacobianType& jac) const {
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double e = growth(th[1] * x[i]);
      jac(i, 0) = sw[i] * e;                  // ∂r/∂A
      jac(i, 1) = sw[i] * th[0] * x[i] * e;   // ∂r/∂β
      jac(i, 2) = sw[i];                      // ∂r/∂D
    }
    return 0;
  }
};

// Weighted least-squares line y = intercept + slope·x.
std::pair<double, double> regress(const Eigen::VectorXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w) {
  const double sw = w.sum();
  const double mx = w.dot(x) / sw, my = w.dot(y) / sw;
  const Eigen::ArrayXd dx = x.array() - mx, dy = y.array() - my;
  const double sxx = (w.array() * dx * dx).sum();
  const double slope = sxx > 0.0 ? (w.array() * dx * dy).sum() / sxx : 0.0;
  return {my - slope * mx, slope};
}

// Starting points: log-linear regressions of |q − D₀| for shifts D₀ below the data (a falling
// or rising convex curve, A > 0) and above it (concave, A < 0), and a near-linear curve.
std::vector<Eigen::Vector3d> starting_points(const Eigen::VectorXd& x, const Eigen::VectorXd& q,
                                             const Eigen::VectorXd& w) {
  const double lo = q.minCoeff(), hi = q.maxCoeff(), range = hi - lo;
  std::vector<Eigen::Vector3d> starts;
  auto log_linear = [&](double shift, double sign) {
    const Eigen::VectorXd y = (sign * (q.array() - shift)).log().matrix();
    const auto [intercept, slope] = regress(x, y, w);
    starts.emplace_back(sign * std::exp(intercept), slope, shift);
  };
  if (lo > 0.0) log_linear(0.0, 1.0);  // the classic ln q = ln A + β·x
  for (double f : {0.05, 0.5}) {
    log_linear(lo - f * range, 1.0);
    log_linear(hi + f * range, -1.0);
  }
  const auto [intercept, slope] = regress(x, q, w);
  const double beta = 0.1;  // A·e^(βx) + D ≈ A + D + A·β·x for small β
  starts.emplace_back(slope / beta, beta, intercept - slope / beta);
  return starts;
}

bool lm_converged(Eigen::LevenbergMarquardtSpace::Status s) {
  using namespace Eigen::LevenbergMarquardtSpace;
  switch (s) {
    case RelativeReductionTooSmall: case RelativeErrorTooSmall: case RelativeErrorAndReductionTooSmall:
    case CosinusTooSmall: case FtolTooSmall: case XtolTooSmall: case GtolTooSmall:
      return true;
    default:
      return false;
  }
}

std::string lm_message(Eigen::LevenbergMarquardtSpace::Status s) {
  using namespace Eigen::LevenbergMarquardtSpace;
  switch (s) {
    case TooManyFunctionEvaluation: return "too many function evaluations";
    case ImproperInputParameters: return "numerical failure in the optimiser";
    case UserAsked: return "stopped by the residual function";
    default: return "optimiser status " + std::to_string(static_cast<int>(s));
  }
}

struct Attempt {
  Eigen::VectorXd theta;
  bool converged = false;
  bool step = false;  // converged to a step-like curve
  double sse = std::numeric_limits<double>::infinity();
  int iterations = 0;
  std::string message;
};

Attempt minimise(const Residuals& residuals, const Eigen::Vector3d& start, const FitOptions& options) {
  Attempt at;
  at.theta = start;
  if (!start.allFinite()) {
    at.message = "no finite starting point";
    return at;
  }
  Residuals functor = residuals;
  Eigen::LevenbergMarquardt<Residuals> lm(functor);
  lm.setMaxfev(options.max_evaluations);
  const auto status = lm.minimize(at.theta);
  at.iterations = static_cast<int>(lm.iterations());
  Eigen::VectorXd r(residuals.values());
  residuals(at.theta, r);
  const double peak = (at.theta[1] * residuals.x).cwiseAbs().maxCoeff();
  at.sse = r.squaredNorm();
  const bool finite = at.theta.allFinite() && std::isfinite(at.sse);
  at.step = finite && !(peak <= kMaxExponent);
  at.converged = lm_converged(status) && finite && !at.step;
  if (at.step)
    at.message = "the least-squares curve is a step (|b| grows without bound), not a demand curve";
  else if (!lm_converged(status))
    at.message = lm_message(status);
  else if (!finite)
    at.message = "non-finite parameters";
  return at;
}

// Checks that need no optimiser; sets status and message and returns false when the input
// cannot identify three parameters.
bool check_points(std::span<const PricePoint> points, CurveForm form, const FitOptions& options, CurveFit& fit) {
  auto fail = [&](FitStatus s, std::string msg) {
    fit.status = s;
    fit.message = std::move(msg);
    return false;
  };
  for (const auto& p : points)
    if (!std::isfinite(p.price) || !std::isfinite(p.quantity) || !std::isfinite(p.weight) || p.weight <= 0.0)
      return fail(FitStatus::invalid_points, "a point has a non-finite value or a non-positive weight");
  const std::size_t need = std::max<std::size_t>(options.min_points, 3);
  if (points.size() < need)
    return fail(FitStatus::too_few_points,
                std::to_string(points.size()) + " points, need at least " + std::to_string(need));
  if (form == CurveForm::monomial)
    for (const auto& p : points)
      if (p.price <= 0.0) return fail(FitStatus::nonpositive_price, "the monomial curve needs prices above 0");
  std::set<double> prices;
  for (const auto& p : points) prices.insert(p.price);
  if (prices.size() == 1) return fail(FitStatus::constant_price, "every price is equal");
  if (prices.size() < 3)
    return fail(FitStatus::too_few_points,
                "only " + std::to_string(prices.size()) + " distinct prices for 3 parameters");
  const auto [qlo, qhi] = std::minmax_element(points.begin(), points.end(),
                                              [](const auto& x, const auto& y) { return x.quantity < y.quantity; });
  if (qlo->quantity == qhi->quantity) return fail(FitStatus::constant_quantity, "every quantity is equal");
  return true;
}

}  // namespace

CurveFit fit_curve(std::span<const PricePoint> points, CurveForm form, const FitOptions& options) {
  CurveFit fit;
  fit.form = form;
  fit.quality.points = points.size();
  if (points.empty()) {
    fit.status = FitStatus::too_few_points;
    fit.message = "no points";
    return fit;
  }
  const auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                            [](const auto& x, const auto& y) { return x.price < y.price; });
  fit.min_price = lo->price;
  fit.max_price = hi->price;
  if (!check_points(points, form, options, fit)) return fit;

  const auto n = static_cast<Eigen::Index>(points.size());
  Eigen::VectorXd t(n), q(n), w(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& p = points[static_cast<std::size_t>(i)];
    t[i] = form == CurveForm::exponential ? p.price : std::log(p.price);
    q[i] = p.quantity;
    w[i] = options.weighted ? p.weight : 1.0;
  }
  const double centre = w.dot(t) / w.sum();
  const double scale = std::sqrt(w.dot((t.array() - centre).square().matrix()) / w.sum());
  const Eigen::VectorXd x = (t.array() - centre) / scale;
  const Eigen::VectorXd sw = w.cwiseSqrt();
  const Residuals residuals(x, q, sw);

  Attempt best;
  bool best_converged = false;
  for (const auto& start : starting_points(x, q, w)) {
    Attempt at = minimise(residuals, start, options);
    ++fit.starts;
    const bool better = at.converged != best_converged ? at.converged : at.sse < best.sse;
    if (better || best.theta.size() == 0) {
      best_converged = at.converged;
      best = std::move(at);
    }
  }

  // Back to the thesis's parameters.
  const double A = best.theta[0], D = best.theta[2];
  fit.b = best.theta[1] / scale;
  if (form == CurveForm::exponential) {
    fit.a = A;
    fit.c = -fit.b * centre;
    fit.d = D;
  } else {
    fit.a = A * std::exp(-fit.b * centre);
    fit.c = D;
    fit.d = 0.0;
  }
  fit.iterations = best.iterations;
  fit.converged = best.converged && std::isfinite(fit.a) && std::isfinite(fit.b) && std::isfinite(fit.c);
  fit.status = fit.converged ? FitStatus::converged : best.step ? FitStatus::step : FitStatus::not_converged;
  fit.message = fit.converged ? std::string() : (best.message.empty() ? "non-finite parameters" : best.message);
  fit.quality = measure_fit(fit, points, options.weighted);
  return fit;
}

}  // namespace seatsync
