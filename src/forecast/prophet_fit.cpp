#include "prophet_fit.hpp"

#include <algorithm>
#include <cmath>
#include <nlopt.hpp>
#include <stdexcept>

namespace seatsync::forecast_detail {
namespace {

constexpr double kTrendPriorSd = 5.0;  // k and m
constexpr double kSigmaPriorSd = 0.5;  // half-normal on σ

// The posterior depends on the data only through AᵀA, Aᵀy and yᵀy (A = [trend, features]), so
// each evaluation costs O(p²) whatever the series length.
struct Posterior {
  Eigen::MatrixXd gram;  // AᵀA
  Eigen::VectorXd cross; // Aᵀy
  double yy = 0;
  double n = 0;
  int changepoints = 0;
  Eigen::VectorXd feature_precision;  // 1 / prior sd²
  double inv_tau = 20;

  // x = (k, m, δ⁺ …, δ⁻ …, β …, log σ); σ enters through its log so the optimiser needs no bound
  // on it. The objective is the mode of the density in σ itself (no Jacobian), as Stan's
  // optimiser that Prophet calls finds it.
  double value(const double* x, double* grad) const {
    const int s = changepoints;
    const auto p = gram.rows();
    const auto f = p - 2 - s;
    Eigen::VectorXd w(p);
    w(0) = x[0];
    w(1) = x[1];
    for (int j = 0; j < s; ++j) w(2 + j) = x[2 + j] - x[2 + s + j];
    for (Eigen::Index c = 0; c < f; ++c) w(2 + s + c) = x[2 + 2 * s + c];
    const double u = x[2 + 2 * s + f];
    const double sigma = std::exp(u);
    const double inv_var = 1.0 / (sigma * sigma);

    const Eigen::VectorXd gw = gram * w;
    const double rss = std::max(yy - 2 * w.dot(cross) + w.dot(gw), 0.0);
    const Eigen::VectorXd beta = w.tail(f);
    double value = n * u + 0.5 * rss * inv_var;
    value += (w(0) * w(0) + w(1) * w(1)) / (2 * kTrendPriorSd * kTrendPriorSd);
    for (int j = 0; j < s; ++j) value += (x[2 + j] + x[2 + s + j]) * inv_tau;
    value += 0.5 * beta.cwiseProduct(beta).dot(feature_precision);
    value += sigma * sigma / (2 * kSigmaPriorSd * kSigmaPriorSd);

    if (grad != nullptr) {
      const Eigen::VectorXd dw = (gw - cross) * inv_var;  // d(½ rss/σ²)/dw
      grad[0] = dw(0) + w(0) / (kTrendPriorSd * kTrendPriorSd);
      grad[1] = dw(1) + w(1) / (kTrendPriorSd * kTrendPriorSd);
      for (int j = 0; j < s; ++j) {
        grad[2 + j] = dw(2 + j) + inv_tau;
        grad[2 + s + j] = -dw(2 + j) + inv_tau;
      }
      for (Eigen::Index c = 0; c < f; ++c) grad[2 + 2 * s + c] = dw(2 + s + c) + beta(c) * feature_precision(c);
      grad[2 + 2 * s + f] = n - rss * inv_var + sigma * sigma / (kSigmaPriorSd * kSigmaPriorSd);
    }
    return value;
  }
};

// The optimiser works on z = x / scale: each variable divided by the square root of its
// curvature at the start, so that L-BFGS sees a posterior of roughly unit curvature in every
// coordinate (the hinge columns' norms differ by orders of magnitude). A diagonal scaling keeps
// the bounds δ± ≥ 0 simple bounds.
struct ScaledPosterior {
  const Posterior* posterior;
  std::vector<double> scale;
  mutable std::vector<double> x, grad_x;
};

double objective(unsigned dim, const double* z, double* grad, void* data) {
  const auto* p = static_cast<const ScaledPosterior*>(data);
  for (unsigned i = 0; i < dim; ++i) p->x[i] = z[i] * p->scale[i];
  const double value = p->posterior->value(p->x.data(), grad != nullptr ? p->grad_x.data() : nullptr);
  if (grad != nullptr) {
    for (unsigned i = 0; i < dim; ++i) grad[i] = p->grad_x[i] * p->scale[i];
  }
  return value;
}

}  // namespace

Eigen::MatrixXd trend_columns(const Eigen::VectorXd& t, const std::vector<double>& changepoints) {
  const auto s = static_cast<Eigen::Index>(changepoints.size());
  Eigen::MatrixXd out(t.size(), 2 + s);
  out.col(0) = t;
  out.col(1).setOnes();
  for (Eigen::Index j = 0; j < s; ++j) out.col(2 + j) = (t.array() - changepoints[j]).max(0.0).matrix();
  return out;
}

namespace {

Posterior make_posterior(const ProphetProblem& problem) {
  const auto n = problem.t.size();
  const auto s = static_cast<int>(problem.changepoints.size());
  Eigen::MatrixXd design(n, 2 + s + problem.features.cols());
  design << trend_columns(problem.t, problem.changepoints), problem.features;
  Posterior post;
  post.gram = design.transpose() * design;
  post.cross = design.transpose() * problem.y;
  post.yy = problem.y.squaredNorm();
  post.n = static_cast<double>(n);
  post.changepoints = s;
  post.feature_precision = problem.feature_prior_sd.array().square().inverse().matrix();
  post.inv_tau = 1.0 / problem.changepoint_prior;
  return post;
}

// Prophet's cold start: the line through the first and last values, no rate changes, no
// seasonality; σ from that line's residuals (a start far from the mode in σ makes the first
// steps of L-BFGS wild).
ProphetParameters cold_start(const ProphetProblem& problem, const Posterior& post) {
  const auto n = problem.t.size();
  ProphetParameters p;
  const double span = problem.t(n - 1) - problem.t(0);
  p.k = span > 0 ? (problem.y(n - 1) - problem.y(0)) / span : 0.0;
  p.m = problem.y(0) - p.k * problem.t(0);
  p.delta = Eigen::VectorXd::Zero(post.changepoints);
  p.beta = Eigen::VectorXd::Zero(problem.features.cols());
  Eigen::VectorXd w = Eigen::VectorXd::Zero(post.gram.rows());
  w(0) = p.k;
  w(1) = p.m;
  const double rss = std::max(post.yy - 2 * w.dot(post.cross) + w.dot(post.gram * w), 0.0);
  p.sigma = std::sqrt(std::max(rss / post.n, 1e-10));
  return p;
}

std::vector<double> pack(const ProphetParameters& p) {
  const auto s = p.delta.size();
  const auto f = p.beta.size();
  std::vector<double> x(static_cast<std::size_t>(3 + 2 * s + f));
  x[0] = p.k;
  x[1] = p.m;
  for (Eigen::Index j = 0; j < s; ++j) {
    x[2 + j] = std::max(p.delta(j), 0.0);
    x[2 + s + j] = std::max(-p.delta(j), 0.0);
  }
  for (Eigen::Index c = 0; c < f; ++c) x[2 + 2 * s + c] = p.beta(c);
  x.back() = std::log(std::max(p.sigma, 1e-10));
  return x;
}

ProphetParameters unpack(const std::vector<double>& x, int s, Eigen::Index f) {
  ProphetParameters p;
  p.k = x[0];
  p.m = x[1];
  p.delta.resize(s);
  for (int j = 0; j < s; ++j) p.delta(j) = x[2 + j] - x[2 + s + j];
  p.beta.resize(f);
  for (Eigen::Index c = 0; c < f; ++c) p.beta(c) = x[2 + 2 * s + c];
  p.sigma = std::exp(x.back());
  return p;
}

// 1 / √(curvature) of each variable at noise variance `variance`: the data term's AᵀA diagonal
// over σ², plus the prior's precision; 2n for log σ.
std::vector<double> variable_scales(const Posterior& post, double variance) {
  const int s = post.changepoints;
  const auto f = post.feature_precision.size();
  std::vector<double> scale(static_cast<std::size_t>(3 + 2 * s + f));
  auto inverse_root_curvature = [&](Eigen::Index column, double prior_precision) {
    return 1 / std::sqrt(std::max(post.gram(column, column) / variance + prior_precision, 1e-12));
  };
  const double trend_precision = 1.0 / (kTrendPriorSd * kTrendPriorSd);
  scale[0] = inverse_root_curvature(0, trend_precision);
  scale[1] = inverse_root_curvature(1, trend_precision);
  for (int j = 0; j < s; ++j) scale[2 + j] = scale[2 + s + j] = inverse_root_curvature(2 + j, 0.0);
  for (Eigen::Index c = 0; c < f; ++c) scale[2 + 2 * s + c] = inverse_root_curvature(2 + s + c, post.feature_precision(c));
  scale.back() = 1 / std::sqrt(2.0 * post.n);
  return scale;
}

}  // namespace

ProphetParameters fit_prophet_map(const ProphetProblem& problem, const ProphetParameters* start) {
  const Posterior post = make_posterior(problem);
  const int s = post.changepoints;
  const auto f = problem.features.cols();
  const bool warm = start != nullptr && start->delta.size() == s && start->beta.size() == f;
  const ProphetParameters initial = warm ? *start : cold_start(problem, post);

  std::vector<double> x = pack(initial);
  const std::size_t dim = x.size();
  ScaledPosterior scaled{&post, variable_scales(post, initial.sigma * initial.sigma), std::vector<double>(dim),
                         std::vector<double>(dim)};
  std::vector<double> z(dim), lower(dim, -HUGE_VAL);
  for (std::size_t i = 0; i < dim; ++i) z[i] = x[i] / scaled.scale[i];
  for (int j = 0; j < 2 * s; ++j) lower[2 + j] = 0.0;  // δ⁺, δ⁻ ≥ 0

  nlopt::opt opt(nlopt::LD_LBFGS, static_cast<unsigned>(dim));
  opt.set_lower_bounds(lower);
  opt.set_min_objective(objective, &scaled);
  opt.set_ftol_rel(1e-12);
  opt.set_xtol_rel(1e-10);
  opt.set_maxeval(5000);
  // L-BFGS can stall on this stiff posterior (a wide range of curvatures along the correlated
  // hinge columns) and stop early; a restart from its best point rebuilds its curvature memory.
  // Restarts end when a round no longer lowers the objective.
  double previous = HUGE_VAL;
  double best = HUGE_VAL;
  for (int round = 0; round < 8; ++round) {
    try {
      opt.optimize(z, best);
    } catch (const nlopt::roundoff_limited&) {
      // The optimiser stopped at the limit of floating-point progress; z holds its best point.
    } catch (const std::runtime_error&) {
      // NLopt's generic failure also leaves its best point in z; it is used if finite.
      best = objective(static_cast<unsigned>(dim), z.data(), nullptr, &scaled);
    }
    if (!(best < previous - 1e-10 * std::abs(previous))) break;
    previous = best;
  }
  for (std::size_t i = 0; i < dim; ++i) x[i] = z[i] * scaled.scale[i];
  for (double v : x) {
    if (!std::isfinite(v)) throw std::invalid_argument("prophet: the MAP fit did not converge to finite values");
  }
  return unpack(x, s, f);
}

}  // namespace seatsync::forecast_detail
