#include "seatsync/retrain_policy.hpp"

#include <fmt/format.h>

namespace seatsync {
namespace {

constexpr const char* kSeasonNames[] = {"winter", "spring", "summer", "autumn"};

void check_auc(const ModelObservation& o, const MonitorThresholds& t, std::vector<MonitorFinding>& out) {
  if (o.auc && *o.auc < t.min_auc) out.push_back({"auc", fmt::format("AUC {:.3f} is below {:.2f}", *o.auc, t.min_auc)});
}

void check_lift(const ModelObservation& o, const MonitorThresholds& t, std::vector<MonitorFinding>& out) {
  if (o.revenue_lift && *o.revenue_lift < t.min_revenue_lift)
    out.push_back({"revenue_lift", fmt::format("revenue lift {:+.1f}% is below {:+.1f}%", *o.revenue_lift * 100,
                                               t.min_revenue_lift * 100)});
}

}  // namespace

int meteorological_season(Date d) { return static_cast<int>(d.month() % 12 / 3); }

std::vector<MonitorFinding> retrain_triggers(const ModelObservation& o, const MonitorThresholds& t,
                                             std::chrono::system_clock::time_point now, Date today) {
  std::vector<MonitorFinding> out;
  const auto age = now - o.created_at;
  if (age > std::chrono::days(t.max_model_age_days))
    out.push_back({"model_age", fmt::format("the model is {:.1f} days old (more than {})",
                                            std::chrono::duration<double, std::ratio<86400>>(age).count(),
                                            t.max_model_age_days)});
  check_auc(o, t, out);
  check_lift(o, t, out);
  if (o.training_rows > 0 &&
      static_cast<double>(o.new_rows) > t.max_new_data_share * static_cast<double>(o.training_rows))
    out.push_back({"new_data", fmt::format("{} new rows are {:.1f}% of the {} it was trained on (more than {:.0f}%)",
                                           o.new_rows, 100.0 * o.new_rows / o.training_rows, o.training_rows,
                                           t.max_new_data_share * 100)});
  if (const int was = meteorological_season(o.trained_through), is = meteorological_season(today); was != is)
    out.push_back({"seasonality", fmt::format("trained through {} ({}), today is {} ({})", o.trained_through.str(),
                                              kSeasonNames[was], today.str(), kSeasonNames[is])});
  return out;
}

std::vector<MonitorFinding> monitor_alerts(const ModelObservation& o, const MonitorThresholds& t) {
  std::vector<MonitorFinding> out;
  check_auc(o, t, out);
  check_lift(o, t, out);
  if (o.holdout_error && o.live_error && *o.holdout_error > 0 && *o.live_error / *o.holdout_error > t.max_error_ratio)
    out.push_back({"error_spike", fmt::format("live error {:.4g} is {:.2f}× the holdout's {:.4g} (more than {:.2f}×)",
                                              *o.live_error, *o.live_error / *o.holdout_error, *o.holdout_error,
                                              t.max_error_ratio)});
  for (const auto& [feature, change] : o.importance_change)
    if (change > t.max_importance_change)
      out.push_back({"importance_change", fmt::format("{}: importance changed by {:.0f}% (more than {:.0f}%)", feature,
                                                      change * 100, t.max_importance_change * 100)});
  for (const auto& [feature, psi] : o.psi)
    if (psi > t.max_psi)
      out.push_back({"feature_drift", fmt::format("{}: PSI {:.3f} (more than {:.2f})", feature, psi, t.max_psi)});
  return out;
}

}  // namespace seatsync
