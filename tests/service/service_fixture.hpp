#pragma once
// What the service tests share: one small simulated season with a trained conversion model in
// a registry (made once per test binary), and a real PricingServer on a loopback port over it.
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>

#include "http_client.hpp"
#include "seatsync/pricing_server.hpp"
#include "test_support.hpp"

namespace seatsync::test {

struct ServiceWorld {
  std::filesystem::path data_dir;      // seatsync simulate --seasons 1 --games 12
  std::filesystem::path registry_dir;  // holds season_conversion (seatsync train --rounds 20)
  Dataset data;
  Date as_of;
  InventoryRow row;  // an upcoming (game, code) with seats left
  std::string game_id, code;
};
const ServiceWorld& service_world();

// A /score body for world().row at as_of noon UTC, with `patch` merged over it.
nlohmann::json score_body(const nlohmann::json& patch = nlohmann::json::object());

// A random valid /score request over every upcoming (game, code), state, strategy and toggle,
// with and without competitor listings and a price in force. Some quote a day after the game:
// those are 400 (quote_time), every other one 200.
nlohmann::json random_score_request(std::mt19937& rng);

struct ServerSetup {
  PricingServerOptions options;
  std::optional<std::filesystem::path> registry;  // default: the world's
  bool no_registry = false;
  std::function<void()> before_build;  // runs inside the factory (e.g. to hold the load)
  bool load = true;                    // call load() before returning
};

class RunningServer {
 public:
  explicit RunningServer(ServerSetup setup = {});
  ~RunningServer();
  PricingServer& server() { return *server_; }
  unsigned short port() const { return port_; }
  HttpClient client() const { return HttpClient(port_); }

 private:
  std::unique_ptr<PricingServer> server_;
  unsigned short port_ = 0;
};

// The OpenAPI document the server serves (parsed once).
const nlohmann::json& openapi();
// Violations of the documented response schema for (path, method, status); empty when valid.
std::vector<std::string> openapi_violations(const std::string& path, const std::string& method, int status,
                                            const std::string& body);

// The constraints a /score response says it applied, rebuilt from its safety block.
PriceConstraints response_constraints(const nlohmann::json& response);

}  // namespace seatsync::test
