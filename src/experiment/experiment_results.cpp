// Reading an experiment out: totals per arm, one test per metric and variant, adjustments,
// the sample-ratio check, guardrails and power.
#include "seatsync/experiment_results.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <boost/math/distributions/normal.hpp>

#include "seatsync/date.hpp"

namespace seatsync {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double num, double den) { return den > 0 ? num / den : kNaN; }

// One arm's units as the tests want them.
struct ArmUnits {
  std::vector<double> quotes, bookings, tickets, revenue;
};

MetricComparison compare(const std::string& metric, const ArmTotals& c_tot, const ArmUnits& c, const ArmTotals& v_tot,
                         const ArmUnits& v, bool one_quote_per_unit, double alpha) {
  MetricComparison out;
  out.metric = metric;
  out.variant = v_tot.name;
  if (metric == "conversion_rate" && one_quote_per_unit) {
    out.method = "two_proportion_z";
    out.test = ab::two_proportion_z_test(c_tot.quotes, c_tot.bookings, v_tot.quotes, v_tot.bookings, alpha);
  } else if (metric == "revenue_per_quote" && one_quote_per_unit) {
    out.method = "welch_t";
    out.test = ab::welch_t_test(ab::summarize(c.revenue), ab::summarize(v.revenue), alpha);
  } else {
    out.method = "delta_ratio";
    const auto& cx = metric == "average_price" ? c.tickets : c.quotes;
    const auto& vx = metric == "average_price" ? v.tickets : v.quotes;
    const auto& cy = metric == "conversion_rate" ? c.bookings : c.revenue;
    const auto& vy = metric == "conversion_rate" ? v.bookings : v.revenue;
    out.test = ab::ratio_delta_test(ab::summarize_ratio(cx, cy), ab::summarize_ratio(vx, vy), alpha);
  }
  out.p_adjusted = out.p_bh = out.test.p_value;
  return out;
}

}  // namespace

double ArmTotals::conversion_rate() const { return ratio(static_cast<double>(bookings), static_cast<double>(quotes)); }
double ArmTotals::average_price() const { return ratio(revenue, static_cast<double>(tickets)); }
double ArmTotals::revenue_per_quote() const { return ratio(revenue, static_cast<double>(quotes)); }

ExperimentResults analyze_experiment(const Experiment& e, const std::vector<UnitTotals>& units) {
  ExperimentResults r;
  r.experiment_id = e.id;
  r.status = std::string(to_string(e.status));
  r.control = e.control().name;
  r.primary_metric = e.primary_metric;
  r.alpha = e.alpha;
  std::map<std::string, std::size_t> slot;
  for (const auto& arm : e.arms) {
    slot[arm.name] = r.arms.size();
    r.arms.push_back({arm.name, arm.share});
  }
  std::vector<ArmUnits> per_arm(e.arms.size());
  bool one_quote_per_unit = true;
  std::optional<std::int64_t> first, last;
  for (const auto& u : units) {
    const auto it = slot.find(u.arm);
    if (it == slot.end()) continue;  // an arm since removed: the store checks arms on ingest
    ArmTotals& t = r.arms[it->second];
    ++t.units;
    t.quotes += u.quotes;
    t.bookings += u.bookings;
    t.tickets += u.tickets;
    t.revenue += u.revenue;
    auto& a = per_arm[it->second];
    a.quotes.push_back(static_cast<double>(u.quotes));
    a.bookings.push_back(static_cast<double>(u.bookings));
    a.tickets.push_back(static_cast<double>(u.tickets));
    a.revenue.push_back(u.revenue);
    one_quote_per_unit = one_quote_per_unit && u.quotes == 1 && u.bookings <= 1;
    for (const auto& at : {u.first_at, u.last_at})
      if (const auto s = parse_utc_seconds(at)) {
        first = first ? std::min(*first, *s) : *s;
        last = last ? std::max(*last, *s) : *s;
      }
  }

  std::vector<std::size_t> observed;
  std::vector<double> planned;
  for (const auto& a : r.arms) {
    observed.push_back(static_cast<std::size_t>(a.units));
    planned.push_back(a.planned_share);
  }
  if (std::any_of(observed.begin(), observed.end(), [](std::size_t n) { return n > 0; }))
    r.srm = ab::sample_ratio_mismatch(observed, planned);

  const boost::math::normal standard;
  const double z = boost::math::quantile(standard, 1 - e.alpha / 2);
  for (const std::string_view metric_view : kExperimentMetrics) {
    const std::string metric(metric_view);
    std::vector<std::size_t> at;  // this metric's comparisons, for the adjustments
    for (std::size_t i = 1; i < r.arms.size(); ++i) {
      try {
        MetricComparison m = compare(metric, r.arms[0], per_arm[0], r.arms[i], per_arm[i], one_quote_per_unit, e.alpha);
        const double se = (m.test.ci_high - m.test.ci_low) / (2 * z);
        const double tau = e.minimum_detectable_effect * std::abs(m.test.control);
        if (e.sequential && se > 0 && tau > 0) m.sequential = ab::mixture_sequential_test(m.test.difference, se, tau, e.alpha);
        at.push_back(r.comparisons.size());
        r.comparisons.push_back(std::move(m));
      } catch (const std::invalid_argument& err) {
        r.notes.push_back(metric + ", " + r.arms[i].name + ": not tested yet (" + err.what() + ")");
      }
    }
    std::vector<double> p;
    for (std::size_t k : at) p.push_back(r.comparisons[k].sequential ? r.comparisons[k].sequential->p_value : r.comparisons[k].test.p_value);
    const auto holm = ab::holm_adjust(p), bh = ab::benjamini_hochberg_adjust(p);
    for (std::size_t j = 0; j < at.size(); ++j) {
      auto& m = r.comparisons[at[j]];
      m.p_adjusted = holm[j];
      m.p_bh = bh[j];
      if (metric == e.primary_metric && m.p_adjusted < e.alpha && !r.srm.mismatch) r.is_significant = true;
      if (std::find(e.guardrails.begin(), e.guardrails.end(), metric) != e.guardrails.end())
        r.guardrails.push_back({metric, m.variant, m.test.difference < 0 && m.p_adjusted < e.alpha, m.p_adjusted});
    }
  }

  // Power for the conversion rate at the control's observed rate.
  const ArmTotals& control = r.arms[0];
  const double baseline = control.conversion_rate();
  if (std::isfinite(baseline) && baseline > 0 && baseline < 1) {
    ExperimentResults::Power pw;
    pw.baseline = baseline;
    pw.mde_relative = e.minimum_detectable_effect;
    pw.n_per_arm_now = control.quotes;
    try {
      const std::size_t need = ab::sample_size_per_arm({baseline, e.minimum_detectable_effect, true, e.alpha, 0.8});
      pw.n_per_arm_needed = need;
      // The arm that fills slowest sets the pace: its quotes per day over the events' span.
      if (first && last) {
        const double days = std::max(1.0, static_cast<double>(*last - *first) / 86400.0);
        double slowest = std::numeric_limits<double>::infinity();
        for (const auto& a : r.arms) slowest = std::min(slowest, static_cast<double>(a.quotes) / days);
        long long have = control.quotes;
        for (const auto& a : r.arms) have = std::min(have, a.quotes);
        const std::size_t missing = need > static_cast<std::size_t>(have) ? need - static_cast<std::size_t>(have) : 0;
        if (slowest > 0) pw.days_needed = ab::days_needed(missing, slowest);
      }
    } catch (const std::invalid_argument&) {
      // the MDE takes the rate past 1: no sample size answers it
    }
    r.power = pw;
  }
  return r;
}

}  // namespace seatsync
