// The A/B routes of seed 003: POST/GET /ab/experiments, GET …/{id}, …/{id}/results, and the
// writes …/{id}/start, …/{id}/stop, …/{id}/events (these need the API key).
#include <cmath>

#include "json_error.hpp"
#include "pricing_service.hpp"
#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_results.hpp"

namespace seatsync::service {
namespace {

using nlohmann::json;

ExperimentStore& store_of(const PricingService& service) {
  if (!service.experiments())
    throw RequestError(503, "no_experiment_store", "this server keeps no experiments: start it with --db FILE or --experiments-db FILE");
  return *service.experiments();
}

Experiment existing(const ExperimentStore& store, const std::string& id) {
  auto e = store.get(id);
  if (!e) throw RequestError(404, "not_found", "no experiment '" + id + "'", "experiment_id");
  return *e;
}

// "events[3].quantity: a purchase needs …" names its field before the colon.
[[noreturn]] void bad_event(const std::invalid_argument& e) {
  const std::string message = e.what();
  const auto colon = message.find(':');
  throw RequestError(400, "invalid_field", message, colon == std::string::npos ? "events" : message.substr(0, colon));
}

std::vector<ExperimentEvent> events_from_json(const json& body) {
  const json* items = body.is_array() ? &body : nullptr;
  if (body.is_object() && body.contains("events")) items = &body["events"];
  if (!items || !items->is_array()) throw RequestError(400, "invalid_field", "events: must be an array of events", "events");
  if (items->size() > 10000) throw RequestError(400, "invalid_field", "events: at most 10,000 per request", "events");
  std::vector<ExperimentEvent> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string f = "events[" + std::to_string(i) + "]";
    const json& ev = (*items)[i];
    if (!ev.is_object()) throw RequestError(400, "invalid_field", f + ": must be an object", f);
    auto text = [&](const char* key) {
      const auto it = ev.find(key);
      if (it == ev.end() || it->is_null()) return std::string();
      if (!it->is_string()) throw RequestError(400, "invalid_field", f + "." + key + ": must be a string", f + "." + key);
      return it->get<std::string>();
    };
    auto number = [&](const char* key) {
      const auto it = ev.find(key);
      if (it == ev.end() || it->is_null()) return 0.0;
      if (!it->is_number()) throw RequestError(400, "invalid_field", f + "." + key + ": must be a number", f + "." + key);
      // No sale is worth a billion; larger amounts would add up to infinity in the results.
      const double v = it->get<double>();
      if (!(std::abs(v) <= 1e9))
        throw RequestError(400, "invalid_field", f + "." + key + ": must be a finite amount below 1e9", f + "." + key);
      return v;
    };
    const double quantity = number("quantity");
    if (quantity != std::floor(quantity) || std::abs(quantity) > 1e6)
      throw RequestError(400, "invalid_field", f + ".quantity: must be a whole number", f + ".quantity");
    out.push_back({text("event_id"), text("type"), text("unit"), text("arm"), text("at"), static_cast<int>(quantity),
                   number("revenue"), number("price")});
  }
  return out;
}

HttpResponse status_change(PricingService& service, const RouteRequest& r, ExperimentStatus status) {
  auto& store = store_of(service);
  existing(store, r.params.at("id"));
  try {
    const Experiment changed = store.set_status(r.params.at("id"), status);
    service.experiments_changed();
    return json_response(200, experiment_to_json(changed).dump());
  } catch (const std::invalid_argument& e) {
    throw RequestError(409, "conflict", e.what(), "status");
  }
}

}  // namespace

void add_ab_routes(Router& router, PricingService& service) {
  router.add({"POST", "/ab/experiments", true, false, [&service](const RouteRequest& r) {
                auto& store = store_of(service);
                try {
                  const Experiment created = store.create(experiment_from_json(parse_body(r.http)));
                  service.experiments_changed();
                  return json_response(201, experiment_to_json(created).dump());
                } catch (const ExperimentError& e) {
                  throw RequestError(400, "invalid_field", e.what(), e.field());
                }
              }});
  router.add({"GET", "/ab/experiments", false, false, [&service](const RouteRequest& r) {
                const auto it = r.http.query.find("active_only");
                const bool active = it != r.http.query.end() && (it->second == "true" || it->second == "1");
                if (it != r.http.query.end() && !active && it->second != "false" && it->second != "0")
                  throw RequestError(400, "invalid_field", "active_only: must be true or false", "active_only");
                json list = json::array();
                for (const auto& e : store_of(service).list(active)) list.push_back(experiment_to_json(e));
                return json_response(200, json{{"count", list.size()}, {"experiments", std::move(list)}}.dump());
              }});
  router.add({"GET", "/ab/experiments/{id}", false, false, [&service](const RouteRequest& r) {
                return json_response(200, experiment_to_json(existing(store_of(service), r.params.at("id"))).dump());
              }});
  router.add({"GET", "/ab/experiments/{id}/results", false, false, [&service](const RouteRequest& r) {
                auto& store = store_of(service);
                const Experiment e = existing(store, r.params.at("id"));
                return json_response(200, results_to_json(analyze_experiment(e, store.unit_totals(e.id))).dump());
              }});
  router.add({"POST", "/ab/experiments/{id}/start", true, false,
              [&service](const RouteRequest& r) { return status_change(service, r, ExperimentStatus::running); }});
  router.add({"POST", "/ab/experiments/{id}/stop", true, false,
              [&service](const RouteRequest& r) { return status_change(service, r, ExperimentStatus::stopped); }});
  router.add({"POST", "/ab/experiments/{id}/events", true, false, [&service](const RouteRequest& r) {
                auto& store = store_of(service);
                existing(store, r.params.at("id"));
                const auto events = events_from_json(parse_body(r.http));
                try {
                  const auto result = store.record(r.params.at("id"), events);
                  return json_response(200, json{{"inserted", result.inserted}, {"duplicates", result.duplicates}}.dump());
                } catch (const std::invalid_argument& e) {
                  bad_event(e);
                }
              }});
}

}  // namespace seatsync::service
