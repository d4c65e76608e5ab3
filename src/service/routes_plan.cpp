// POST /plan: the `seatsync plan` contract (docs/plan.schema.json) for the games in the body.
#include "json_error.hpp"
#include "pricing_service.hpp"
#include "seatsync/plan_format.hpp"

namespace seatsync::service {

void add_plan_routes(Router& router, PricingService& service) {
  router.add({"POST", "/plan", false, /*slow=*/true, [&service](const RouteRequest& r) {
                const auto snap = ready_snapshot(service);
                const auto body = r.http.body.empty() ? nlohmann::json::object() : parse_body(r.http);
                if (!body.is_object()) throw RequestError(400, "invalid_field", "body: must be a JSON object", "body");
                std::vector<GameIndex> games;
                if (body.contains("games") && !body["games"].is_null()) {
                  const auto& list = body["games"];
                  if (!list.is_array()) throw RequestError(400, "invalid_field", "games: must be an array of game ids", "games");
                  for (std::size_t i = 0; i < list.size(); ++i) {
                    const std::string field = "games[" + std::to_string(i) + "]";
                    if (!list[i].is_string()) throw RequestError(400, "invalid_field", field + ": must be a game id", field);
                    const auto id = list[i].get<std::string>();
                    const auto g = snap->data().find_game(id);
                    if (!g) throw RequestError(404, "not_found", "no game '" + id + "'", field);
                    if (snap->data().games[*g].date < snap->as_of())
                      throw RequestError(400, "invalid_field", field + ": '" + id + "' was played before " + snap->as_of().str(), field);
                    games.push_back(*g);
                  }
                }
                if (games.empty()) games = snap->upcoming_games();
                const PlanSet plans = plan_games(snap->data(), snap->planner(), snap->as_of(), games);
                return json_response(200, plan_to_json(plans, snap->data()).dump());
              }});
}

}  // namespace seatsync::service
