#pragma once
// One interface over every learned model — gradient boosting, random forest, the regularised
// linear (log-log) model and the stacking ensemble — so that training, evaluation, the registry
// and serving treat them alike. See docs/ml.md.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "seatsync/booster.hpp"
#include "seatsync/linear_model.hpp"
#include "seatsync/tabular.hpp"

namespace seatsync {

enum class ModelAlgo { gbdt, rf, linear, ensemble };

const char* to_string(ModelAlgo algo);
// "gbdt", "rf", "linear", "ensemble"; std::invalid_argument otherwise.
ModelAlgo parse_model_algo(const std::string& text);

struct ModelParams {
  BoostTask task = BoostTask::regression;  // copied into gbdt, forest and linear when training
  BoosterParams gbdt;                      // the boosted model (algo gbdt)
  BoosterParams forest = [] {              // the random forest (algo rf)
    BoosterParams p;
    p.algo = BoostAlgo::rf;
    p.rounds = 100;  // trees
    p.max_depth = 12;
    p.min_child_weight = 5;
    return p;
  }();
  LinearParams linear;
  // Share of the training rows, the latest by time, held out to stop boosting early.
  double early_stopping_fraction = 0.1;
  // Expanding-window folds for the ensemble's out-of-fold predictions. 1 (fit on the older half,
  // predict the newer) measured best on the simulator: with 3, members fitted on the first
  // quarter alone gave unrepresentative predictions and the weights went to the forest
  // (docs/BENCHMARKS.md).
  int stack_folds = 1;
  double meta_l2 = 1.0;      // ridge penalty of the ensemble's weights towards equal (ensemble.hpp)
  double interval_z = 2.0;   // ensemble interval: prediction ± z × spread of the members
};

class Model {
 public:
  virtual ~Model() = default;
  virtual ModelAlgo algo() const = 0;
  virtual BoostTask task() const = 0;
  virtual std::size_t feature_count() const = 0;
  // Mean response per row: the value, a probability (binary) or an expected count (poisson).
  virtual std::vector<float> predict(const Table& table) const = 0;
  // One row of feature_count() floats, NaN = missing.
  virtual float predict_row(const float* row) const = 0;
  // gbdt and rf: XGBoost's JSON model; linear and ensemble: seatsync JSON (docs/ml.md).
  virtual std::string save_to_bytes() const = 0;
  // (feature, score), highest first. Trees: XGBoost's gain / weight / cover; linear: the
  // absolute standardised coefficients whatever the kind; ensemble: its boosted member's.
  virtual std::vector<std::pair<std::string, double>> importance(ImportanceKind kind) const = 0;
};

// Fits one model on `train` (y the target, weight optional, time used to order the rows):
// gbdt stops early on the latest `early_stopping_fraction` of the rows by time (at random when
// the table has no time), then keeps the best round. Throws std::invalid_argument on bad input.
std::unique_ptr<Model> fit_model(ModelAlgo algo, const Table& train, const ModelParams& params);

// Reads what save_to_bytes wrote; std::runtime_error on a malformed model.
std::unique_ptr<Model> load_model(ModelAlgo algo, const std::string& bytes);

// The rows fit_model keeps aside for early stopping: the latest `fraction` by time.
std::vector<bool> latest_rows_mask(const Table& table, double fraction);

}  // namespace seatsync
