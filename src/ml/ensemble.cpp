// Stacking: out-of-fold member predictions on expanding windows, convex ridge weights on top.
#include "seatsync/ensemble.hpp"

#include <spdlog/spdlog.h>

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>

#include "seatsync/time_series_cv.hpp"

namespace seatsync {
namespace {

constexpr ModelAlgo kMembers[] = {ModelAlgo::gbdt, ModelAlgo::rf, ModelAlgo::linear};
constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

// The meta-learner's table: one column per member, one row per prediction.
Table member_table(std::size_t rows) {
  Table t;
  for (ModelAlgo a : kMembers) t.columns.push_back({to_string(a), false, {}, "prediction of the member"});
  t.x.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(std::size(kMembers)));
  return t;
}

// Without a time column the rows' order stands in for time.
std::vector<double> ordering_of(const Table& t) {
  if (!t.time.empty()) return t.time;
  std::vector<double> order(t.rows());
  std::iota(order.begin(), order.end(), 0.0);
  return order;
}

}  // namespace

// With few members every face of the simplex can be tried: on each subset of members the
// equality-constrained problem (Σβ = 1) is one small linear solve; the best non-negative
// solution wins.
std::vector<double> stacking_weights(const Table& pred, const std::vector<float>& y, const std::vector<float>& w,
                                     const std::vector<bool>& use, double l2) {
  const int m = static_cast<int>(pred.x.cols());
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(m, m);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(m);
  double yy = 0;
  for (std::size_t i = 0; i < pred.rows(); ++i) {
    if (!use[i]) continue;
    const double wi = w.empty() ? 1.0 : w[i];
    const Eigen::VectorXd p = pred.x.row(static_cast<Eigen::Index>(i)).cast<double>().transpose();
    a.noalias() += wi * p * p.transpose();
    b.noalias() += wi * y[i] * p;
    yy += wi * y[i] * y[i];
  }
  // Ridge towards equal weights: + l2 (β − e/M)ᵀ(β − e/M).
  a.diagonal().array() += l2;
  b.array() += l2 / m;
  auto objective = [&](const Eigen::VectorXd& beta) { return beta.dot(a * beta) - 2 * b.dot(beta) + yy; };

  Eigen::VectorXd best = Eigen::VectorXd::Constant(m, 1.0 / m);
  double best_value = objective(best);
  for (int subset = 1; subset < (1 << m); ++subset) {
    std::vector<int> in;
    for (int k = 0; k < m; ++k)
      if (subset & (1 << k)) in.push_back(k);
    const int n = static_cast<int>(in.size());
    // KKT of min βᵀAβ − 2bᵀβ s.t. Σβ = 1 on the subset: [2A 1; 1ᵀ 0][β; ν] = [2b; 1].
    Eigen::MatrixXd kkt = Eigen::MatrixXd::Zero(n + 1, n + 1);
    Eigen::VectorXd rhs(n + 1);
    for (int r = 0; r < n; ++r) {
      for (int c = 0; c < n; ++c) kkt(r, c) = 2 * a(in[r], in[c]);
      kkt(r, n) = kkt(n, r) = 1;
      rhs(r) = 2 * b(in[r]);
    }
    rhs(n) = 1;
    const Eigen::VectorXd sol = kkt.fullPivLu().solve(rhs);
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(m);
    for (int r = 0; r < n; ++r) beta(in[r]) = sol(r);
    if (!beta.allFinite() || (beta.array() < -1e-12).any()) continue;
    beta = beta.cwiseMax(0.0);
    beta /= beta.sum();
    const double value = objective(beta);
    if (value < best_value) best_value = value, best = beta;
  }
  return std::vector<double>(best.data(), best.data() + m);
}

std::unique_ptr<StackedEnsemble> StackedEnsemble::fit(const Table& train, const ModelParams& params) {
  if (train.rows() == 0) throw std::invalid_argument("training table has no rows");
  const auto folds = expanding_window_folds(ordering_of(train), params.stack_folds);
  if (folds.empty()) throw std::invalid_argument("the ensemble needs rows at two or more distinct times");

  // Out-of-fold predictions: each from members fitted only on earlier rows.
  Table meta = member_table(train.rows());
  meta.x.setConstant(kMissing);  // rows of the first block keep NaN: no out-of-fold prediction
  std::vector<bool> scored(train.rows(), false);
  for (std::size_t f = 0; f < folds.size(); ++f) {
    const Table fit_rows = train.select_rows(folds[f].train), valid_rows = train.select_rows(folds[f].valid);
    for (std::size_t m = 0; m < std::size(kMembers); ++m) {
      const auto pred = fit_model(kMembers[m], fit_rows, params)->predict(valid_rows);
      for (std::size_t i = 0, k = 0; i < train.rows(); ++i)
        if (folds[f].valid[i]) meta.x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(m)) = pred[k++];
    }
    for (std::size_t i = 0; i < train.rows(); ++i) scored[i] = scored[i] || folds[f].valid[i];
    spdlog::info("ensemble: out-of-fold predictions for fold {} of {}", f + 1, folds.size());
  }
  auto out = std::unique_ptr<StackedEnsemble>(new StackedEnsemble());
  out->task_ = params.task;
  out->interval_z_ = params.interval_z;
  out->weights_ = stacking_weights(meta, train.y, train.weight, scored, params.meta_l2);
  for (ModelAlgo a : kMembers) out->members_.push_back(fit_model(a, train, params));
  return out;
}

std::size_t StackedEnsemble::feature_count() const { return members_.front()->feature_count(); }

float StackedEnsemble::finish(double value) const {
  if (!std::isfinite(value)) value = 0.0;
  if (task_ == BoostTask::binary) return static_cast<float>(std::clamp(value, 0.0, 1.0));
  if (task_ == BoostTask::poisson) return static_cast<float>(std::max(value, 0.0));
  return static_cast<float>(value);
}

EnsemblePrediction StackedEnsemble::predict_detail(const Table& table) const {
  EnsemblePrediction out;
  for (const auto& member : members_) out.members.emplace_back(to_string(member->algo()), member->predict(table));
  const std::size_t n = table.rows(), k = members_.size();
  out.prediction.resize(n);
  out.lower.resize(n);
  out.upper.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double mean = 0.0, ss = 0.0, combined = 0.0;
    for (std::size_t m = 0; m < k; ++m) combined += weights_[m] * out.members[m].second[i];
    for (const auto& [name, pred] : out.members) mean += pred[i];
    mean /= double(k);
    for (const auto& [name, pred] : out.members) ss += (pred[i] - mean) * (pred[i] - mean);
    const double spread = std::sqrt(ss / double(k - 1));
    out.prediction[i] = finish(combined);
    out.lower[i] = finish(out.prediction[i] - interval_z_ * spread);
    out.upper[i] = finish(out.prediction[i] + interval_z_ * spread);
  }
  return out;
}

std::vector<float> StackedEnsemble::predict(const Table& table) const { return predict_detail(table).prediction; }

float StackedEnsemble::predict_row(const float* row) const {
  double combined = 0.0;
  for (std::size_t m = 0; m < members_.size(); ++m) combined += weights_[m] * members_[m]->predict_row(row);
  return finish(combined);
}

std::vector<std::pair<std::string, double>> StackedEnsemble::importance(ImportanceKind kind) const {
  return members_.front()->importance(kind);  // the boosted member
}

std::vector<std::pair<std::string, double>> StackedEnsemble::member_weights() const {
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t m = 0; m < members_.size(); ++m) out.emplace_back(to_string(members_[m]->algo()), weights_[m]);
  return out;
}

std::string StackedEnsemble::save_to_bytes() const {
  nlohmann::json j{{"format", "seatsync-ensemble"}, {"version", 1}, {"task", to_string(task_)},
                   {"interval_z", interval_z_}};
  // Members are kept as the text their own save wrote: XGBoost's JSON may hold NaN, which a
  // strict JSON parser refuses, and this way each member loads exactly as saved.
  for (std::size_t m = 0; m < members_.size(); ++m)
    j["members"].push_back(
        {{"algo", to_string(members_[m]->algo())}, {"weight", weights_[m]}, {"model", members_[m]->save_to_bytes()}});
  return j.dump();
}

std::unique_ptr<StackedEnsemble> StackedEnsemble::load(const std::string& bytes) {
  const auto j = nlohmann::json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != "seatsync-ensemble")
    throw std::runtime_error("not a seatsync ensemble model (expected JSON with \"format\": \"seatsync-ensemble\")");
  try {
    auto out = std::unique_ptr<StackedEnsemble>(new StackedEnsemble());
    out->task_ = parse_boost_task(j.at("task").get<std::string>());
    out->interval_z_ = j.at("interval_z").get<double>();
    const auto& members = j.at("members");
    if (members.size() != std::size(kMembers)) throw std::runtime_error("expected 3 members");
    for (std::size_t m = 0; m < members.size(); ++m) {
      const ModelAlgo algo = parse_model_algo(members[m].at("algo").get<std::string>());
      if (algo != kMembers[m]) throw std::runtime_error("members out of order");
      out->members_.push_back(load_model(algo, members[m].at("model").get<std::string>()));
      out->weights_.push_back(members[m].at("weight").get<double>());
      if (!(out->weights_.back() >= 0.0)) throw std::runtime_error("member weights must be >= 0");
    }
    return out;
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("malformed seatsync ensemble model: ") + e.what());
  }
}

}  // namespace seatsync
