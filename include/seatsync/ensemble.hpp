#pragma once
// The stacking ensemble: a boosted model, a random forest and the linear model, combined by a
// ridge meta-learner fitted on their out-of-fold predictions (expanding-window folds, so every
// out-of-fold prediction comes from members that never saw that row's time or later).
//
// The meta-learner is a stacked regression in Breiman's sense: weights β ≥ 0 with Σβ = 1 that
// minimise Σ_i w_i (y_i − Σ_m β_m p_im)² + l2 Σ_m (β_m − 1/M)², the ridge pulling towards equal
// weights. Why constrained: out-of-fold members are fitted on less (and older) data than the
// final ones, and an unconstrained ridge with an intercept learned to scale them up — on the
// simulator it put weight 2.4 on the forest and overpredicted demand by 18%. A convex
// combination can never leave the range of its members' predictions.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "seatsync/model.hpp"

namespace seatsync {

struct EnsemblePrediction {
  std::vector<float> prediction;  // the meta-learner's, clipped to the task's range
  // Spread-based band: prediction ± z × (standard deviation of the member predictions), clipped
  // like the prediction. It shows where the members disagree; it is not a calibrated
  // prediction interval (docs/ml.md reports its coverage on held-out data).
  std::vector<float> lower, upper;
  std::vector<std::pair<std::string, std::vector<float>>> members;  // (algo name, predictions)
};

// The meta-learner: the convex combination of the columns of `predictions` (rows where `use`)
// minimising Σ w_i (y_i − Σ_m β_m p_im)² + l2 Σ_m (β_m − 1/M)². `w` empty = all 1. For up to
// ~10 members (every subset is tried).
std::vector<double> stacking_weights(const Table& predictions, const std::vector<float>& y,
                                     const std::vector<float>& w, const std::vector<bool>& use, double l2);

class StackedEnsemble final : public Model {
 public:
  // The members are refitted on all of `train` after the out-of-fold pass.
  static std::unique_ptr<StackedEnsemble> fit(const Table& train, const ModelParams& params);
  static std::unique_ptr<StackedEnsemble> load(const std::string& bytes);

  ModelAlgo algo() const override { return ModelAlgo::ensemble; }
  BoostTask task() const override { return task_; }
  std::size_t feature_count() const override;
  std::vector<float> predict(const Table& table) const override;
  float predict_row(const float* row) const override;
  std::string save_to_bytes() const override;
  std::vector<std::pair<std::string, double>> importance(ImportanceKind kind) const override;

  EnsemblePrediction predict_detail(const Table& table) const;
  // The meta-learner's weight per member, by algo name (non-negative, summing to 1).
  std::vector<std::pair<std::string, double>> member_weights() const;

 private:
  StackedEnsemble() = default;
  float finish(double value) const;  // clip to the task's range

  BoostTask task_ = BoostTask::regression;
  std::vector<std::unique_ptr<Model>> members_;
  std::vector<double> weights_;  // per member, the convex combination
  double interval_z_ = 2.0;
};

}  // namespace seatsync
