// One model's health: live error, drift, importance change, and the rules they fire.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "monitor/monitor_rows.hpp"
#include "seatsync/model_registry.hpp"

namespace seatsync {
namespace {

std::optional<double> metric(const MetricList& list, const std::string& name) {
  for (const auto& [n, v] : list)
    if (n == name) return v;
  return std::nullopt;
}

MetricList metrics_of(const nlohmann::json& j) {
  MetricList out;
  if (j.is_object())
    for (const auto& [name, value] : j.items())
      if (value.is_number()) out.emplace_back(name, value.get<double>());
  return out;
}

// Share of the total gain per feature.
std::map<std::string, double> importance_shares(const nlohmann::json& metadata) {
  const auto all = top_importance(metadata, std::numeric_limits<std::size_t>::max());
  double total = 0;
  for (const auto& [name, v] : all) total += std::max(v, 0.0);
  std::map<std::string, double> shares;
  if (total > 0)
    for (const auto& [name, v] : all) shares[name] = std::max(v, 0.0) / total;
  return shares;
}

}  // namespace

std::vector<std::pair<std::string, double>> importance_change(const nlohmann::json& previous,
                                                              const nlohmann::json& current, double min_share) {
  const auto old_shares = importance_shares(previous), new_shares = importance_shares(current);
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [name, old_share] : old_shares) {
    if (old_share < min_share) continue;
    const auto it = new_shares.find(name);
    out.emplace_back(name, std::abs((it == new_shares.end() ? 0.0 : it->second) - old_share) / old_share);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

ModelHealth assess_model(const Dataset& data, const Model& model, const nlohmann::json& metadata,
                         const nlohmann::json* previous, const MonitorContext& context) {
  ModelHealth h;
  h.scope = metadata.value("scope", "");
  h.type = metadata.value("type", "");
  h.version = metadata.value("version", "");
  h.algo = metadata.value("algo", "");
  h.created_at = metadata.value("created_at", "");
  const ModelKind kind = parse_model_kind(metadata.value("model", h.type));
  const auto through = metadata.contains("data") ? Date::parse(metadata["data"].value("last_day", "")) : std::nullopt;
  if (!through) throw std::runtime_error("the model's metadata has no data.last_day (not saved by `seatsync train --data`?)");
  h.trained_through = *through;
  h.training_rows = metadata.value("row_count", std::size_t{0});

  const auto rows = monitor::monitor_rows(data, metadata, kind, h.trained_through);
  h.new_rows = rows.recent.rows();

  ModelObservation& o = h.observation;
  if (const auto seconds = parse_utc_seconds(h.created_at))
    o.created_at = std::chrono::system_clock::time_point(std::chrono::seconds(*seconds));
  else
    throw std::runtime_error("the model's metadata has no valid created_at");
  o.trained_through = h.trained_through;
  o.training_rows = h.training_rows;
  o.new_rows = rows.recent_as_training_counts;
  o.revenue_lift = context.revenue_lift;

  if (rows.recent.rows() > 0) {
    LiveError live;
    live.rows = rows.recent.rows();
    live.first_day = Date::from_days(static_cast<std::int32_t>(*std::min_element(rows.recent.time.begin(), rows.recent.time.end())));
    live.last_day = Date::from_days(static_cast<std::int32_t>(*std::max_element(rows.recent.time.begin(), rows.recent.time.end())));
    const BoostTask task = task_of(kind);
    live.model = score_predictions(task, rows.recent.y, model.predict(rows.recent));
    if (rows.reference.rows() > 0)
      live.baseline = score_predictions(task, rows.recent.y, CellMeanBaseline(rows.reference).predict(rows.recent));
    live.holdout = metrics_of(metadata.value("metrics", nlohmann::json::object()));
    live.error_metric = kind == ModelKind::conversion ? "logloss" : "rmse";
    o.live_error = metric(live.model, live.error_metric);
    o.holdout_error = metric(live.holdout, live.error_metric);
    if (kind == ModelKind::conversion) o.auc = metric(live.model, "auc");
    h.live = std::move(live);
    h.drift = monitor::feature_drift(rows.reference, rows.recent);
    for (const auto& d : h.drift) o.psi.emplace_back(d.feature, d.psi);
  }
  if (previous) {
    h.previous_version = previous->value("version", "");
    h.importance_change = importance_change(*previous, metadata);
    o.importance_change = h.importance_change;
  }
  h.alerts = monitor_alerts(o, context.thresholds);
  h.triggers = retrain_triggers(o, context.thresholds, context.now, context.today);
  return h;
}

}  // namespace seatsync
