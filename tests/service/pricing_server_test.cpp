// The pricing service's routes on a real server on a loopback port: answers, error codes,
// auth, limits, and every response checked against the OpenAPI document it serves.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

const std::string kKey = "test-key-0123456789abcdef";

// Destroyed before service_world() at exit (built after it): see ab_routes_test.cpp.
RunningServer& shared_server() {
  static RunningServer s(ServerSetup{.options = {.api_key_values = {kKey}}});
  return s;
}

// Posts, checks the status and the OpenAPI schema of the answer, returns the JSON.
json post_ok(const std::string& path, const json& body, int status = 200) {
  auto c = shared_server().client();
  auto r = c.post(path, body.dump());
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_THAT(openapi_violations(path, "post", r.status, r.body), ::testing::IsEmpty()) << r.body;
  return json::parse(r.body);
}

}  // namespace

TEST(PricingServer, ScoreAnswersSeed003sFieldsWithinTheConstraints) {
  const auto r = post_ok("/score", score_body());
  const auto& w = service_world();
  for (const char* key : {"price", "price_grid", "conf_band", "expected", "reasons", "safety"}) EXPECT_TRUE(r.contains(key)) << key;
  EXPECT_EQ(r["safety"]["pricing_method"], "dp_policy");
  EXPECT_EQ(r["strategy"], "revenue");
  EXPECT_EQ(r["inventory"]["remaining"], w.row.remaining);
  EXPECT_DOUBLE_EQ(r["safety"]["price_in_force"].get<double>(), w.row.current_price);
  const double price = r["price"];
  const auto c = response_constraints(r);
  EXPECT_TRUE(price_bounds(c, w.row.current_price).contains(price));
  EXPECT_DOUBLE_EQ(enforce_price(price, c, w.row.current_price), price);  // on the rounding grid
  EXPECT_LE(r["conf_band"]["lower"].get<double>(), price);
  EXPECT_GE(r["conf_band"]["upper"].get<double>(), price);
  EXPECT_THAT(r["price_grid"].get<std::vector<double>>(), ::testing::Contains(price));
  // The conversion model registered for the season is loaded and used.
  ASSERT_TRUE(r["safety"]["ml_conversion_prob"].is_number());
  EXPECT_GE(r["safety"]["ml_conversion_prob"].get<double>(), 0.0);
  EXPECT_LE(r["safety"]["ml_conversion_prob"].get<double>(), 1.0);
}

TEST(PricingServer, ThePriceIsThePlannersPolicyAtTheActualState) {
  const auto& w = service_world();
  const auto snap = PricingSnapshot::build(w.data, {w.as_of, std::nullopt, {}, {}});
  const auto* policy = snap->policy(w.row.game, w.row.code);
  ASSERT_NE(policy, nullptr);
  const std::size_t bucket = *w.data.params.bucket_index(w.data.games[w.row.game].date - w.as_of);
  for (int remaining : {1, w.row.remaining / 2 + 1, w.row.remaining}) {
    const auto r = post_ok("/score", score_body({{"inventory", {{"remaining", remaining}}}, {"market", {{"competitors", json::array()}}}}));
    EXPECT_DOUBLE_EQ(r["price"].get<double>(), policy->price(bucket, remaining, w.row.current_price)) << remaining;
  }
}

TEST(PricingServer, StrategiesExplainThemselves) {
  const json market{{"competitors", {{{"price", 100.0}, {"source", "seatgeek"}, {"quantity", 2}},
                                     {{"price", 120.0}, {"source", "seatgeek"}, {"quantity", 2}}}}};
  auto competitive = post_ok("/score", score_body({{"strategy", "competitive"}, {"market", market}}));
  EXPECT_EQ(competitive["safety"]["competitor_data"]["p50"], 100.0);
  EXPECT_EQ(competitive["safety"]["competitor_data"]["count"], 2);
  EXPECT_THAT(competitive["reasons"].dump(), HasSubstr("market median $100.00"));
  auto psych = post_ok("/score", score_body({{"strategy", "psychological"}}));
  const double p = psych["price"];
  const int cents = static_cast<int>(std::lround(p * 100)) % 100;
  EXPECT_TRUE(cents == 99 || cents == 95 || cents == 0) << p;
  EXPECT_EQ(psych["safety"]["rounding"], "charm");
  auto timed = post_ok("/score", score_body({{"strategy", "time_based"}}));
  EXPECT_EQ(timed["safety"]["pricing_method"], "time_based");
  EXPECT_THAT(timed["reasons"].dump(), HasSubstr("days out"));
  auto rule = post_ok("/score", score_body({{"strategy", "rule_based"}}));
  EXPECT_EQ(rule["safety"]["pricing_method"], "ml_elasticity");  // the conversion model is there
  auto off = post_ok("/score", score_body({{"toggles", {{"use_ml", false}}}}));
  EXPECT_EQ(off["safety"]["pricing_method"], "rule_based");
  EXPECT_TRUE(off["safety"]["ml_conversion_prob"].is_null());
  EXPECT_THAT(off["reasons"].dump(), HasSubstr("use_ml = false"));
}

TEST(PricingServer, ASoldOutCodeKeepsItsPrice) {
  const auto r = post_ok("/score", score_body({{"inventory", {{"remaining", 0}}}}));
  EXPECT_EQ(r["safety"]["pricing_method"], "sold_out");
  EXPECT_DOUBLE_EQ(r["price"].get<double>(), enforce_price(service_world().row.current_price, response_constraints(r),
                                                           service_world().row.current_price));
}

TEST(PricingServer, BadInputGets4xxNamingTheField) {
  auto c = shared_server().client();
  struct Case {
    std::string body;
    int status;
    std::string code, field;
  };
  const std::vector<Case> cases = {
      {"{not json", 400, "malformed_json", "body"},
      {"[]", 400, "invalid_field", "body"},
      {score_body({{"event", {{"game_id", nullptr}}}}).dump(), 400, "invalid_field", "event.game_id"},
      {score_body({{"event", {{"game_id", 7}}}}).dump(), 400, "invalid_field", "event.game_id"},
      {score_body({{"quote_time", nullptr}}).dump(), 400, "invalid_field", "quote_time"},
      {score_body({{"quote_time", "yesterday"}}).dump(), 400, "invalid_field", "quote_time"},
      {score_body({{"quote_time", "2999-01-01T00:00:00Z"}}).dump(), 400, "invalid_field", "quote_time"},
      {score_body({{"inventory", {{"remaining", -1}}}}).dump(), 400, "invalid_field", "inventory.remaining"},
      {score_body({{"inventory", {{"remaining", 2.5}}}}).dump(), 400, "invalid_field", "inventory.remaining"},
      {score_body({{"inventory", {{"capacity", 1}, {"remaining", 5}}}}).dump(), 400, "invalid_field", "inventory.remaining"},
      {score_body({{"market", {{"competitors", {{{"price", -5}}}}}}}).dump(), 400, "invalid_field", "market.competitors[0].price"},
      {score_body({{"toggles", {{"use_ml", "yes"}}}}).dump(), 400, "invalid_field", "toggles.use_ml"},
      {score_body({{"strategy", "magic"}}).dump(), 400, "invalid_field", "strategy"},
      {score_body({{"stay_date", "2001-01-01"}}).dump(), 400, "invalid_field", "stay_date"},
      {score_body({{"event", {{"game_id", "NO-SUCH-GAME"}}}}).dump(), 404, "not_found", "event.game_id"},
      {score_body({{"event", {{"price_code", "ZZZ"}}}}).dump(), 404, "not_found", "event.price_code"},
  };
  for (const auto& k : cases) {
    auto r = c.post("/score", k.body);
    ASSERT_EQ(r.status, k.status) << k.body << " -> " << r.body;
    const auto e = json::parse(r.body);
    EXPECT_EQ(e["error"]["code"], k.code) << r.body;
    EXPECT_EQ(e["error"]["field"], k.field) << r.body;
    EXPECT_THAT(openapi_violations("/score", "post", r.status, r.body), ::testing::IsEmpty());
  }
}

TEST(PricingServer, UnknownFieldsAreIgnoredAndProductTypeNamesTheCode) {
  auto body = score_body({{"unexpected", {{"x", 1}}}, {"entity", {{"userId", "u1"}}}});
  body["event"].erase("price_code");
  body["product"] = {{"type", service_world().code}, {"refundable", false}};
  const auto r = post_ok("/score", body);
  EXPECT_EQ(r["price_code"], service_world().code);
}

TEST(PricingServer, RoutesMethodsAndLimits) {
  auto c = shared_server().client();
  auto wrong = c.get("/score");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers["allow"], "POST");
  EXPECT_EQ(c.get("/no/such/route").status, 404);
  auto big = c.post("/score", std::string(65 * 1024, ' '));
  EXPECT_EQ(big.status, 413) << big.body;
  EXPECT_EQ(json::parse(big.body)["error"]["code"], "body_too_large");
  EXPECT_EQ(c.get("/health").status, 200);  // a new connection after the 413 closed the old one
}

TEST(PricingServer, BatchAnswersEachRequestInItsSlot) {
  json requests = json::array();
  for (int i = 0; i < 50; ++i) requests.push_back(score_body({{"inventory", {{"remaining", 1 + i % 3}}}}));
  requests[7] = score_body({{"event", {{"game_id", "NOPE"}}}});
  const auto r = post_ok("/score/batch", {{"requests", requests}});
  EXPECT_EQ(r["count"], 50);
  EXPECT_EQ(r["errors"], 1);
  EXPECT_EQ(r["results"][7]["status"], 404);
  EXPECT_EQ(r["results"][7]["error"]["field"], "requests[7].event.game_id");
  EXPECT_TRUE(r["results"][8]["price"].is_number());
  json too_many = json::array();
  for (int i = 0; i < 1001; ++i) too_many.push_back(json::object());
  const auto e = post_ok("/score/batch", {{"requests", too_many}}, 400);
  EXPECT_EQ(e["error"]["field"], "requests");
}

TEST(PricingServer, PlanFollowsThePlanContract) {
  const auto& w = service_world();
  const auto r = post_ok("/plan", {{"games", {w.game_id}}});
  ASSERT_EQ(r["games"].size(), 1u);
  EXPECT_EQ(r["games"][0]["game_id"], w.game_id);
  EXPECT_EQ(r["as_of"], w.as_of.str());
  const auto e = post_ok("/plan", {{"games", {"NOPE"}}}, 404);
  EXPECT_EQ(e["error"]["field"], "games[0]");
}

TEST(PricingServer, WritesNeedABearerKey) {
  auto c = shared_server().client();
  auto none = c.post("/admin/reload", "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.headers["www-authenticate"], "Bearer");
  EXPECT_EQ(c.post("/admin/reload", "", {{"Authorization", "Bearer wrong-key-0123456789"}}).status, 401);
  EXPECT_EQ(c.post("/admin/reload", "", {{"Authorization", kKey}}).status, 401);  // no "Bearer "
  auto ok = c.post("/admin/reload", "", {{"Authorization", "Bearer " + kKey}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_THAT(openapi_violations("/admin/reload", "post", ok.status, ok.body), ::testing::IsEmpty());
  EXPECT_THAT(openapi_violations("/admin/reload", "post", none.status, none.body), ::testing::IsEmpty());
}

TEST(PricingServer, HealthModelsMetricsAndOpenApi) {
  auto c = shared_server().client();
  for (const char* path : {"/health", "/model/registry", "/model/list?scope=season", "/model/metrics/season?model_type=conversion"}) {
    auto r = c.get(path);
    ASSERT_EQ(r.status, 200) << path << r.body;
    std::string route = path;
    route = route.substr(0, route.find('?'));
    if (route == "/model/metrics/season") route = "/model/metrics/{scope}";
    EXPECT_THAT(openapi_violations(route, "get", 200, r.body), ::testing::IsEmpty()) << path;
  }
  const auto metrics = json::parse(c.get("/model/metrics/season?model_type=conversion").body);
  EXPECT_EQ(metrics["num_trees"], 20);
  EXPECT_EQ(metrics["checksum"].get<std::string>().size(), 64u);
  EXPECT_FALSE(metrics["feature_importance"].empty());
  const auto list = json::parse(c.get("/model/list?scope=season").body);
  EXPECT_EQ(list["count"], 1);
  EXPECT_EQ(c.get("/model/metrics/season?model_type=demand").status, 404);
  EXPECT_EQ(c.get("/model/list?scope=other").status, 200);

  c.post("/score", score_body().dump());
  auto text = c.get("/metrics");
  EXPECT_THAT(text.headers["content-type"], HasSubstr("text/plain"));
  EXPECT_THAT(text.body, HasSubstr("seatsync_http_requests_total{route=\"/score\",method=\"POST\",status=\"200\"}"));
  EXPECT_THAT(text.body, HasSubstr("seatsync_http_request_duration_seconds_bucket{route=\"/score\",le=\"1e-05\"}"));
  EXPECT_THAT(text.body, HasSubstr("seatsync_scores_total{pricing_method=\"dp_policy\",strategy=\"revenue\"}"));
  EXPECT_THAT(text.body, HasSubstr("seatsync_model_loads_total{type=\"conversion\",result=\"loaded\"} "));
  EXPECT_THAT(text.body, HasSubstr("seatsync_snapshot_age_seconds"));
  const auto doc = json::parse(c.get("/openapi.json").body);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  for (const char* route : {"/score", "/score/batch", "/plan", "/health", "/metrics", "/openapi.json", "/admin/reload",
                            "/model/metrics/{scope}", "/model/registry", "/model/list"})
    EXPECT_TRUE(doc["paths"].contains(route)) << route;
}

TEST(PricingServer, HealthIs503UntilLoaded) {
  std::promise<void> release;
  auto released = release.get_future().share();
  RunningServer s(ServerSetup{.before_build = [released] { released.wait(); }, .load = false});
  std::thread loader([&] { s.server().load(); });
  auto c = s.client();
  auto loading = c.get("/health");
  EXPECT_EQ(loading.status, 503);
  EXPECT_THAT(openapi_violations("/health", "get", 503, loading.body), ::testing::IsEmpty());
  EXPECT_EQ(c.post("/score", score_body().dump()).status, 503);
  release.set_value();
  loader.join();
  EXPECT_EQ(c.get("/health").status, 200);
}

TEST(PricingServer, AMissingOrCorruptModelFallsBackToTheRuleAndSaysSo) {
  TempDir copy;
  std::filesystem::copy(service_world().registry_dir, copy.path() / "models", std::filesystem::copy_options::recursive);
  for (const auto& f : std::filesystem::directory_iterator(copy.path() / "models")) {
    const auto name = f.path().filename().string();
    if (name.find("_conversion_v") != std::string::npos && name.find(".meta.") == std::string::npos) {
      std::string bytes = read_file(f.path());
      bytes[bytes.size() / 2] ^= 1;
      write_file(f.path(), bytes);
    }
  }
  RunningServer s(ServerSetup{.registry = copy.path() / "models"});
  auto c = s.client();
  const auto r = json::parse(c.post("/score", score_body({{"strategy", "rule_based"}}).dump()).body);
  EXPECT_EQ(r["safety"]["pricing_method"], "rule_based");
  EXPECT_TRUE(r["safety"]["ml_conversion_prob"].is_null());
  EXPECT_THAT(r["reasons"].dump(), HasSubstr("checksum"));
  const auto health = json::parse(c.get("/health").body);
  EXPECT_EQ(health["models"][0]["status"], "integrity_error");
  EXPECT_EQ(c.get("/model/metrics/season?model_type=conversion").status, 409);

  RunningServer bare(ServerSetup{.no_registry = true});
  auto b = json::parse(bare.client().post("/score", score_body({{"strategy", "rule_based"}}).dump()).body);
  EXPECT_EQ(b["safety"]["pricing_method"], "rule_based");
  EXPECT_THAT(b["reasons"].dump(), HasSubstr("no model registry"));
}

// Found by fuzz_registry's reading: a `latest` pointer that is not JSON used to throw out of the
// first /score that needed the model. Now the model is unloadable and the rule answers.
TEST(PricingServer, ACorruptLatestPointerMakesTheModelUnloadableNotTheRequestFail) {
  TempDir copy;
  std::filesystem::copy(service_world().registry_dir, copy.path() / "models", std::filesystem::copy_options::recursive);
  write_file(copy.path() / "models" / "season_conversion_latest.json", "{\"version\": ");
  RunningServer s(ServerSetup{.registry = copy.path() / "models"});
  auto c = s.client();
  const auto r = c.post("/score", score_body({{"strategy", "rule_based"}}).dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["safety"]["pricing_method"], "rule_based");
  const auto health = json::parse(c.get("/health").body);
  EXPECT_EQ(health["models"][0]["status"], "integrity_error");
  EXPECT_THAT(health["models"][0]["message"].dump(), HasSubstr("season_conversion_latest.json is not valid JSON"));
}

// The monitor's report over HTTP, and as gauges once it has been computed for the snapshot.
TEST(PricingServer, ModelHealthOfAScopeAndItsGauges) {
  RunningServer s;
  auto c = s.client();
  auto r = c.get("/model/health/season");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(openapi_violations("/model/health/{scope}", "get", 200, r.body), ::testing::IsEmpty());
  const auto health = json::parse(r.body);
  EXPECT_EQ(health["scope"], "season");
  ASSERT_EQ(health["models"].size(), 1u);
  EXPECT_EQ(health["models"][0]["type"], "conversion");
  EXPECT_EQ(health["thresholds"]["min_auc"], 0.75);
  EXPECT_EQ(health["healthy"], health["alerts"] == 0);
  auto missing = c.get("/model/health/other");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body)["error"]["field"], "scope");
  EXPECT_THAT(openapi_violations("/model/health/{scope}", "get", 404, missing.body), ::testing::IsEmpty());
  const auto metrics = c.get("/metrics").body;
  EXPECT_THAT(metrics, HasSubstr("seatsync_model_alerts{scope=\"season\",type=\"conversion\"} "));
  EXPECT_THAT(metrics, HasSubstr("seatsync_model_new_rows{scope=\"season\",type=\"conversion\"} "));

  // Without a registry there is nothing to report on.
  RunningServer bare(ServerSetup{.no_registry = true});
  EXPECT_EQ(bare.client().get("/model/health/season").status, 404);
}

// fuzz_service: a model scope of arbitrary bytes was kept as sent and listed in /health, whose
// answer then failed to serialise (invalid UTF-8) on every later call: a 500 for everyone.
TEST(PricingServer, AModelNameOfArbitraryBytesDoesNotBreakHealth) {
  RunningServer s;
  auto c = s.client();
  EXPECT_EQ(c.get("/model/metrics/sc%FBope?model_type=conversion").status / 100, 4);
  const auto health = c.get("/health");
  ASSERT_EQ(health.status, 200) << health.body;
  EXPECT_THAT(health.body, HasSubstr("sc?ope"));
}
