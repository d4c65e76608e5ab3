// `seatsync monitor`'s table: what a person reads in the morning.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "seatsync/model_monitor.hpp"

namespace seatsync {
namespace {

std::string metric_or_dash(const MetricList& list, const std::string& name) {
  for (const auto& [n, v] : list)
    if (n == name && std::isfinite(v)) return fmt::format("{:.4g}", v);
  return "-";
}

void format_findings(std::string& out, const char* title, const std::vector<MonitorFinding>& list) {
  if (list.empty()) {
    out += fmt::format("  {}: none\n", title);
    return;
  }
  out += fmt::format("  {}:\n", title);
  for (const auto& f : list) out += fmt::format("    {:<18} {}\n", f.rule, f.detail);
}

void format_model(std::string& out, const ModelHealth& h, const MonitorThresholds& t) {
  out += fmt::format("{}/{} {} ({}), created {}, trained through {} on {} rows; {} rows since\n", h.scope, h.type,
                     h.version, h.algo, h.created_at, h.trained_through.str(), h.training_rows, h.new_rows);
  if (h.live) {
    const auto& l = *h.live;
    out += fmt::format("  live error on {} rows of {} .. {}:\n", l.rows, l.first_day.str(), l.last_day.str());
    out += fmt::format("    {:<9} {:>10} {:>10} {:>10}\n", "metric", "live", "holdout", "baseline");
    for (const auto& [name, value] : l.model)
      out += fmt::format("    {:<9} {:>10} {:>10} {:>10}{}\n", name, metric_or_dash(l.model, name),
                         metric_or_dash(l.holdout, name), metric_or_dash(l.baseline, name),
                         name == l.error_metric ? "  (the spike rule's metric)" : "");
  } else {
    out += "  no rows since its training range: no live error or drift yet\n";
  }
  if (!h.drift.empty()) {
    const std::size_t shown = std::min<std::size_t>(h.drift.size(), 5);
    out += fmt::format("  feature drift (recent vs training rows matched on week before the game x tier), the {} largest PSI of {}:\n", shown,
                       h.drift.size());
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& d = h.drift[i];
      out += fmt::format("    {:<24} PSI {:>7.3f}{}  KS {:.3f} (p {:.3g})\n", d.feature, d.psi, d.psi > t.max_psi ? " >" : "  ",
                         d.ks, d.ks_p_value);
    }
  }
  if (h.previous_version && !h.importance_change.empty())
    out += fmt::format("  importance vs {}: largest change {} {:+.0f}%\n", *h.previous_version, h.importance_change[0].first,
                       100 * h.importance_change[0].second);
  format_findings(out, "alerts", h.alerts);
  format_findings(out, "retraining triggers", h.triggers);
}

}  // namespace

std::string format_monitor_report(const MonitorReport& r) {
  const auto& t = r.thresholds;
  std::string out = fmt::format(
      "models on {}: {} assessed, {} alert(s); thresholds: AUC < {:.2f}, lift < {:+.0f}%, error > {:.1f}x holdout, "
      "importance change > {:.0f}%, PSI > {:.2f}, age > {} days, new data > {:.0f}%\n",
      r.today.str(), r.models.size(), r.alert_count(), t.min_auc, 100 * t.min_revenue_lift, t.max_error_ratio,
      100 * t.max_importance_change, t.max_psi, t.max_model_age_days, 100 * t.max_new_data_share);
  for (const auto& m : r.models) {
    out += '\n';
    format_model(out, m, t);
  }
  for (const auto& s : r.skipped) out += "skipped " + s + '\n';
  if (r.models.empty() && r.skipped.empty()) out += "no models registered\n";
  if (!r.business.empty()) {
    const bool planned = r.business.front().planned_tickets.has_value();
    out += fmt::format("\nbusiness by day{}:\n  {:<10} {:>8} {:>12} {:>9}", planned ? " (against the plan)" : "", "day",
                       "tickets", "revenue", "avg price");
    if (planned) out += fmt::format(" {:>9} {:>12}", "planned", "planned rev");
    out += fmt::format(" {:>10}\n", "conversion");
    for (const auto& d : r.business) {
      out += fmt::format("  {:<10} {:>8} {:>12.2f} {:>9}", d.day.str(), d.tickets, d.revenue,
                         d.tickets ? fmt::format("{:.2f}", d.average_price()) : "-");
      if (planned) out += fmt::format(" {:>9.1f} {:>12.2f}", d.planned_tickets.value_or(0), d.planned_revenue.value_or(0));
      out += fmt::format(" {:>10}\n", d.conversion() ? fmt::format("{:.1f}%", 100 * *d.conversion()) : "-");
    }
  }
  return out;
}

}  // namespace seatsync
