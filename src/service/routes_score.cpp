// POST /score and POST /score/batch.
#include "json_error.hpp"
#include "pricing_service.hpp"
#include "score_json.hpp"
#include "seatsync/experiment_scoring.hpp"

namespace seatsync::service {
namespace {

constexpr std::size_t kMaxBatch = 1000;

// One request against one snapshot; a ScoreError becomes the RequestError of its kind. An
// answer is recorded in the audit trail (when there is one) with the body as received.
nlohmann::json score_one(PricingService& service, const PricingSnapshot& snap, const std::vector<Experiment>& running,
                         const nlohmann::json& body, const std::string& prefix) {
  ScoreRequest req = score_request_from_json(body, prefix);
  apply_experiment_arm(running, req);
  try {
    const ScoreResult r = score(snap, req);
    service.metrics().score(r.pricing_method, r.strategy);
    service.audit_score(snap, body, req, r);
    return score_result_to_json(r);
  } catch (const ScoreError& e) {
    const std::string field = prefix.empty() ? e.field() : prefix + "." + e.field();
    if (e.kind() == ScoreError::Kind::not_found) throw RequestError(404, "not_found", e.what(), field);
    throw RequestError(400, "invalid_field", field + ": " + e.what(), field);
  }
}


}  // namespace

void add_score_routes(Router& router, PricingService& service) {
  router.add({"POST", "/score", false, false, [&service](const RouteRequest& r) {
                const auto snap = ready_snapshot(service);
                return json_response(200, score_one(service, *snap, *service.running_experiments(), parse_body(r.http), "").dump());
              }});
  // Each request is answered on its own: one bad item is an error object in its slot, with the
  // status it would have had alone; the batch itself fails only when it is malformed.
  router.add({"POST", "/score/batch", false, false, [&service](const RouteRequest& r) {
                const auto snap = ready_snapshot(service);
                const auto body = parse_body(r.http);
                const nlohmann::json* items = body.is_array() ? &body : nullptr;
                if (body.is_object() && body.contains("requests")) items = &body["requests"];
                if (!items || !items->is_array())
                  throw RequestError(400, "invalid_field", "requests: must be an array of /score requests", "requests");
                if (items->size() > kMaxBatch)
                  throw RequestError(400, "invalid_field", "requests: at most 1000 per batch", "requests");
                const auto running = service.running_experiments();  // one list for the whole batch
                nlohmann::json results = nlohmann::json::array();
                std::size_t errors = 0;
                for (std::size_t i = 0; i < items->size(); ++i) {
                  const std::string prefix = "requests[" + std::to_string(i) + "]";
                  try {
                    results.push_back(score_one(service, *snap, *running, (*items)[i], prefix));
                  } catch (const RequestError& e) {
                    ++errors;
                    results.push_back({{"status", e.status()},
                                       {"error", {{"code", e.code()}, {"message", e.what()},
                                                  {"field", e.field() ? nlohmann::json(*e.field()) : nlohmann::json()}}}});
                  }
                }
                nlohmann::json out{{"count", results.size()}, {"errors", errors}, {"results", std::move(results)}};
                return json_response(200, out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
              }});
}

}  // namespace seatsync::service
