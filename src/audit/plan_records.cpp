// The daily run's audit records: one per (game, price code) plan it wrote.
#include <cmath>

#include "seatsync/audit_records.hpp"
#include "seatsync/plan_format.hpp"

namespace seatsync {
namespace {

using nlohmann::json;

// Rounded as plans.json rounds them, so the record and the file agree digit for digit.
double cents(double v) { return std::round(v * 100.0) / 100.0; }
double tenths(double v) { return std::round(v * 1000.0) / 1000.0; }
json money_or_null(const std::optional<double>& v) { return v ? json(cents(*v)) : json(); }

}  // namespace

std::vector<json> plan_audit_records(const PlanSet& plans, const Dataset& data, const json& data_identity,
                                     std::string_view source) {
  std::vector<json> out;
  const auto& params = data.params.plan;
  const json planner{{"method", std::string(to_string(plans.method))},
                     {"demand", params.demand},
                     {"attendance_weight", params.attendance_weight}};
  for (const auto& game : plans.games) {
    const Game& g = data.games[game.game];
    for (const auto& p : game.plans) {
      const std::string& code = data.codes[p.code].code;
      const json buckets(plan_buckets_json(p));  // as plans.json has them
      json inputs{{"as_of", plans.as_of.str()},
                  {"game_id", g.id},
                  {"price_code", code},
                  {"remaining", p.remaining},
                  {"current_price", money_or_null(p.current_price)},
                  {"data_sha256", data_identity.value("sha256", "")},
                  {"params_sha256", data_identity.value("params_sha256", "")}};
      const auto& c = p.constraints;
      json record{{"kind", "plan"},
                  {"source", source},
                  {"game_id", g.id},
                  {"price_code", code},
                  {"as_of", plans.as_of.str()},
                  {"game_date", g.date.str()},
                  {"inputs_sha256", canonical_sha256(inputs)},
                  {"inputs", std::move(inputs)},
                  {"data", data_identity},
                  {"planner", planner},
                  {"output",
                   {{"price", p.buckets.empty() ? json() : json(cents(p.buckets.front().price))},
                    {"pricing_method", std::string(to_string(p.method))},
                    {"buckets", std::move(buckets)},
                    {"expected_tickets", tenths(p.expected_tickets)},
                    {"expected_revenue", cents(p.expected_revenue)},
                    {"notes", p.notes}}},
                  // The plan maximises expected revenue (plus attendance_weight per ticket).
                  {"strategy", "revenue"},
                  {"constraints",
                   {{"floor", cents(c.floor)},
                    {"ceiling", money_or_null(c.ceiling)},
                    {"max_change", c.max_change && std::isfinite(*c.max_change) ? json(*c.max_change) : json()},
                    {"rounding", std::string(to_string(c.rounding))}}}};
      out.push_back(std::move(record));
    }
  }
  return out;
}

}  // namespace seatsync
