#pragma once
// Seed 003's promotion rule for a retrained model: validate → backtest → lift ≥ 0 → `latest`.
// A candidate is promoted only if it beats the current model on the most recent held-out
// window (the candidate's own test rows, which it never trained on) and its backtest lift is
// not negative; otherwise it is kept, not served, with the reason. See docs/model-lifecycle.md.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "seatsync/dataset.hpp"
#include "seatsync/model.hpp"
#include "seatsync/truth.hpp"

namespace seatsync {

// Both models' error on the same rows: rmse (demand, price) or logloss (conversion).
struct WindowComparison {
  std::string metric;
  Date from, to;
  std::size_t rows = 0;
  double candidate = 0, current = 0;
};

// What pricing with the candidate would have earned against pricing with the current model
// (or, with no current model, against the prices actually in force), one decision per (game,
// code, time bucket) of the window: at each, a model picks the price of most expected revenue
// among the actual price and floor × 1.0, 1.25, … 3.0, its expected tickets capped by the
// seats left. Revenue is judged by the simulator's truth when there is one ("truth"); else by
// the mean of the two models' predictions ("models": neither judges its own choice alone), or
// by the candidate alone when there is no current model ("model": the actual price is among
// its choices, so that lift cannot be negative — the gate is only as good as its judge).
struct BacktestLift {
  std::size_t decisions = 0;
  double revenue_model = 0, revenue_baseline = 0, lift = 0;
  std::string against;  // "current" or "actual"
  std::string judged_by;
};

struct PromotionDecision {
  bool promote = false;
  std::string reason;
  std::optional<WindowComparison> window;  // none without a current model
  std::optional<BacktestLift> backtest;    // demand models only
};

// The backtest lift of a demand model over [from, to]; `current` may be null.
BacktestLift backtest_lift(const Dataset& data, const Model& model, const nlohmann::json& metadata, const Model* current,
                           const nlohmann::json* current_metadata, Date from, Date to, const MarketTruth* truth);

// `candidate_metadata` as train_dataset_model recorded it (its data.split_day..last_day is the
// window); `current` null when nothing is registered yet (promoted if its lift is not negative).
PromotionDecision decide_promotion(const Dataset& data, const Model& candidate, const nlohmann::json& candidate_metadata,
                                   const Model* current, const nlohmann::json* current_metadata, const MarketTruth* truth);

nlohmann::json to_json(const PromotionDecision& decision);

}  // namespace seatsync
