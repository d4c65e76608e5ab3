#pragma once
// Monitoring a registered model against the data that arrived after it was trained (seed
// 003's "Monitoring"): its live error next to its holdout error and the naive baseline, the
// drift of each feature (PSI and KS of the new rows against the training rows), how its
// feature importance moved since the previous version, and the alerts and retraining
// triggers those observations fire. The business side (revenue, tickets and price per day,
// against the plan) is in business_metrics.hpp. See docs/model-lifecycle.md.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "seatsync/business_metrics.hpp"
#include "seatsync/dataset.hpp"
#include "seatsync/model.hpp"
#include "seatsync/model_training.hpp"
#include "seatsync/retrain_policy.hpp"

namespace seatsync {

struct MonitorContext {
  MonitorThresholds thresholds;
  std::chrono::system_clock::time_point now;
  Date today;                          // for the seasonality trigger
  std::optional<double> revenue_lift;  // the running A/B test's, when there is one
};

// The model's error on the rows after its training range, the naive baseline's on the same
// rows, and what the model scored when it was trained (its holdout).
struct LiveError {
  std::size_t rows = 0;
  Date first_day, last_day;
  MetricList model, baseline;  // on the new rows
  MetricList holdout;          // metadata "metrics": at training, on its test rows
  std::string error_metric;    // what the spike rule compares: "rmse", or "logloss" for conversion
};

struct FeatureDrift {
  std::string feature;
  double psi = 0, ks = 0, ks_p_value = 1;
};

struct ModelHealth {
  std::string scope, type, version, algo, created_at;
  Date trained_through;                  // the last day of the data it was trained and tested on
  std::size_t training_rows = 0, new_rows = 0;
  std::optional<LiveError> live;         // none when no row arrived after trained_through
  std::vector<FeatureDrift> drift;       // largest PSI first; empty without new rows
  std::optional<std::string> previous_version;
  std::vector<std::pair<std::string, double>> importance_change;  // |Δshare| / old share, largest first
  ModelObservation observation;          // what the rules were given
  std::vector<MonitorFinding> alerts, triggers;
};

// The features drift is measured on: the columns describing the market and the sales (price,
// competitors, occupancy, velocity, weather), not those describing when a row is (the
// calendar, days before the game, the time bucket) or which game it is (tier, weekend): new
// rows always sit later in the season than most training rows and come from a handful of
// games, so those would "drift" every day without anything having changed. The training rows
// are reweighted to the recent rows' mix of week before the game × tier instead.
bool is_drift_feature(const std::string& column);

// `model` with `metadata` as saved by `seatsync train --data`; `previous` is the metadata of
// the version before it (importance change), if any. Throws std::runtime_error when the
// metadata lacks what training records (data range, feature list).
ModelHealth assess_model(const Dataset& data, const Model& model, const nlohmann::json& metadata,
                         const nlohmann::json* previous, const MonitorContext& context);

// The change in each feature's share of the total importance (gain), for features holding at
// least `min_share` of the old total: a feature going from 0.1% to 0.3% of the gain is noise,
// not a 200% change.
std::vector<std::pair<std::string, double>> importance_change(const nlohmann::json& previous,
                                                              const nlohmann::json& current, double min_share = 0.01);

nlohmann::json to_json(const ModelHealth& health);

class ModelRegistry;
struct Experiment;
struct ExperimentResults;

// The revenue lift a running experiment shows for pricing with the model: the revenue per
// quote of its variants that turn the model on (use_ml), or of every variant when none says,
// against the control's; the worst of them. None when no variant has a comparison yet.
std::optional<double> model_revenue_lift(const Experiment& experiment, const ExperimentResults& results);
class ExperimentStore;
// The worst model_revenue_lift over `running` (their events read from `store`).
std::optional<double> running_model_lift(const ExperimentStore& store, const std::vector<Experiment>& running);

// Everything `seatsync monitor` reports.
struct MonitorReport {
  Date today;
  MonitorThresholds thresholds;
  std::vector<ModelHealth> models;
  std::vector<std::string> skipped;    // registered models it could not assess, and why
  std::vector<BusinessDay> business;   // filled by the caller (business_by_day)
  std::size_t alert_count() const;
};

// The `latest` version of every (scope, type) in the registry (only `scope` when given),
// assessed on `data` against the version saved before it. A model without what `seatsync
// train --data` records, or whose bytes fail their checksum, is listed in `skipped`.
MonitorReport monitor_registry(const Dataset& data, ModelRegistry& registry, const MonitorContext& context,
                               const std::string& scope = "");

nlohmann::json to_json(const MonitorReport& report);
// The terminal report: per model its live error, the drifting features, the alerts and
// triggers with the thresholds they crossed; then the business days.
std::string format_monitor_report(const MonitorReport& report);

}  // namespace seatsync
