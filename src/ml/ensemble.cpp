// Stacking: out-of-fold member predictions on expanding windows, a ridge meta-learner on top.
#include "seatsync/ensemble.hpp"

#include <spdlog/spdlog.h>

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

std::unique_ptr<StackedEnsemble> StackedEnsemble::fit(const Table& train, const ModelParams& params) {
  if (train.rows() == 0) throw std::invalid_argument("training table has no rows");
  const auto folds = expanding_window_folds(ordering_of(train), params.stack_folds);
  if (folds.empty()) throw std::invalid_argument("the ensemble needs rows at two or more distinct times");

  // Out-of-fold predictions: each from members fitted only on earlier rows.
  Table meta = member_table(train.rows());
  meta.x.setConstant(kMissing);
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
  meta.y = train.y;
  meta.weight = train.weight;
  meta = meta.select_rows(scored);

  auto out = std::unique_ptr<StackedEnsemble>(new StackedEnsemble());
  out->task_ = params.task;
  out->interval_z_ = params.interval_z;
  LinearParams meta_params;
  meta_params.task = BoostTask::regression;
  meta_params.l2 = params.meta_l2;
  out->meta_ = std::make_unique<LinearModel>(LinearModel::train(meta, meta_params));
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
  Table meta = member_table(table.rows());
  for (std::size_t m = 0; m < members_.size(); ++m) {
    auto pred = members_[m]->predict(table);
    for (std::size_t i = 0; i < pred.size(); ++i) meta.x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(m)) = pred[i];
    out.members.emplace_back(to_string(members_[m]->algo()), std::move(pred));
  }
  const auto combined = meta_->predict(meta);
  const std::size_t n = table.rows(), k = members_.size();
  out.prediction.resize(n);
  out.lower.resize(n);
  out.upper.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double mean = 0.0, ss = 0.0;
    for (const auto& [name, pred] : out.members) mean += pred[i];
    mean /= double(k);
    for (const auto& [name, pred] : out.members) ss += (pred[i] - mean) * (pred[i] - mean);
    const double spread = std::sqrt(ss / double(k - 1));
    out.prediction[i] = finish(combined[i]);
    out.lower[i] = finish(out.prediction[i] - interval_z_ * spread);
    out.upper[i] = finish(out.prediction[i] + interval_z_ * spread);
  }
  return out;
}

std::vector<float> StackedEnsemble::predict(const Table& table) const { return predict_detail(table).prediction; }

float StackedEnsemble::predict_row(const float* row) const {
  float member[std::size(kMembers)];
  for (std::size_t m = 0; m < members_.size(); ++m) member[m] = members_[m]->predict_row(row);
  return finish(meta_->predict_row(member));
}

std::vector<std::pair<std::string, double>> StackedEnsemble::importance(ImportanceKind kind) const {
  return members_.front()->importance(kind);  // the boosted member
}

std::vector<std::pair<std::string, double>> StackedEnsemble::member_weights() const {
  std::vector<std::pair<std::string, double>> out;
  for (ModelAlgo a : kMembers) out.emplace_back(to_string(a), meta_->coefficient(to_string(a)));
  return out;
}

std::string StackedEnsemble::save_to_bytes() const {
  nlohmann::json j{{"format", "seatsync-ensemble"}, {"version", 1}, {"task", to_string(task_)},
                   {"interval_z", interval_z_}};
  // Members are kept as the text their own save wrote: XGBoost's JSON may hold NaN, which a
  // strict JSON parser refuses, and this way each member loads exactly as saved.
  for (const auto& m : members_) j["members"].push_back({{"algo", to_string(m->algo())}, {"model", m->save_to_bytes()}});
  j["meta"] = meta_->save_to_bytes();
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
    }
    out->meta_ = std::make_unique<LinearModel>(LinearModel::load_from_bytes(j.at("meta").get<std::string>()));
    return out;
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("malformed seatsync ensemble model: ") + e.what());
  }
}

}  // namespace seatsync
