// The model routes of seed 003: GET /model/metrics/{scope}, /model/registry, /model/list.
#include <map>

#include "json_error.hpp"
#include "pricing_service.hpp"

namespace seatsync::service {
namespace {

using nlohmann::json;

json importance_object(const std::vector<std::pair<std::string, double>>& importance) {
  json out = json::object();
  for (const auto& [name, value] : importance) out[name] = value;
  return out;
}

json optional_int(const std::optional<int>& v) { return v ? json(*v) : json(); }

json loaded_model_json(const ServingModelInfo& info) {
  return {{"scope", info.scope},     {"property_id", info.scope},       {"model_type", info.type},
          {"version", info.version}, {"algo", info.algo},               {"loaded_at", info.loaded_at},
          {"checksum", info.checksum}, {"num_features", info.num_features}, {"metrics", info.metrics}};
}

}  // namespace

void add_model_routes(Router& router, PricingService& service) {
  router.add({"GET", "/model/metrics/{scope}", false, false, [&service](const RouteRequest& r) {
                const auto snap = ready_snapshot(service);
                const std::string& scope = r.params.at("scope");
                const auto it = r.http.query.find("model_type");
                const std::string type = it == r.http.query.end() ? "demand" : it->second;
                const auto& slot = snap->models().get(scope, type);
                const auto& info = slot.info;
                if (info.status == ModelStatus::missing) throw RequestError(404, "not_found", info.message, "scope");
                if (info.status != ModelStatus::loaded) throw RequestError(409, std::string(to_string(info.status)), info.message);
                std::string created;
                if (auto* reg = snap->models().registry()) created = reg->show(scope, type, info.version).metadata.value("created_at", "");
                json out{{"scope", scope},
                         {"property_id", scope},
                         {"model_type", type},
                         {"version", "v" + info.version},
                         {"timestamp", created},
                         {"algo", info.algo},
                         {"num_features", info.num_features},
                         {"num_trees", optional_int(info.num_trees)},
                         {"best_iteration", optional_int(info.best_iteration)},
                         {"metrics", info.metrics},
                         {"feature_importance", importance_object(info.importance)},
                         {"checksum", info.checksum},
                         {"loaded_at", info.loaded_at}};
                return json_response(200, out.dump());
              }});

  // The monitor's view of the scope's models (docs/model-lifecycle.md): computed on the first
  // call after a reload, then answered from the cache.
  router.add({"GET", "/model/health/{scope}", false, false, [&service](const RouteRequest& r) {
                const auto snap = ready_snapshot(service);
                const std::string& scope = r.params.at("scope");
                const auto report = service.health().get(snap);
                json all = to_json(*report), models = json::array(), skipped = json::array();
                std::size_t alerts = 0, triggers = 0;
                for (std::size_t i = 0; i < report->models.size(); ++i)
                  if (report->models[i].scope == scope) {
                    alerts += report->models[i].alerts.size();
                    triggers += report->models[i].triggers.size();
                    models.push_back(all["models"][i]);
                  }
                for (const auto& s : report->skipped)
                  if (s.starts_with(scope + "/")) skipped.push_back(s);
                if (models.empty() && skipped.empty())
                  throw RequestError(404, "not_found", "no registered model in scope '" + scope + "'", "scope");
                json out{{"scope", scope},         {"today", all["today"]},  {"healthy", alerts == 0},
                         {"alerts", alerts},       {"retrain_triggers", triggers}, {"thresholds", all["thresholds"]},
                         {"models", models},       {"skipped", skipped}};
                return json_response(200, out.dump());
              }});

  router.add({"GET", "/model/registry", false, false, [&service](const RouteRequest&) {
                const auto snap = ready_snapshot(service);
                const auto* reg = snap->models().registry();
                std::vector<ModelEntry> entries;
                if (reg && std::filesystem::is_directory(reg->dir())) entries = reg->list();
                std::map<std::string, int> by_type;
                for (const auto& e : entries) ++by_type[e.type];
                json loaded_names = json::array(), loaded = json::object();
                for (const auto& info : snap->models().tried())
                  if (info.status == ModelStatus::loaded) {
                    loaded_names.push_back(info.scope + "_" + info.type);
                    loaded[info.scope + "_" + info.type] = loaded_model_json(info);
                  }
                json out{{"success", true},
                         {"registry",
                          {{"total_models", entries.size()},
                           {"cached_models", loaded_names.size()},
                           {"models_by_type", by_type},
                           {"model_dir", reg ? json(reg->dir().string()) : json()},
                           {"loaded_models", loaded_names}}},
                         {"loaded_models", loaded}};
                return json_response(200, out.dump());
              }});

  router.add({"GET", "/model/list", false, false, [&service](const RouteRequest& r) {
                const auto snap = ready_snapshot(service);
                std::string scope;
                for (const char* key : {"scope", "property_id"})
                  if (auto it = r.http.query.find(key); it != r.http.query.end()) scope = it->second;
                const auto* reg = snap->models().registry();
                json models = json::array();
                if (reg && std::filesystem::is_directory(reg->dir()))
                  for (const auto& e : reg->list()) {
                    if (!scope.empty() && e.scope != scope) continue;
                    const auto info = describe_model(e);
                    models.push_back({{"scope", e.scope},
                                      {"property_id", e.scope},
                                      {"model_type", e.type},
                                      {"version", "v" + info.version},
                                      {"timestamp", e.metadata.value("created_at", "")},
                                      {"algo", info.algo},
                                      {"num_features", info.num_features},
                                      {"metrics", info.metrics},
                                      {"checksum", info.checksum},
                                      {"file_path", e.file.string()},
                                      {"is_latest", e.is_latest}});
                  }
                json out{{"success", true}, {"count", models.size()}, {"models", std::move(models)}};
                return json_response(200, out.dump());
              }});
}

}  // namespace seatsync::service
