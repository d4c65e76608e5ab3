#pragma once
// When a model needs attention (seed 003's "Alerts") and when it must be retrained (its
// "Trigger Conditions"), decided from what monitoring observed. Pure functions: the clock and
// every observation are inputs, so each rule is tested exactly at its boundary.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "seatsync/date.hpp"

namespace seatsync {

// params.toml [monitor]; the defaults are seed 003's.
struct MonitorThresholds {
  double min_auc = 0.75;                 // a conversion model's AUC below this alerts and triggers
  double min_revenue_lift = 0.0;         // lift below this (negative) alerts and triggers
  double max_error_ratio = 1.5;          // live error / holdout error above this: errors spike
  double max_importance_change = 0.5;    // a feature's importance moving by more than 50%
  double max_psi = 0.2;                  // PSI above this: the feature's population shifted
  int max_model_age_days = 30;           // older than this triggers
  double max_new_data_share = 0.2;       // new rows above 20% of the training rows trigger
};

// What monitoring knows about one model. Optional facts that are unknown fire nothing.
struct ModelObservation {
  std::chrono::system_clock::time_point created_at;
  Date trained_through;                   // the last day of its training data
  std::size_t training_rows = 0, new_rows = 0;  // new: arrived after trained_through
  std::optional<double> auc;              // on the rows since training (conversion models)
  std::optional<double> holdout_error, live_error;  // e.g. RMSE at training and on new rows
  std::optional<double> revenue_lift;     // from the running A/B test, as a fraction
  std::vector<std::pair<std::string, double>> psi;                 // per feature
  std::vector<std::pair<std::string, double>> importance_change;   // |new − old| / old per feature
};

struct MonitorFinding {
  std::string rule;    // "model_age", "auc", "revenue_lift", "new_data", "seasonality", "error_spike", "importance_change", "feature_drift"
  std::string detail;  // the observed value against its threshold, for people
};

// The retraining triggers of seed 003 that fire (none = keep the model): model age, AUC,
// negative lift, new data volume and a seasonality shift (the meteorological season of
// `today` differs from that of trained_through).
std::vector<MonitorFinding> retrain_triggers(const ModelObservation& o, const MonitorThresholds& t,
                                             std::chrono::system_clock::time_point now, Date today);

// The alerts of seed 003 that fire: AUC, negative lift, prediction errors spiking, feature
// importance changing, and (beyond the seed) a feature's PSI above max_psi.
std::vector<MonitorFinding> monitor_alerts(const ModelObservation& o, const MonitorThresholds& t);

// 0 winter (Dec–Feb), 1 spring, 2 summer, 3 autumn (Sep–Nov): the seasons seed 003 names.
int meteorological_season(Date d);

}  // namespace seatsync
