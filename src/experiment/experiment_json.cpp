// An experiment's JSON form, each bad field named.
#include "seatsync/experiment_json.hpp"

#include <cmath>

#include <fmt/format.h>

namespace seatsync {
namespace {

using nlohmann::json;

const json* member(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string text(const json& o, const char* key, const std::string& field, std::string fallback = "") {
  const json* v = member(o, key);
  if (!v) return fallback;
  if (!v->is_string()) throw ExperimentError(field, "must be a string");
  return v->get<std::string>();
}

std::optional<double> number(const json& o, const char* key, const std::string& field) {
  const json* v = member(o, key);
  if (!v) return std::nullopt;
  if (!v->is_number()) throw ExperimentError(field, "must be a number");
  return v->get<double>();
}

std::vector<std::string> strings(const json& o, const char* key, const std::string& field, std::vector<std::string> fallback) {
  const json* v = member(o, key);
  if (!v) return fallback;
  if (!v->is_array()) throw ExperimentError(field, "must be an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) throw ExperimentError(field + "[" + std::to_string(i) + "]", "must be a string");
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

std::vector<ExperimentArm> arms_from_json(const json& body) {
  std::vector<ExperimentArm> arms;
  if (const json* list = member(body, "arms")) {
    if (!list->is_array()) throw ExperimentError("arms", "must be an array of {name, share, strategy, multiplier, price}");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string f = "arms[" + std::to_string(i) + "]";
      const json& a = (*list)[i];
      if (!a.is_object()) throw ExperimentError(f, "must be an object");
      ExperimentArm arm;
      arm.name = text(a, "name", f + ".name");
      const auto share = number(a, "share", f + ".share");
      if (!share) throw ExperimentError(f + ".share", "is required (the arm's share of the traffic, 0-1)");
      arm.share = *share;
      arm.policy.strategy = text(a, "strategy", f + ".strategy");
      if (const json* ml = member(a, "use_ml")) {
        if (!ml->is_boolean()) throw ExperimentError(f + ".use_ml", "must be true or false");
        arm.policy.use_ml = ml->get<bool>();
      }
      arm.policy.multiplier = number(a, "multiplier", f + ".multiplier").value_or(1.0);
      arm.policy.price = number(a, "price", f + ".price");
      arms.push_back(std::move(arm));
    }
    return arms;
  }
  if (const auto pct = number(body, "ml_traffic_percentage", "ml_traffic_percentage")) {
    if (!(*pct > 0 && *pct < 100)) throw ExperimentError("ml_traffic_percentage", "must be between 0 and 100 (exclusive)");
    // Seed 003's pair: its rule without the conversion model against the same rule with it.
    arms.push_back({"rule_based", 1 - *pct / 100, {"rule_based", false, 1.0, std::nullopt}});
    arms.push_back({"ml", *pct / 100, {"rule_based", true, 1.0, std::nullopt}});
    return arms;
  }
  if (const auto control = number(body, "control_price", "control_price")) {
    const auto tests = member(body, "test_prices");
    if (!tests || !tests->is_array() || tests->empty())
      throw ExperimentError("test_prices", "is required with control_price: an array of prices");
    std::vector<double> prices{*control};
    for (std::size_t i = 0; i < tests->size(); ++i) {
      if (!(*tests)[i].is_number()) throw ExperimentError("test_prices[" + std::to_string(i) + "]", "must be a number");
      prices.push_back((*tests)[i].get<double>());
    }
    const double share = 1.0 / static_cast<double>(prices.size());
    for (std::size_t i = 0; i < prices.size(); ++i)
      arms.push_back({i == 0 ? "control" : fmt::format("price_{}", prices[i]), share, {"", std::nullopt, 1.0, prices[i]}});
    return arms;
  }
  throw ExperimentError("arms", "is required (or ml_traffic_percentage, or control_price + test_prices)");
}

}  // namespace

Experiment experiment_from_json(const json& body) {
  if (!body.is_object()) throw ExperimentError("body", "must be a JSON object");
  Experiment e;
  e.name = text(body, "name", "name");
  e.description = text(body, "description", "description");
  e.start = text(body, "start_date", "start_date");
  e.end = text(body, "end_date", "end_date");
  const std::string status = text(body, "status", "status", "running");
  const auto s = parse_experiment_status(status);
  if (!s || *s == ExperimentStatus::stopped) throw ExperimentError("status", "must be draft or running");
  e.status = *s;
  std::string unit = text(body, "randomization_unit", "randomization_unit", "session");
  if (unit == "property") unit = "game";  // seed 003's unit: what is priced (a hotel there, a game here)
  const auto u = parse_randomisation_unit(unit);
  if (!u) throw ExperimentError("randomization_unit", "must be game, price_code, user or session");
  e.unit = *u;
  e.arms = arms_from_json(body);
  e.games = strings(body, "games", "games", {});
  e.primary_metric = text(body, "primary_metric", "primary_metric", e.primary_metric);
  e.guardrails = strings(body, "guardrails", "guardrails", e.guardrails);
  e.alpha = number(body, "alpha", "alpha").value_or(e.alpha);
  e.minimum_detectable_effect = number(body, "minimum_detectable_effect", "minimum_detectable_effect").value_or(e.minimum_detectable_effect);
  if (const json* seq = member(body, "sequential")) {
    if (!seq->is_boolean()) throw ExperimentError("sequential", "must be true or false");
    e.sequential = seq->get<bool>();
  }
  validate_experiment(e);
  return e;
}

json experiment_to_json(const Experiment& e) {
  json arms = json::array();
  for (const auto& a : e.arms) {
    json arm{{"name", a.name}, {"share", a.share}, {"multiplier", a.policy.multiplier}};
    arm["strategy"] = a.policy.strategy.empty() ? json() : json(a.policy.strategy);
    arm["use_ml"] = a.policy.use_ml ? json(*a.policy.use_ml) : json();
    arm["price"] = a.policy.price ? json(*a.policy.price) : json();
    arms.push_back(std::move(arm));
  }
  auto or_null = [](const std::string& s) { return s.empty() ? json() : json(s); };
  return {{"experiment_id", e.id},
          {"name", e.name},
          {"description", e.description},
          {"start_date", or_null(e.start)},
          {"end_date", or_null(e.end)},
          {"status", std::string(to_string(e.status))},
          {"randomization_unit", std::string(to_string(e.unit))},
          {"arms", std::move(arms)},
          {"control", e.control().name},
          {"games", e.games},
          {"primary_metric", e.primary_metric},
          {"guardrails", e.guardrails},
          {"alpha", e.alpha},
          {"minimum_detectable_effect", e.minimum_detectable_effect},
          {"sequential", e.sequential},
          {"created_at", or_null(e.created_at)},
          {"stopped_at", or_null(e.stopped_at)}};
}

}  // namespace seatsync
