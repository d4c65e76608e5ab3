#pragma once
// Gradient-boosted trees (and random forests) over XGBoost's C API, trained on a Table.
//
// Thread safety: predict() and predict_row() may be called from several threads at once on
// one trained Booster (XGBoost's in-place prediction keeps its result buffer per thread, and
// we copy it out before returning). train(), load_from_bytes() and moving a Booster must not
// overlap with any other call on the same object.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "seatsync/tabular.hpp"

namespace seatsync {

enum class BoostTask { regression, binary, poisson };  // reg:squarederror, binary:logistic, count:poisson
enum class BoostAlgo { gbdt, rf };
enum class GrowPolicy { depthwise, lossguide };
enum class ImportanceKind { gain, weight, cover };

struct BoosterParams {
  BoostTask task = BoostTask::regression;
  BoostAlgo algo = BoostAlgo::gbdt;
  int rounds = 500;                // gbdt: boosting rounds (cap); rf: number of trees
  double learning_rate = 0.05;     // gbdt only: rf always uses 1
  int max_depth = 6;               // 0 = unlimited (lossguide)
  double min_child_weight = 1.0;
  double subsample = 1.0;          // rf: a value of 1 is replaced by 0.632 (bootstrap-like)
  double colsample_bytree = 1.0;   // rf: used per node (colsample_bynode); 1 is replaced by 0.8
  double lambda = 1.0;
  GrowPolicy grow_policy = GrowPolicy::depthwise;
  int max_leaves = 0;              // 0 = no limit
  int early_stopping_rounds = 50;  // 0 = off; needs a validation table (gbdt only)
  // (column name, -1 | +1): the prediction may only fall (-1) or rise (+1) with that column,
  // e.g. demand with price. Names the training table does not have are an error.
  std::vector<std::pair<std::string, int>> monotone;
  int threads = 0;                 // 0 = all cores
  std::uint64_t seed = 0;
};

const char* to_string(BoostTask task);
const char* to_string(BoostAlgo algo);
// Parse the CLI spellings; std::invalid_argument otherwise.
BoostTask parse_boost_task(const std::string& text);
BoostAlgo parse_boost_algo(const std::string& text);

// What every learner requires of a training table: rows, one target (finite and fitting the
// task: binary 0/1, poisson >= 0) and at most one weight per row (finite, >= 0, not all 0).
// std::invalid_argument starting with `what` otherwise.
void check_training_table(const Table& table, BoostTask task, const std::string& what);

// A Booster must be destroyed before main returns: XGBoost 1.7.4 crashes freeing one from a
// static destructor (its thread-local prediction cache is gone by then).
class Booster {
 public:
  Booster();
  ~Booster();
  Booster(Booster&& other) noexcept;
  Booster& operator=(Booster&& other) noexcept;
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;

  // Trains on `train` (its y is the target). With `valid` and early_stopping_rounds > 0,
  // stops when the validation loss has not improved for that many rounds and keeps only
  // the trees up to the best iteration. Throws std::invalid_argument on bad input
  // (no rows, missing target, mismatched columns) and std::runtime_error on XGBoost errors.
  static Booster train(const Table& train, const std::optional<Table>& valid, const BoosterParams& params);

  // One prediction per row (probabilities for binary, expected counts for poisson).
  std::vector<float> predict(const Table& table) const;
  // One row of `feature_count()` floats (NaN = missing); for low-latency single requests.
  float predict_row(const float* row) const;

  // XGBoost's JSON model format (readable by Python's xgboost.Booster(model_file=...)).
  std::string save_to_bytes() const;
  static Booster load_from_bytes(const std::string& bytes);

  // (feature name, score), highest first; features never used in a split are left out.
  std::vector<std::pair<std::string, double>> importance(ImportanceKind kind) const;

  std::size_t feature_count() const { return features_; }
  BoostTask task() const { return task_; }  // after load: as saved (or read from the objective)
  int best_iteration() const { return best_iteration_; }  // 0-based; rounds kept = best + 1
  int rounds_trained() const { return rounds_trained_; }  // before trimming to the best

 private:
  void* handle_ = nullptr;  // BoosterHandle (kept opaque so callers need no XGBoost headers)
  // A second copy of the model set to one thread, for predict_row: with more, XGBoost wakes its
  // OpenMP team for every single row (≈ 50 µs of an 80 µs call on 2 cores). Made on first use,
  // so models that only ever predict batches (cross-validation, ensemble folds) never pay for it.
  mutable void* row_handle_ = nullptr;
  mutable std::unique_ptr<std::once_flag> row_once_ = std::make_unique<std::once_flag>();
  void* row_handle() const;
  std::size_t features_ = 0;
  BoostTask task_ = BoostTask::regression;
  bool clip_ = false;  // squared-error trees standing in for a binary or poisson task (forests)
  float finish(float value) const;
  int best_iteration_ = -1;
  int rounds_trained_ = 0;
};

}  // namespace seatsync
