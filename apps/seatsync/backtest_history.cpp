// The backtest on history as seed 003 prints it (records, conversions, conversion rate, revenue,
// average price, lift) with the model's counterfactual beside the truth's, and as JSON.
#include "backtest_history.hpp"

#include <fmt/format.h>

#include <cmath>

namespace seatsync::cli {
namespace {

double cents(double x) { return std::round(x * 100) / 100; }
double basis(double x) { return std::round(x * 10000) / 10000; }

// x / base − 1 in percent; none without a base.
std::optional<double> lift_pct(double x, double base) {
  if (!(base > 0)) return std::nullopt;
  return 100 * (x / base - 1);
}

nlohmann::ordered_json pct_json(std::optional<double> pct) {
  return pct ? nlohmann::ordered_json(std::round(*pct * 100) / 100) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json totals_json(const SalesTotals& t) {
  return {{"records", t.records},
          {"conversions", cents(t.tickets)},
          {"seats_offered", t.seats_offered},
          {"conversion_rate", basis(t.conversion_rate())},
          {"revenue", cents(t.revenue)},
          {"avg_price", cents(t.average_price())}};
}

nlohmann::ordered_json arm_totals_json(const ArmTotals& t) {
  nlohmann::ordered_json j;
  if (t.observed) j["observed"] = totals_json(*t.observed);
  j["model"] = totals_json(t.model);
  if (t.truth) j["truth"] = totals_json(*t.truth);
  if (t.realized) j["realized"] = totals_json(*t.realized);
  return j;
}

struct Row {
  std::string demand;
  const SalesTotals* totals;
};

std::vector<Row> rows_of(const ArmTotals& t) {
  std::vector<Row> rows;
  if (t.observed) rows.push_back({"observed", &*t.observed});
  rows.push_back({"model", &t.model});
  if (t.truth) rows.push_back({"true expected", &*t.truth});
  if (t.realized) rows.push_back({"true, same buyers", &*t.realized});
  return rows;
}

std::string signed_pct(std::optional<double> pct) { return pct ? fmt::format("{:+.1f}%", *pct) : "—"; }

}  // namespace

nlohmann::ordered_json history_json(const HistoricalBacktestResult& r) {
  const HistoricalArm& actual = r.arms.front();
  const double observed = actual.total.observed->revenue;
  nlohmann::ordered_json arms = nlohmann::ordered_json::array();
  for (const auto& a : r.arms) {
    nlohmann::ordered_json j = {{"name", a.name}, {"description", a.description}};
    j.update(arm_totals_json(a.total));
    // Seed 003's lift: against the revenue actually observed.
    nlohmann::ordered_json lift = {{"model", pct_json(lift_pct(a.total.model.revenue, observed))}};
    // Like for like: against the actual prices under the same demand (the model's level errors cancel).
    nlohmann::ordered_json same = {{"model", pct_json(lift_pct(a.total.model.revenue, actual.total.model.revenue))}};
    if (a.total.truth) {
      lift["truth"] = pct_json(lift_pct(a.total.truth->revenue, observed));
      same["truth"] = pct_json(lift_pct(a.total.truth->revenue, actual.total.truth->revenue));
    }
    if (a.total.realized) {
      lift["realized"] = pct_json(lift_pct(a.total.realized->revenue, observed));
      same["realized"] = pct_json(lift_pct(a.total.realized->revenue, actual.total.realized->revenue));
    }
    j["revenue_lift_pct"] = lift;
    j["revenue_lift_same_demand_pct"] = same;
    if (a.total.truth) j["model_vs_truth_pct"] = pct_json(lift_pct(a.total.model.revenue, a.total.truth->revenue));
    j["over_capacity"] = a.total.over_capacity;
    j["excess_tickets"] = cents(a.total.excess_tickets);
    nlohmann::ordered_json tiers = nlohmann::ordered_json::array();
    for (const auto& [tier, t] : a.tiers) {
      nlohmann::ordered_json tj = {{"tier", tier}};
      tj.update(arm_totals_json(t));
      tiers.push_back(tj);
    }
    j["tiers"] = tiers;
    arms.push_back(j);
  }
  return {{"mode", "history"},
          {"from", r.from.str()},
          {"to", r.to.str()},
          {"games", r.games},
          {"game_codes", r.pairs},
          {"records", r.records},
          {"sold_out", r.sold_out},
          {"imputed_prices", r.imputed},
          {"incomplete", r.incomplete},
          {"decision_days", r.decision_days},
          {"truth", r.has_truth},
          {"conversions", "tickets"},
          {"conversion_rate", "tickets / seats left when the decisions' buckets opened"},
          {"arms", arms}};
}

void print_history_table(const HistoricalBacktestResult& r, std::ostream& out) {
  const HistoricalArm& actual = r.arms.front();
  const double observed = actual.total.observed->revenue;
  out << fmt::format("Backtest on history: {} games played from {} to {} ({} game × code), {} decisions (time "
                     "buckets with seats left; {} sold out before they opened)\n",
                     r.games, r.from.str(), r.to.str(), r.pairs, r.records, r.sold_out);
  out << fmt::format("Re-fitted on each of {} decision days from the sales before it. {} decisions sold nothing: "
                     "their actual price is the price in force.{}\n\n",
                     r.decision_days, r.imputed,
                     r.incomplete ? fmt::format(" {} buckets not over by the end of the data left out.", r.incomplete)
                                  : "");
  out << fmt::format("{:<22} {:<18} {:>8} {:>10} {:>10} {:>13} {:>9} {:>8} {:>9}\n", "policy", "demand", "records",
                     "tickets", "conv. rate", "revenue", "avg price", "lift", r.has_truth ? "vs truth" : "");
  for (const auto& a : r.arms) {
    bool first = true;
    for (const auto& row : rows_of(a.total)) {
      const SalesTotals& t = *row.totals;
      const bool is_observed = row.totals == (a.total.observed ? &*a.total.observed : nullptr);
      std::string bias;
      if (row.totals == &a.total.model && a.total.truth) bias = signed_pct(lift_pct(t.revenue, a.total.truth->revenue));
      out << fmt::format("{:<22} {:<18} {:>8} {:>10.0f} {:>9.1f}% {:>13} {:>9} {:>8} {:>9}\n", first ? a.name : "",
                         row.demand, t.records, t.tickets, 100 * t.conversion_rate(), fmt::format("${:.0f}", t.revenue),
                         fmt::format("${:.2f}", t.average_price()),
                         is_observed ? "" : signed_pct(lift_pct(t.revenue, observed)), bias);
      first = false;
    }
  }
  out << "\nconversions = tickets; conv. rate = tickets / seats left when the buckets opened. model, true expected:\n"
         "expected tickets at each price, capped by the seats left (as observed: each decision replayed on its own).\n"
         "lift: revenue against the observed actual revenue.";
  if (r.has_truth)
    out << " vs truth: the model's revenue against the true\nexpected revenue at the same prices (the estimator's "
           "bias). true, same buyers: the customers who came,\nserved at the price.";
  out << "\n\n";
  for (const auto& a : r.arms) {
    out << fmt::format("  {:<22} {}", a.name, a.description);
    if (a.name != "actual" && a.total.over_capacity)
      out << fmt::format(" (model: {} game × code sell more than their seats in the replay, {:.0f} tickets over)",
                         a.total.over_capacity, a.total.excess_tickets);
    out << "\n";
  }
}

}  // namespace seatsync::cli
