// The /ab routes on a real server: create (auth), /score assigning the arm, events counted once,
// results, stop; every answer checked against the OpenAPI document.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/experiment_store.hpp"
#include "pg_test_server.hpp"
#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;

namespace {

const std::string kKey = "ab-key-0123456789abcdef";
const std::map<std::string, std::string> kAuth{{"authorization", "Bearer " + kKey}};

// The experiments in a SQLite file or a PostgreSQL database: the routes are the same.
struct AbServer {
  explicit AbServer(bool postgres) : location(postgres ? fresh_postgres_database() : (dir / "ab.db").string()) {}
  TempDir dir;
  std::string location;
  RunningServer server{ServerSetup{.options = {.api_key_values = {kKey}, .experiments_db = location}}};
};

// Built on first use after service_world() (which it uses), so destroyed before it at exit: the
// server stops and joins its threads while everything it reads is still alive. (A leaked,
// still-running server could crash the process after the last test, as exit tears statics down.)
AbServer& ab_server(const std::string& backend) {
  if (backend == "postgres") {
    static AbServer postgres(true);
    return postgres;
  }
  static AbServer sqlite(false);
  return sqlite;
}

AbServer* g_server = nullptr;  // the backend of the test running
AbServer& ab_server() { return *g_server; }

class AbRoutes : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { g_server = &ab_server(GetParam()); }
};

json call(const std::string& method, const std::string& path, const json& body, int status, bool auth = true) {
  auto c = ab_server().server.client();
  auto r = c.request(method, path, body.is_null() ? "" : body.dump(), auth ? kAuth : std::map<std::string, std::string>{});
  EXPECT_EQ(r.status, status) << method << " " << path << ": " << r.body;
  // The documented template: /ab/experiments/{id}/… for a concrete id.
  std::string doc_path = path.substr(0, path.find('?'));
  const std::string prefix = "/ab/experiments/";
  if (doc_path.starts_with(prefix)) {
    const auto end = doc_path.find('/', prefix.size());
    doc_path = prefix + "{id}" + (end == std::string::npos ? "" : doc_path.substr(end));
  }
  EXPECT_THAT(openapi_violations(doc_path, method == "GET" ? "get" : "post", r.status, r.body), ::testing::IsEmpty()) << r.body;
  return json::parse(r.body);
}

std::string path_of(const std::string& id, const std::string& tail = "") { return "/ab/experiments/" + id + tail; }

}  // namespace

TEST_P(AbRoutes, AnExperimentIsCreatedServedFedAndReadOut) {
  const auto& w = service_world();
  // Writes need the key.
  call("POST", "/ab/experiments", {{"name", "x"}, {"ml_traffic_percentage", 50}}, 401, false);
  const json bad = call("POST", "/ab/experiments", {{"name", "x"}, {"arms", {{{"name", "a"}, {"share", 0.7}}}}}, 400);
  EXPECT_EQ(bad["error"]["field"], "arms");

  const json body{{"name", "price test"},
                  {"randomization_unit", "session"},
                  {"games", {w.game_id}},
                  {"arms", {{{"name", "control"}, {"share", 0.5}}, {{"name", "up10"}, {"share", 0.5}, {"multiplier", 1.1}}}}};
  const json created = call("POST", "/ab/experiments", body, 201);
  const std::string id = created["experiment_id"];
  EXPECT_EQ(call("GET", "/ab/experiments?active_only=true", json(), 200)["count"], 1);

  // /score: the arm of the session's hash, recorded in safety.ab_variant; an anonymous request
  // is not in a session experiment.
  const auto store = open_experiment_store(ab_server().location);
  const Experiment e = *store->get(id);
  std::map<std::string, int> served;
  for (int i = 0; i < 40; ++i) {
    const std::string session = "s" + std::to_string(i);
    const json r = call("POST", "/score", score_body({{"entity", {{"sessionId", session}}}}), 200, false);
    EXPECT_EQ(r["safety"]["ab_variant"], assign_arm(e, session).name) << session;
    EXPECT_EQ(r["safety"]["ab_experiment_id"], id);
    ++served[r["safety"]["ab_variant"].get<std::string>()];
    // The arm's multiplier moves the target, never past the constraints.
    const auto c = response_constraints(r);
    const double price = r["price"];
    EXPECT_TRUE(price_bounds(c, w.row.current_price).contains(price)) << price;
  }
  EXPECT_EQ(served.size(), 2u);
  EXPECT_TRUE(call("POST", "/score", score_body(), 200, false)["safety"]["ab_variant"].is_null());

  // Events, sent twice, count once; a bad batch names its field and records nothing.
  json events = json::array();
  for (int i = 0; i < 40; ++i) {
    const std::string s = "s" + std::to_string(i);
    events.push_back({{"event_id", "q" + std::to_string(i)}, {"type", "quote"}, {"unit", s}, {"at", "2026-12-02T10:00:00Z"}, {"price", 100}});
    if (i % 3 == 0)
      events.push_back({{"event_id", "p" + std::to_string(i)}, {"type", "purchase"}, {"unit", s}, {"at", "2026-12-02T10:01:00Z"},
                        {"quantity", 2}, {"revenue", 200}});
  }
  EXPECT_EQ(call("POST", path_of(id, "/events"), {{"events", events}}, 200)["inserted"], events.size());
  EXPECT_EQ(call("POST", path_of(id, "/events"), {{"events", events}}, 200)["duplicates"], events.size());
  const json wrong = call("POST", path_of(id, "/events"),
                          {{"events", {{{"event_id", "z1"}, {"type", "quote"}, {"unit", "s1"}, {"at", "2026-12-02T10:00:00Z"}},
                                       {{"event_id", "z2"}, {"type", "refund"}, {"unit", "s1"}, {"at", "2026-12-02T10:00:00Z"}}}}},
                          400);
  EXPECT_EQ(wrong["error"]["field"], "events[1].type");

  const json results = call("GET", path_of(id, "/results"), json(), 200);
  const long long quotes = results["control"]["count"].get<long long>() + results["up10"]["count"].get<long long>();
  EXPECT_EQ(quotes, 40);  // z1 of the refused batch is not there
  EXPECT_EQ(results["arms"]["control"]["count"], results["control"]["count"]);
  EXPECT_EQ(results["control"]["bookings"].get<long long>() + results["up10"]["bookings"].get<long long>(), 14);
  EXPECT_FALSE(results["comparisons"].empty());

  // Stopped: /score no longer assigns, and it cannot run again.
  EXPECT_EQ(call("POST", path_of(id, "/stop"), json(), 200)["status"], "stopped");
  call("POST", path_of(id, "/start"), json(), 409);
  EXPECT_TRUE(call("POST", "/score", score_body({{"entity", {{"sessionId", "s1"}}}}), 200, false)["safety"]["ab_variant"].is_null());
  call("GET", path_of("nope"), json(), 404);
}

TEST(AbRoutesWithoutStore, AServerWithoutAStoreSaysSo) {
  RunningServer plain(ServerSetup{.options = {.api_key_values = {kKey}}});
  auto r = plain.client().get("/ab/experiments");
  EXPECT_EQ(r.status, 503);
  EXPECT_THAT(r.body, ::testing::HasSubstr("--experiments-db"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AbRoutes, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });
