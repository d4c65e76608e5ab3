// Results as JSON: seed 003's keys first (arms at the top level, "lift", "significance"),
// then what a data scientist needs to check them (every comparison, SRM, guardrails, power).
#include <cmath>

#include "seatsync/experiment_results.hpp"

namespace seatsync {
namespace {

using nlohmann::json;

json number(double v) { return std::isfinite(v) ? json(v) : json(); }
json percent(double v) { return std::isfinite(v) ? json(100.0 * v) : json(); }

json arm_json(const ArmTotals& a) {
  return {{"count", a.quotes},
          {"units", a.units},
          {"bookings", a.bookings},
          {"tickets", a.tickets},
          {"conversion_rate", number(a.conversion_rate())},
          {"average_price", number(a.average_price())},
          {"revenue_per_quote", number(a.revenue_per_quote())},
          {"total_revenue", a.revenue},
          {"planned_share", a.planned_share}};
}

json comparison_json(const MetricComparison& m) {
  const auto& t = m.test;
  json out{{"metric", m.metric},        {"variant", m.variant},         {"method", m.method},
           {"control_value", number(t.control)}, {"variant_value", number(t.variant)},
           {"difference", number(t.difference)}, {"lift", number(t.lift)},
           {"ci_low", number(t.ci_low)},  {"ci_high", number(t.ci_high)},
           {"lift_ci_low", number(t.lift_ci_low)}, {"lift_ci_high", number(t.lift_ci_high)},
           {"statistic", number(t.statistic)}, {"df", t.df ? number(*t.df) : json()},
           {"p_value", number(t.p_value)}, {"p_adjusted", number(m.p_adjusted)}, {"p_bh", number(m.p_bh)}};
  out["sequential"] = m.sequential ? json{{"p_value", m.sequential->p_value}, {"ci_low", m.sequential->ci_low},
                                          {"ci_high", m.sequential->ci_high}}
                                   : json();
  return out;
}

}  // namespace

json results_to_json(const ExperimentResults& r) {
  json out{{"experiment_id", r.experiment_id}, {"status", r.status}, {"control_arm", r.control}};
  json arms = json::object();
  for (const auto& a : r.arms) {
    out[a.name] = arm_json(a);  // seed 003's shape: each arm at the top level
    arms[a.name] = arm_json(a);
  }
  out["arms"] = std::move(arms);

  // "lift" and "significance" as seed 003 has them: the first variant against the control,
  // in percent; every variant's under "lift_by_variant" and "comparisons".
  json lift_by_variant = json::object();
  for (const auto& m : r.comparisons) lift_by_variant[m.variant][m.metric] = percent(m.test.lift);
  out["lift"] = r.arms.size() > 1 && lift_by_variant.contains(r.arms[1].name) ? lift_by_variant[r.arms[1].name] : json::object();
  out["lift_by_variant"] = std::move(lift_by_variant);
  json significance{{"primary_metric", r.primary_metric}, {"alpha", r.alpha}, {"is_significant", r.is_significant}};
  for (const auto& m : r.comparisons)
    if (r.arms.size() > 1 && m.variant == r.arms[1].name) significance[m.metric + "_pvalue"] = number(m.p_adjusted);
  if (significance.contains("conversion_rate_pvalue")) significance["conversion_pvalue"] = significance["conversion_rate_pvalue"];
  out["significance"] = std::move(significance);

  json comparisons = json::array();
  for (const auto& m : r.comparisons) comparisons.push_back(comparison_json(m));
  out["comparisons"] = std::move(comparisons);
  out["notes"] = r.notes;
  out["srm"] = {{"chi_square", r.srm.chi_square}, {"df", r.srm.df}, {"p_value", r.srm.p_value}, {"mismatch", r.srm.mismatch}};
  json guardrails = json::array();
  for (const auto& g : r.guardrails)
    guardrails.push_back({{"metric", g.metric}, {"variant", g.variant}, {"violated", g.violated}, {"p_value", number(g.p_value)}});
  out["guardrails"] = std::move(guardrails);
  if (r.power) {
    const auto& p = *r.power;
    out["power"] = {{"metric", "conversion_rate"},
                    {"baseline", p.baseline},
                    {"mde_relative", p.mde_relative},
                    {"n_per_arm_needed", p.n_per_arm_needed ? json(*p.n_per_arm_needed) : json()},
                    {"n_per_arm_now", p.n_per_arm_now},
                    {"days_needed", p.days_needed ? json(*p.days_needed) : json()}};
  } else {
    out["power"] = nullptr;
  }
  return out;
}

}  // namespace seatsync
