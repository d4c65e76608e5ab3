// GET /health, POST /admin/reload, GET /metrics, GET /openapi.json.
#include <chrono>

#include "audit_metrics.hpp"
#include "connection_metrics.hpp"
#include "json_error.hpp"
#include "openapi_document.hpp"
#include "pricing_service.hpp"

namespace seatsync::service {
namespace {

using nlohmann::json;

double age_seconds(const PricingSnapshot& s) {
  return std::chrono::duration<double>(std::chrono::system_clock::now() - s.built_at()).count();
}

json health(const PricingService& service) {
  const auto snap = service.snapshot();
  if (!snap) return {{"status", "loading"}};
  json models = json::array();
  for (const auto& info : snap->models().tried())
    models.push_back({{"name", info.scope + "_" + info.type},
                      {"status", std::string(to_string(info.status))},
                      {"version", info.version.empty() ? json() : json(info.version)},
                      {"checksum", info.checksum.empty() ? json() : json(info.checksum)},
                      {"message", info.message.empty() ? json() : json(info.message)}});
  std::size_t policies = 0;
  for (const auto& row : snap->data().inventory) policies += snap->policy(row.game, row.code) != nullptr;
  return {{"status", "ok"},
          {"as_of", snap->as_of().str()},
          {"games", snap->upcoming_games().size()},
          {"policies", policies},
          {"snapshot_age_seconds", age_seconds(*snap)},
          {"reload_generation", service.reload_generation()},
          {"models", models}};
}

}  // namespace

void add_admin_routes(Router& router, PricingService& service) {
  router.add({"GET", "/health", false, false, [&service](const RouteRequest&) {
                const json h = health(service);
                return json_response(h["status"] == "ok" ? 200 : 503, h.dump());
              }});
  router.add({"POST", "/admin/reload", /*write=*/true, /*slow=*/true, [&service](const RouteRequest&) {
                const auto start = std::chrono::steady_clock::now();
                std::string message;
                if (!service.reload(message)) {
                  if (message == "a reload is in progress") throw RequestError(409, "reload_in_progress", message);
                  throw RequestError(500, "reload_failed", "reload failed, the previous snapshot stays in use: " + message);
                }
                const auto snap = service.snapshot();
                const json out{{"status", "reloaded"},
                               {"as_of", snap->as_of().str()},
                               {"games", snap->upcoming_games().size()},
                               {"reload_generation", service.reload_generation()},
                               {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}};
                return json_response(200, out.dump());
              }});
  router.add({"GET", "/metrics", false, false, [&service](const RouteRequest&) {
                const auto snap = service.snapshot();
                std::string text = service.metrics().render(snap ? std::optional(age_seconds(*snap)) : std::nullopt);
                // Model health: the first scrape after a load or reload computes it (about a
                // second on the default dataset), the others read it.
                if (snap) text += ModelHealthCache::render(*service.health().get(snap));
                if (const auto connections = service.connection_counters()) text += render_connection_metrics(*connections);
                if (const auto audit = service.audit_counters()) text += render_audit_metrics(*audit, service.audit_capacity());
                return HttpResponse{200, "text/plain; version=0.0.4; charset=utf-8", std::move(text), {}};
              }});
  router.add({"GET", "/openapi.json", false, false,
              [](const RouteRequest&) { return json_response(200, std::string(openapi_document())); }});
}

}  // namespace seatsync::service
