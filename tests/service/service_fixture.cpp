#include "service_fixture.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "json_schema.hpp"
#include "seatsync/price_constraints.hpp"

#include <cmath>

namespace seatsync::test {

const ServiceWorld& service_world() {
  static TempDir dir;
  static const ServiceWorld world = [] {
    ServiceWorld w;
    w.data_dir = dir / "sim";
    w.registry_dir = dir / "models";
    auto sim = run_seatsync({"simulate", "--out", w.data_dir.string(), "--seasons", "1", "--games", "12"});
    if (sim.exit_code != 0) throw std::runtime_error("simulate failed: " + sim.err);
    auto train = run_seatsync({"train", "--data", w.data_dir.string(), "--model", "conversion", "--rounds", "20",
                               "--registry", w.registry_dir.string()});
    if (train.exit_code != 0) throw std::runtime_error("train failed: " + train.err);
    w.data = load_season_dir(w.data_dir);
    w.as_of = day_after_last_sale(w.data);
    for (const auto& r : w.data.inventory)
      if (w.data.games[r.game].date >= w.as_of + 3 && r.remaining > 2 && r.current_price > 0) {
        w.row = r;
        break;
      }
    w.game_id = w.data.games[w.row.game].id;
    w.code = w.data.codes[w.row.code].code;
    return w;
  }();
  return world;
}

nlohmann::json score_body(const nlohmann::json& patch) {
  const auto& w = service_world();
  nlohmann::json body{{"event", {{"game_id", w.game_id}, {"price_code", w.code}}},
                      {"quote_time", w.as_of.str() + "T12:00:00Z"}};
  body.merge_patch(patch);
  return body;
}

// A random situation over every upcoming (game, code), state and strategy.
nlohmann::json random_score_request(std::mt19937& rng) {
  const auto& w = service_world();
  std::vector<const InventoryRow*> rows;
  for (const auto& r : w.data.inventory)
    if (w.data.games[r.game].date >= w.as_of) rows.push_back(&r);
  const auto& row = *rows[std::uniform_int_distribution<std::size_t>(0, rows.size() - 1)(rng)];
  const int capacity = w.data.codes[row.code].capacity;
  const char* strategies[] = {"revenue", "competitive", "time_based", "psychological", "rule_based"};
  std::uniform_real_distribution<double> unit(0, 1);
  nlohmann::json body{{"event", {{"game_id", w.data.games[row.game].id}, {"price_code", w.data.codes[row.code].code}}},
            {"quote_time", (w.as_of + std::uniform_int_distribution<int>(0, 2)(rng)).str() + "T09:30:00-05:00"},
            {"inventory", {{"capacity", capacity}, {"remaining", std::uniform_int_distribution<int>(0, capacity)(rng)}}},
            {"strategy", strategies[rng() % 5]},
            {"toggles", {{"use_ml", unit(rng) < 0.8}, {"use_competitors", unit(rng) < 0.8}}}};
  if (unit(rng) < 0.5) body["inventory"]["current_price"] = std::exp(std::log(5.0) + unit(rng) * std::log(400.0));
  if (unit(rng) < 0.5) {
    nlohmann::json comps = nlohmann::json::array();
    for (int i = 0, n = 1 + static_cast<int>(rng() % 6); i < n; ++i)
      comps.push_back({{"price", 1 + unit(rng) * 3000}, {"quantity", rng() % 5}, {"source", "x"}});
    body["market"] = {{"competitors", comps}};
  }
  return body;
}

RunningServer::RunningServer(ServerSetup setup) {
  // spdlog's registry is a static made on first use. Made here, before a server whose threads log,
  // it outlives any server kept in a static (destroyed in reverse order at exit); made by a
  // server thread instead, it was destroyed first and the stopping server logged into freed
  // memory (AddressSanitizer: heap-use-after-free in spdlog::logger::should_log).
  (void)spdlog::default_logger_raw();
  const auto& w = service_world();
  setup.options.host = "127.0.0.1";
  setup.options.port = 0;
  std::optional<std::filesystem::path> registry = setup.registry ? setup.registry : std::optional(w.registry_dir);
  if (setup.no_registry) registry.reset();
  auto before = setup.before_build;
  server_ = std::make_unique<PricingServer>(
      setup.options, [registry, before](ServingModels::LoadObserver on_load) {
        if (before) before();
        const auto& world = service_world();
        return PricingSnapshot::build(world.data, {world.as_of, registry, on_load, {}});
      });
  server_->start();
  port_ = server_->port();
  if (setup.load) server_->load();
}

RunningServer::~RunningServer() { server_->stop(); }

const nlohmann::json& openapi() {
  static const nlohmann::json doc = [] {
    RunningServer s(ServerSetup{.load = false});
    auto r = s.client().get("/openapi.json");
    return nlohmann::json::parse(r.body);
  }();
  return doc;
}

std::vector<std::string> openapi_violations(const std::string& path, const std::string& method, int status,
                                            const std::string& body) {
  const auto& doc = openapi();
  nlohmann::json instance;
  try {
    instance = nlohmann::json::parse(body);
  } catch (const std::exception& e) {
    return {std::string("not JSON: ") + e.what()};
  }
  return validate_json(instance, doc, openapi_response_schema(doc, path, method, status));
}

PriceConstraints response_constraints(const nlohmann::json& r) {
  const auto& s = r.at("safety");
  PriceConstraints c;
  c.floor = s.at("floor").get<double>();
  if (!s.at("ceiling").is_null()) c.ceiling = s.at("ceiling").get<double>();
  if (!s.at("max_change").is_null()) c.max_change = s.at("max_change").get<double>();
  c.rounding = *parse_rounding(s.at("rounding").get<std::string>());
  return c;
}

}  // namespace seatsync::test
