// LinearModel training: the design (standardised numeric, log, missing-indicator and one-hot
// columns) and the penalised IRLS fit. Prediction, JSON and importance: linear_model_io.cpp.
#include "seatsync/linear_model.hpp"

#include <spdlog/spdlog.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <thread>

namespace seatsync {

namespace {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Kind = LinearDesignColumn::Kind;

constexpr int kSlots = 8;                       // accumulators; chunk c always goes to slot c % kSlots
constexpr Eigen::Index kChunkValues = 1 << 20;  // doubles per chunk of the design (8 MB)
constexpr int kMaxCode = 1 << 24;               // categories are float codes: exact integers up to here

// Code of a categorical value, or -1 for NaN, negative, fractional or codes >= levels.
int category_code(float x, std::size_t levels) {
  if (!(x >= 0.0f) || x != std::floor(x) || x >= static_cast<float>(std::min<std::size_t>(levels, kMaxCode))) return -1;
  return static_cast<int>(x);
}

float weight_of(const Table& t, std::size_t r) { return t.weight.empty() ? 1.0f : t.weight[r]; }

void check_inputs(const Table& t, const LinearParams& p) {
  check_training_table(t, p.task, "linear model");
  if (!(p.l2 >= 0.0) || !std::isfinite(p.l2)) throw std::invalid_argument("linear model: l2 must be finite and >= 0");
  if (p.max_iterations < 1) throw std::invalid_argument("linear model: max_iterations must be >= 1");
  if (!(p.tolerance >= 0.0)) throw std::invalid_argument("linear model: tolerance must be >= 0");
}

std::vector<bool> resolve_log_columns(const Table& t, const std::vector<std::string>& names) {
  std::vector<bool> log(t.columns.size(), false);
  for (const auto& name : names) {
    const auto index = find_column(t.columns, name);
    if (!index) throw std::invalid_argument("linear model: unknown log column '" + name + "'");
    if (t.columns[*index].categorical) throw std::invalid_argument("linear model: log column '" + name + "' is categorical");
    log[*index] = true;
  }
  return log;
}

// Weighted statistics of one source column over the training rows.
struct ColumnStats {
  double observed = 0.0, sum = 0.0, squares = 0.0, max_abs = 0.0, missing = 0.0;  // weights and Σw·v
  std::vector<double> codes;                                                      // weight per code
};

// Standardisation of every candidate design column; those without spread are left out.
std::vector<LinearDesignColumn> build_design(const Table& t, const std::vector<bool>& log, std::size_t max_categories) {
  const std::size_t n = t.rows(), cols = t.columns.size();
  std::vector<std::size_t> levels(cols);
  for (std::size_t c = 0; c < cols; ++c) {
    const auto& labels = t.columns[c].categories;
    levels[c] = std::min(labels.empty() ? std::size_t{kMaxCode} : labels.size(), max_categories);
  }
  auto value = [&](std::size_t c, float x, double& v) {  // false when missing
    if (!std::isfinite(x) || (log[c] && x <= 0.0f)) return false;
    v = log[c] ? std::log(static_cast<double>(x)) : static_cast<double>(x);
    return true;
  };
  // Two passes (means, then squared deviations) keep the variance accurate; rows outside,
  // columns inside, because the matrix is row-major.
  std::vector<ColumnStats> s(cols);
  double total = 0.0;
  for (std::size_t r = 0; r < n; ++r) {
    const double w = weight_of(t, r);
    total += w;
    const float* row = t.x.data() + r * cols;
    for (std::size_t c = 0; c < cols; ++c) {
      double v = 0.0;
      if (t.columns[c].categorical) {
        const int code = category_code(row[c], levels[c]);
        if (code < 0) continue;
        if (s[c].codes.size() <= static_cast<std::size_t>(code))
          s[c].codes.resize(static_cast<std::size_t>(code) + 1, 0.0);
        s[c].codes[static_cast<std::size_t>(code)] += w;
      } else if (value(c, row[c], v)) {
        s[c].observed += w;
        s[c].sum += w * v;
        s[c].max_abs = std::max(s[c].max_abs, std::abs(v));
      } else {
        s[c].missing += w;
      }
    }
  }
  std::vector<double> mean(cols, 0.0);
  for (std::size_t c = 0; c < cols; ++c)
    if (s[c].observed > 0.0) mean[c] = s[c].sum / s[c].observed;
  for (std::size_t r = 0; r < n; ++r) {
    const double w = weight_of(t, r);
    const float* row = t.x.data() + r * cols;
    for (std::size_t c = 0; c < cols; ++c) {
      double v = 0.0;
      if (!t.columns[c].categorical && value(c, row[c], v)) s[c].squares += w * (v - mean[c]) * (v - mean[c]);
    }
  }

  std::vector<LinearDesignColumn> design;
  auto add_indicator = [&](std::size_t c, Kind kind, int code, double weight) {
    const double p = weight / total, scale = std::sqrt(p * (1.0 - p));
    if (scale > 0.0) design.push_back({c, kind, code, p, scale, 0.0, ""});
  };
  for (std::size_t c = 0; c < cols; ++c) {
    if (t.columns[c].categorical) {
      for (std::size_t k = 0; k < s[c].codes.size(); ++k)
        add_indicator(c, Kind::category, static_cast<int>(k), s[c].codes[k]);
      continue;
    }
    // Imputed rows sit at the mean, so they add nothing to the spread; a relative threshold
    // catches a constant column whose computed spread is rounding noise.
    const double scale = std::sqrt(s[c].squares / total);
    if (s[c].observed > 0.0 && scale > 1e-9 * s[c].max_abs)
      design.push_back({c, log[c] ? Kind::log : Kind::numeric, -1, mean[c], scale, 0.0, ""});
    if (s[c].missing > 0.0) add_indicator(c, Kind::missing, -1, s[c].missing);
  }
  return design;
}

// ½ Σ w·d, Σ w·(y − μ)·z and the lower triangle of Σ w·V(μ)·z·zᵀ over the rows (z with a leading 1).
struct Sums {
  Eigen::MatrixXd h;
  Eigen::VectorXd g;
  double loss = 0.0;
};

// Mean, variance function and half unit deviance at η for one row.
void link(BoostTask task, double eta, double y, double& mu, double& var, double& half_dev) {
  constexpr double limit = LinearModel::kEtaLimit;
  switch (task) {
    case BoostTask::regression: mu = eta, var = 1.0, half_dev = 0.5 * (y - eta) * (y - eta); return;
    case BoostTask::binary: {
      const double e = std::clamp(eta, -limit, limit);
      mu = 1.0 / (1.0 + std::exp(-e)), var = mu * (1.0 - mu);
      half_dev = std::max(e, 0.0) + std::log1p(std::exp(-std::abs(e))) - y * e;  // softplus(η) − yη
      return;
    }
    case BoostTask::poisson: {
      const double e = std::clamp(eta, -limit, limit);
      mu = std::exp(e), var = mu;
      half_dev = mu - y * e + (y > 0.0 ? y * std::log(y) - y : 0.0);
      return;
    }
  }
}

Sums accumulate(const LinearModel& m, const Table& t, const Eigen::VectorXd& theta, int threads) {
  const Eigen::Index q = theta.size(), n = t.x.rows(), cols = t.x.cols();
  const Eigen::Index chunk = std::clamp<Eigen::Index>(kChunkValues / q, 256, 65536);
  const Eigen::Index chunks = (n + chunk - 1) / chunk;
  const int slots = static_cast<int>(std::min<Eigen::Index>(kSlots, chunks));
  std::vector<Sums> sums(static_cast<std::size_t>(slots),
                         Sums{Eigen::MatrixXd::Zero(q, q), Eigen::VectorXd::Zero(q), 0.0});
  auto run_slot = [&](int slot) {
    Sums& acc = sums[static_cast<std::size_t>(slot)];
    RowMatrix z;
    Eigen::VectorXd eta, r, s;
    for (Eigen::Index c = slot; c < chunks; c += kSlots) {
      const Eigen::Index begin = c * chunk, rows = std::min(chunk, n - begin);
      z.resize(rows, q);
      r.resize(rows);
      s.resize(rows);
      for (Eigen::Index i = 0; i < rows; ++i) {
        z(i, 0) = 1.0;
        m.encode_row(t.x.data() + (begin + i) * cols, z.data() + i * q + 1);
      }
      eta.noalias() = z * theta;
      for (Eigen::Index i = 0; i < rows; ++i) {
        const auto row = static_cast<std::size_t>(begin + i);
        const double w = weight_of(t, row), y = t.y[row];
        double mu = 0.0, var = 0.0, half_dev = 0.0;
        link(m.task(), eta(i), y, mu, var, half_dev);
        acc.loss += w * half_dev;
        r(i) = w * (y - mu);
        s(i) = std::sqrt(w * var);
      }
      acc.g.noalias() += z.transpose() * r;
      z.array().colwise() *= s.array();  // rows scaled by √(w·V): zᵀz is then the weighted product
      acc.h.selfadjointView<Eigen::Lower>().rankUpdate(z.transpose());
    }
  };
  const int workers = std::max(1, std::min(threads, slots));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  auto work = [&](int k) {
    try {
      for (int slot = k; slot < slots; slot += workers) run_slot(slot);
    } catch (...) {
      errors[static_cast<std::size_t>(k)] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int k = 1; k < workers; ++k) pool.emplace_back(work, k);
  work(0);
  for (auto& th : pool) th.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  // Slots are summed in a fixed order, so the thread count does not change a single bit.
  for (std::size_t k = 1; k < sums.size(); ++k) {
    sums[0].h += sums[k].h;
    sums[0].g += sums[k].g;
    sums[0].loss += sums[k].loss;
  }
  return std::move(sums[0]);
}

// Everything is divided by Σw so the numbers stay near 1 whatever the table's size.
struct Objective {
  double weight_sum, penalty;  // penalty = l2 / Σw
  double value(const Sums& s, const Eigen::VectorXd& theta) const {
    return s.loss / weight_sum + 0.5 * penalty * theta.tail(theta.size() - 1).squaredNorm();
  }
  // Also gives the Newton decrement, the decrease of f that the quadratic model predicts.
  Eigen::VectorXd newton_step(const Sums& s, const Eigen::VectorXd& theta, double& decrement) const {
    Eigen::MatrixXd a = s.h / weight_sum;
    Eigen::VectorXd b = s.g / weight_sum;
    for (Eigen::Index j = 1; j < theta.size(); ++j) {
      a(j, j) += penalty;
      b(j) -= penalty * theta(j);
    }
    const Eigen::LDLT<Eigen::MatrixXd, Eigen::Lower> ldlt(a);
    Eigen::VectorXd step = ldlt.solve(b);
    if (ldlt.info() != Eigen::Success || !step.allFinite())
      throw std::runtime_error("linear model: the penalised normal equations could not be solved");
    decrement = 0.5 * step.dot(b);
    return step;
  }
};

Eigen::VectorXd fit(const LinearModel& m, const Table& t, const LinearParams& p) {
  double weight_sum = 0.0, weighted_y = 0.0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    weight_sum += weight_of(t, r);
    weighted_y += weight_of(t, r) * t.y[r];
  }
  const Objective objective{weight_sum, std::max(p.l2 / weight_sum, 1e-10)};
  const int threads = p.threads > 0 ? p.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  // Start from the intercept-only fit: the design columns are centred, so b = 0 is its optimum.
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m.design().size()) + 1);
  const double ybar = weighted_y / weight_sum, limit = LinearModel::kEtaLimit;
  if (m.task() == BoostTask::regression) theta(0) = ybar;
  if (m.task() == BoostTask::binary) theta(0) = std::clamp(std::log(ybar / (1.0 - ybar)), -limit, limit);
  if (m.task() == BoostTask::poisson) theta(0) = std::max(std::log(ybar), -limit);

  Sums current = accumulate(m, t, theta, threads);
  double decrement = 0.0;
  if (m.task() == BoostTask::regression) return theta + objective.newton_step(current, theta, decrement);  // exact

  double f = objective.value(current, theta);
  auto small = [&](double change) { return change <= p.tolerance * (std::abs(f) + 0.1); };
  int steps = 0;
  bool converged = false;
  while (!converged && steps < p.max_iterations) {
    ++steps;
    const Eigen::VectorXd step = objective.newton_step(current, theta, decrement);
    if (small(decrement)) {  // the last step changes f by too little to be worth a pass to check
      theta += step;
      converged = true;
      break;
    }
    // Each trial's pass also yields the next Hessian, so an accepted step costs one pass.
    double scale = 1.0, f_trial = 0.0;
    Eigen::VectorXd trial;
    Sums next;
    int halvings = 0;
    for (;; ++halvings, scale *= 0.5) {
      trial = theta + scale * step;
      next = accumulate(m, t, trial, threads);
      f_trial = objective.value(next, trial);
      // Near the optimum rounding makes f wobble: a rise within the tolerance counts as no rise.
      if (f_trial <= f || small(f_trial - f) || halvings == 30) break;
    }
    if (f_trial > f && !small(f_trial - f)) {  // no step helps: this is as good as it gets
      converged = true;
      break;
    }
    converged = small(std::abs(f - f_trial));
    theta = std::move(trial);
    current = std::move(next);
    f = f_trial;
  }
  if (!converged) spdlog::warn("linear model: not converged after {} Newton steps", steps);
  spdlog::debug("linear model: {} Newton steps, objective {}", steps, f);
  return theta;
}

}  // namespace

LinearModel LinearModel::train(const Table& train, const LinearParams& params) {
  check_inputs(train, params);
  LinearModel m;
  m.task_ = params.task;
  m.l2_ = params.l2;
  m.columns_ = train.columns;
  m.log_ = resolve_log_columns(train, params.log_columns);
  m.design_ = build_design(train, m.log_, params.max_categories);
  m.index_design();
  const Eigen::VectorXd theta = fit(m, train, params);
  m.intercept_ = theta(0);
  for (std::size_t d = 0; d < m.design_.size(); ++d) m.design_[d].coefficient = theta(static_cast<Eigen::Index>(d) + 1);
  return m;
}

void LinearModel::index_design() {
  sources_.assign(columns_.size(), Source{});
  for (std::size_t d = 0; d < design_.size(); ++d) {
    LinearDesignColumn& dc = design_[d];
    const std::string where = "design column " + std::to_string(d);
    if (dc.column >= columns_.size()) throw std::invalid_argument(where + " refers to a column that does not exist");
    if (!std::isfinite(dc.mean) || !std::isfinite(dc.scale) || !(dc.scale > 0.0) || !std::isfinite(dc.coefficient))
      throw std::invalid_argument(where + " has a non-finite mean, coefficient or non-positive scale");
    const FeatureColumn& col = columns_[dc.column];
    Source& s = sources_[dc.column];
    const int index = static_cast<int>(d);
    const double inv = 1.0 / dc.scale;
    const bool category = dc.kind == Kind::category;
    if (col.categorical != category) throw std::invalid_argument(where + " does not match its column's type");
    if (category) {
      if (dc.code < 0 || dc.code >= kMaxCode) throw std::invalid_argument(where + " has an invalid category code");
      const auto code = static_cast<std::size_t>(dc.code);
      if (s.codes.size() <= code) {
        s.codes.resize(code + 1, -1);
        s.code_off.resize(code + 1, 0.0);
        s.code_on.resize(code + 1, 0.0);
      }
      if (s.codes[code] >= 0) throw std::invalid_argument(where + " repeats a category");
      s.codes[code] = index;
      s.code_off[code] = (0.0 - dc.mean) * inv;
      s.code_on[code] = (1.0 - dc.mean) * inv;
      dc.name = col.name + "=" + (code < col.categories.size() ? col.categories[code] : std::to_string(code));
    } else if (dc.kind == Kind::missing) {
      if (s.missing >= 0) throw std::invalid_argument(where + " repeats a missing indicator");
      s.missing = index;
      s.missing_off = (0.0 - dc.mean) * inv;
      s.missing_on = (1.0 - dc.mean) * inv;
      dc.name = col.name + " missing";
    } else {
      if (s.value >= 0 || (dc.kind == Kind::log) != log_[dc.column])
        throw std::invalid_argument(where + " repeats a column or disagrees with its log flag");
      s.value = index;
      s.mean = dc.mean;
      s.inv_scale = inv;
      dc.name = dc.kind == Kind::log ? "log(" + col.name + ")" : col.name;
    }
  }
}

void LinearModel::encode_row(const float* row, double* out) const {
  for (std::size_t c = 0; c < sources_.size(); ++c) {
    const Source& s = sources_[c];
    const float x = row[c];
    if (columns_[c].categorical) {
      for (std::size_t k = 0; k < s.codes.size(); ++k)
        if (s.codes[k] >= 0) out[s.codes[k]] = s.code_off[k];
      const int code = category_code(x, s.codes.size());
      if (code >= 0 && s.codes[static_cast<std::size_t>(code)] >= 0)
        out[s.codes[static_cast<std::size_t>(code)]] = s.code_on[static_cast<std::size_t>(code)];
      continue;
    }
    const bool present = std::isfinite(x) && (!log_[c] || x > 0.0f);
    if (s.value >= 0) {
      // A missing value is imputed with the training mean: 0 once standardised.
      const double v = !present ? 0.0 : log_[c] ? std::log(static_cast<double>(x)) : static_cast<double>(x);
      out[s.value] = present ? (v - s.mean) * s.inv_scale : 0.0;
    }
    if (s.missing >= 0) out[s.missing] = present ? s.missing_off : s.missing_on;
  }
}

}  // namespace seatsync
