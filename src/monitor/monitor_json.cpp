// The JSON of `seatsync monitor --format json`, GET /model/health/{scope} and the daily report.
#include "seatsync/model_monitor.hpp"

namespace seatsync {
namespace {

nlohmann::json metrics(const MetricList& list) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, value] : list) j[name] = value;
  return j;
}

nlohmann::json findings(const std::vector<MonitorFinding>& list) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& f : list) j.push_back({{"rule", f.rule}, {"detail", f.detail}});
  return j;
}

}  // namespace

nlohmann::json to_json(const ModelHealth& h) {
  nlohmann::json j{{"scope", h.scope},
                   {"type", h.type},
                   {"version", h.version},
                   {"algo", h.algo},
                   {"created_at", h.created_at},
                   {"trained_through", h.trained_through.str()},
                   {"training_rows", h.training_rows},
                   {"new_rows", h.new_rows},
                   {"live", nullptr},
                   {"previous_version", h.previous_version ? nlohmann::json(*h.previous_version) : nlohmann::json()},
                   {"alerts", findings(h.alerts)},
                   {"triggers", findings(h.triggers)}};
  if (h.live)
    j["live"] = {{"rows", h.live->rows},
                 {"first_day", h.live->first_day.str()},
                 {"last_day", h.live->last_day.str()},
                 {"error_metric", h.live->error_metric},
                 {"model", metrics(h.live->model)},
                 {"baseline", metrics(h.live->baseline)},
                 {"holdout", metrics(h.live->holdout)}};
  j["drift"] = nlohmann::json::array();
  for (const auto& d : h.drift)
    j["drift"].push_back({{"feature", d.feature}, {"psi", d.psi}, {"ks", d.ks}, {"ks_p_value", d.ks_p_value}});
  j["importance_change"] = nlohmann::json::array();
  for (const auto& [feature, change] : h.importance_change)
    j["importance_change"].push_back({{"feature", feature}, {"change", change}});
  return j;
}

nlohmann::json to_json(const MonitorReport& r) {
  const auto& t = r.thresholds;
  nlohmann::json j{{"today", r.today.str()},
                   {"thresholds",
                    {{"min_auc", t.min_auc},
                     {"min_revenue_lift", t.min_revenue_lift},
                     {"max_error_ratio", t.max_error_ratio},
                     {"max_importance_change", t.max_importance_change},
                     {"max_psi", t.max_psi},
                     {"max_model_age_days", t.max_model_age_days},
                     {"max_new_data_share", t.max_new_data_share}}},
                   {"alerts", r.alert_count()},
                   {"models", nlohmann::json::array()},
                   {"skipped", r.skipped},
                   {"business", nlohmann::json::array()}};
  for (const auto& m : r.models) j["models"].push_back(to_json(m));
  for (const auto& d : r.business) j["business"].push_back(to_json(d));
  return j;
}

}  // namespace seatsync
