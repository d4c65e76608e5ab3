// Booster lifecycle and training (prediction, saving and importance: booster_predict.cpp).
#include "seatsync/booster.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <vector>

#include "ml/booster_xgb.hpp"

namespace seatsync {

const char* to_string(BoostTask task) {
  switch (task) {
    case BoostTask::regression: return "regression";
    case BoostTask::binary: return "binary";
    case BoostTask::poisson: return "poisson";
  }
  return "?";
}

const char* to_string(BoostAlgo algo) { return algo == BoostAlgo::rf ? "rf" : "gbdt"; }

BoostTask parse_boost_task(const std::string& text) {
  if (text == "regression") return BoostTask::regression;
  if (text == "binary") return BoostTask::binary;
  if (text == "poisson") return BoostTask::poisson;
  throw std::invalid_argument("unknown task '" + text + "' (expected regression, binary or poisson)");
}

BoostAlgo parse_boost_algo(const std::string& text) {
  if (text == "gbdt") return BoostAlgo::gbdt;
  if (text == "rf") return BoostAlgo::rf;
  throw std::invalid_argument("unknown algorithm '" + text + "' (expected gbdt or rf)");
}

Booster::Booster() = default;
Booster::~Booster() {
  if (handle_) XGBoosterFree(handle_);
  if (row_handle_) XGBoosterFree(row_handle_);
}
Booster::Booster(Booster&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      row_handle_(std::exchange(other.row_handle_, nullptr)),
      row_once_(std::move(other.row_once_)),
      features_(other.features_),
      task_(other.task_),
      clip_(other.clip_),
      best_iteration_(other.best_iteration_), rounds_trained_(other.rounds_trained_) {}
Booster& Booster::operator=(Booster&& other) noexcept {
  if (this != &other) {
    if (handle_) XGBoosterFree(handle_);
    if (row_handle_) XGBoosterFree(row_handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    row_handle_ = std::exchange(other.row_handle_, nullptr);
    row_once_ = std::move(other.row_once_);
    features_ = other.features_;
    task_ = other.task_;
    clip_ = other.clip_;
    best_iteration_ = other.best_iteration_;
    rounds_trained_ = other.rounds_trained_;
  }
  return *this;
}

void check_training_table(const Table& t, BoostTask task, const std::string& what) {
  auto fail = [&](const std::string& message) { throw std::invalid_argument(what + ": " + message); };
  if (t.rows() == 0) fail("no rows");
  if (static_cast<std::size_t>(t.x.cols()) != t.columns.size())
    fail(std::to_string(t.x.cols()) + " matrix columns but " + std::to_string(t.columns.size()) + " column descriptions");
  if (t.y.size() != t.rows()) fail("one target per row is needed");
  if (!t.weight.empty() && t.weight.size() != t.rows()) fail("one weight per row (or none) is needed");
  double total = 0.0;
  for (float w : t.weight) {
    if (!std::isfinite(w) || w < 0.0f) fail("weights must be finite and >= 0");
    total += w;
  }
  if (!t.weight.empty() && !(total > 0.0)) fail("the weights sum to 0");
  for (float v : t.y) {
    if (!std::isfinite(v)) fail("target values must be finite");
    if (task == BoostTask::binary && v != 0.0f && v != 1.0f) fail("a binary target must be 0 or 1, found " + std::to_string(v));
    if (task == BoostTask::poisson && v < 0.0f) fail("a poisson target must be >= 0, found " + std::to_string(v));
  }
}

namespace {

void set(BoosterHandle h, const char* name, const std::string& value) {
  xgb::check(XGBoosterSetParam(h, name, value.c_str()), name);
}

void apply_params(BoosterHandle h, const BoosterParams& p) {
  static const char* objectives[] = {"reg:squarederror", "binary:logistic", "count:poisson"};
  static const char* metrics[] = {"rmse", "logloss", "poisson-nloglik"};  // all: lower is better
  // A forest is one round, and one Newton step of the logistic or Poisson loss is not the
  // leaf's optimum (for Poisson XGBoost also caps it at max_delta_step 0.7: a forest could
  // never predict more than 2× the base score — we measured it at 61% of the true demand).
  // So forests average squared-error trees, the classic random forest of E[y | x], and their
  // predictions are clipped to the task's range instead.
  const int objective = p.algo == BoostAlgo::rf ? 0 : static_cast<int>(p.task);
  set(h, "objective", objectives[objective]);
  set(h, "eval_metric", metrics[objective]);
  set(h, "tree_method", "hist");  // needed for categorical splits, and the fastest on CPU
  set(h, "max_depth", std::to_string(p.max_depth));
  set(h, "min_child_weight", std::to_string(p.min_child_weight));
  set(h, "lambda", std::to_string(p.lambda));
  set(h, "grow_policy", p.grow_policy == GrowPolicy::lossguide ? "lossguide" : "depthwise");
  set(h, "max_leaves", std::to_string(p.max_leaves));
  set(h, "nthread", std::to_string(p.threads));
  set(h, "seed", std::to_string(p.seed));
  set(h, "verbosity", "0");
  if (p.algo == BoostAlgo::rf) {
    // A random forest is one round of many parallel trees, each on a row and column sample,
    // added at full weight.
    set(h, "num_parallel_tree", std::to_string(p.rounds));
    set(h, "learning_rate", "1");
    set(h, "subsample", std::to_string(p.subsample < 1.0 ? p.subsample : 0.632));
    set(h, "colsample_bynode", std::to_string(p.colsample_bytree < 1.0 ? p.colsample_bytree : 0.8));
  } else {
    set(h, "learning_rate", std::to_string(p.learning_rate));
    set(h, "subsample", std::to_string(p.subsample));
    set(h, "colsample_bytree", std::to_string(p.colsample_bytree));
  }
}

// The learner does not take feature names and types from the training matrix (Python's
// xgboost sets them on the booster too); without this, importance and the saved model say f0, f1, ….
void copy_feature_info(BoosterHandle h, const Table& t) {
  std::vector<const char*> names, types;
  for (const auto& c : t.columns) {
    names.push_back(c.name.c_str());
    types.push_back(c.categorical ? "c" : "q");
  }
  if (names.empty()) return;
  xgb::check(XGBoosterSetStrFeatureInfo(h, "feature_name", names.data(), names.size()), "feature_name");
  xgb::check(XGBoosterSetStrFeatureInfo(h, "feature_type", types.data(), types.size()), "feature_type");
}

// XGBoost wants one constraint per column in column order: "(0,-1,0,…)".
void apply_monotone(BoosterHandle h, const BoosterParams& p, const Table& t) {
  if (p.monotone.empty()) return;
  std::vector<int> constraint(t.columns.size(), 0);
  for (const auto& [name, sign] : p.monotone) {
    const auto index = find_column(t.columns, name);
    if (!index) throw std::invalid_argument("monotone constraint on unknown column '" + name + "'");
    if (t.columns[*index].categorical) throw std::invalid_argument("monotone constraint on categorical column '" + name + "'");
    constraint[*index] = sign < 0 ? -1 : sign > 0 ? 1 : 0;
  }
  std::string text = "(";
  for (std::size_t i = 0; i < constraint.size(); ++i) {
    if (i) text += ',';
    text += std::to_string(constraint[i]);
  }
  set(h, "monotone_constraints", text + ")");
}

// "[12]\tvalid-rmse:0.4321" → 0.4321
double last_metric(const char* eval_text) {
  const std::string s(eval_text);
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("xgboost: unexpected evaluation text '" + s + "'");
  return std::strtod(s.c_str() + colon + 1, nullptr);
}

}  // namespace

Booster Booster::train(const Table& train, const std::optional<Table>& valid, const BoosterParams& params) {
  check_training_table(train, params.task, "training table");
  if (valid) {
    check_training_table(*valid, params.task, "validation table");
    if (valid->columns.size() != train.columns.size())
      throw std::invalid_argument("validation table has different columns from the training table");
  }
  if (params.rounds < 1) throw std::invalid_argument("rounds must be >= 1");

  const xgb::OwnedDMatrix dtrain(train);
  std::optional<xgb::OwnedDMatrix> dvalid;
  if (valid) dvalid.emplace(*valid);

  Booster out;
  out.features_ = train.columns.size();
  out.task_ = params.task;
  out.clip_ = params.algo == BoostAlgo::rf && params.task != BoostTask::regression;
  DMatrixHandle cache[2] = {dtrain.get(), dvalid ? dvalid->get() : nullptr};
  BoosterHandle h = nullptr;
  xgb::check(XGBoosterCreate(cache, dvalid ? 2 : 1, &h), "XGBoosterCreate");
  out.handle_ = h;
  apply_params(h, params);
  apply_monotone(h, params, train);

  const bool rf = params.algo == BoostAlgo::rf;
  const int rounds = rf ? 1 : params.rounds;
  const bool early_stop = !rf && dvalid && params.early_stopping_rounds > 0;
  double best_loss = std::numeric_limits<double>::infinity();
  int best = rounds - 1, done = 0;
  for (int it = 0; it < rounds; ++it) {
    xgb::check(XGBoosterUpdateOneIter(h, it, dtrain.get()), "XGBoosterUpdateOneIter");
    done = it + 1;
    if (!early_stop) continue;
    DMatrixHandle evals[1] = {dvalid->get()};
    const char* names[1] = {"valid"};
    const char* text = nullptr;
    xgb::check(XGBoosterEvalOneIter(h, it, evals, names, 1, &text), "XGBoosterEvalOneIter");
    const double loss = last_metric(text);
    if (loss < best_loss) {
      best_loss = loss;
      best = it;
    } else if (it - best >= params.early_stopping_rounds) {
      break;
    }
  }
  out.rounds_trained_ = done;
  out.best_iteration_ = early_stop ? best : done - 1;
  if (out.best_iteration_ + 1 < done) {
    // Keep only the trees up to the best round, so that predictions, the saved model and
    // importance all describe the model that was chosen.
    BoosterHandle sliced = nullptr;
    xgb::check(XGBoosterSlice(h, 0, out.best_iteration_ + 1, 1, &sliced), "XGBoosterSlice");
    XGBoosterFree(h);
    out.handle_ = sliced;
  }
  copy_feature_info(out.handle_, train);
  // Saved with the model, so that a loaded forest knows its task (its objective does not say).
  xgb::check(XGBoosterSetAttr(out.handle_, "seatsync_task", to_string(params.task)), "XGBoosterSetAttr");
  spdlog::debug("booster: {} rounds trained, best iteration {}", done, out.best_iteration_);
  return out;
}

}  // namespace seatsync
