// Reading a /score request field by field, each error naming its field.
#include "score_json.hpp"

#include <cmath>

#include "json_error.hpp"

namespace seatsync::service {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw RequestError(400, "invalid_field", field + ": " + message, field);
}

// The member `key` of `object` if present and not null.
const json* member(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

const json* object_member(const json& parent, const char* key, const std::string& field) {
  const json* v = member(parent, key);
  if (v && !v->is_object()) bad(field, "must be an object");
  return v;
}

std::optional<std::string> string_member(const json& parent, const char* key, const std::string& field) {
  const json* v = member(parent, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) bad(field, "must be a string");
  return v->get<std::string>();
}

std::optional<double> number_member(const json& parent, const char* key, const std::string& field) {
  const json* v = member(parent, key);
  if (!v) return std::nullopt;
  if (!v->is_number()) bad(field, "must be a number");
  const double d = v->get<double>();
  if (!std::isfinite(d)) bad(field, "must be finite");
  return d;
}

std::optional<int> whole_member(const json& parent, const char* key, const std::string& field, int lo) {
  const auto d = number_member(parent, key, field);
  if (!d) return std::nullopt;
  if (*d != std::floor(*d) || *d < lo || *d > 1e9) bad(field, "must be a whole number >= " + std::to_string(lo));
  return static_cast<int>(*d);
}

bool bool_member(const json& parent, const char* key, const std::string& field, bool fallback) {
  const json* v = member(parent, key);
  if (!v) return fallback;
  if (!v->is_boolean()) bad(field, "must be true or false");
  return v->get<bool>();
}

json or_null(const std::optional<double>& v) { return v ? json(*v) : json(); }

}  // namespace

ScoreRequest score_request_from_json(const json& body, const std::string& prefix) {
  if (!body.is_object()) bad(prefix.empty() ? "body" : prefix, "must be a JSON object");
  const std::string p = prefix.empty() ? "" : prefix + ".";
  ScoreRequest r;
  const json* event = object_member(body, "event", p + "event");
  const json* product = object_member(body, "product", p + "product");
  if (event) r.game_id = string_member(*event, "game_id", p + "event.game_id").value_or("");
  if (r.game_id.empty()) bad(p + "event.game_id", "is required (the game to price)");
  if (event) r.price_code = string_member(*event, "price_code", p + "event.price_code").value_or("");
  if (r.price_code.empty() && product) r.price_code = string_member(*product, "type", p + "product.type").value_or("");
  if (r.price_code.empty()) bad(p + "event.price_code", "is required (or product.type)");
  r.quote_time = string_member(body, "quote_time", p + "quote_time").value_or("");
  if (r.quote_time.empty()) bad(p + "quote_time", "is required (ISO 8601, e.g. 2026-12-01T12:00:00Z)");
  r.stay_date = string_member(body, "stay_date", p + "stay_date").value_or("");
  if (const json* entity = object_member(body, "entity", p + "entity"))
  {
    r.scope = string_member(*entity, "propertyId", p + "entity.propertyId").value_or("");
    r.user_id = string_member(*entity, "userId", p + "entity.userId").value_or("");
    r.session_id = string_member(*entity, "sessionId", p + "entity.sessionId").value_or("");
  }
  if (const json* inv = object_member(body, "inventory", p + "inventory")) {
    r.capacity = whole_member(*inv, "capacity", p + "inventory.capacity", 1);
    r.remaining = whole_member(*inv, "remaining", p + "inventory.remaining", 0);
    r.current_price = number_member(*inv, "current_price", p + "inventory.current_price");
  }
  if (const json* market = object_member(body, "market", p + "market")) {
    if (const json* comps = member(*market, "competitors")) {
      const std::string f = p + "market.competitors";
      if (!comps->is_array()) bad(f, "must be an array");
      std::vector<CompetitorPrice> out;
      for (std::size_t i = 0; i < comps->size(); ++i) {
        const std::string fi = f + "[" + std::to_string(i) + "]";
        const json& c = (*comps)[i];
        if (!c.is_object()) bad(fi, "must be an object {price, source, quantity}");
        const auto price = number_member(c, "price", fi + ".price");
        if (!price || *price <= 0) bad(fi + ".price", "is required and must be > 0");
        out.push_back({*price, whole_member(c, "quantity", fi + ".quantity", 0).value_or(1),
                       string_member(c, "source", fi + ".source").value_or("")});
      }
      r.competitors = std::move(out);
    }
  }
  if (const json* context = object_member(body, "context", p + "context")) whole_member(*context, "tier", p + "context.tier", 1);
  if (const json* toggles = object_member(body, "toggles", p + "toggles")) {
    r.use_ml = bool_member(*toggles, "use_ml", p + "toggles.use_ml", true);
    r.use_competitors = bool_member(*toggles, "use_competitors", p + "toggles.use_competitors", true);
    r.apply_seasonality = bool_member(*toggles, "apply_seasonality", p + "toggles.apply_seasonality", true);
  }
  r.strategy = string_member(body, "strategy", p + "strategy").value_or("");
  return r;
}

json score_result_to_json(const ScoreResult& r) {
  json competitor{{"p10", nullptr}, {"p50", nullptr}, {"p90", nullptr}, {"count", 0}, {"source", nullptr}};
  if (r.competitor_data)
    competitor = {{"p10", r.competitor_data->p10}, {"p50", r.competitor_data->p50}, {"p90", r.competitor_data->p90},
                  {"count", r.competitor_data->count}, {"source", r.competitor_data->source}};
  const auto& c = r.constraints;
  return {
      {"price", r.price},
      {"price_grid", r.price_grid},
      {"conf_band", {{"lower", r.conf_lower}, {"upper", r.conf_upper}}},
      {"expected", {{"occ_now", r.occ_now}, {"occ_end_bucket", r.occ_end_bucket}, {"tickets_bucket", r.expected_tickets_bucket}}},
      {"reasons", r.reasons},
      {"safety",
       {{"pricing_method", r.pricing_method},
        {"ml_conversion_prob", or_null(r.ml_conversion_prob)},
        {"occupancy_rate", r.occ_now},
        {"lead_days", r.lead_days},
        {"competitor_data", competitor},
        {"ab_variant", r.ab_variant ? json(*r.ab_variant) : json()},
        {"ab_experiment_id", r.ab_experiment ? json(*r.ab_experiment) : json()},
        {"floor", c.floor},
        {"ceiling", or_null(c.ceiling)},
        {"max_change", c.max_change && std::isfinite(*c.max_change) ? json(*c.max_change) : json()},
        {"rounding", std::string(to_string(c.rounding))},
        {"price_in_force", or_null(r.price_in_force)},
        {"constraints_applied", r.constraints_applied}}},
      {"strategy", r.strategy},
      {"game_id", r.game_id},
      {"price_code", r.price_code},
      {"bucket", r.bucket},
      {"inventory", {{"capacity", r.capacity}, {"remaining", r.remaining}}},
  };
}

}  // namespace seatsync::service
