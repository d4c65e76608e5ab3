// Bad bodies on every route that takes one (issue 19 §5): oversized (declared and actual),
// truncated, and malformed (not JSON, wrong types, deep nesting, huge numbers, invalid UTF-8)
// get a 4xx with a JSON error body; never a 5xx, never a crash.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;

namespace {

const std::string kKey = "bad-bodies-key-0123456789";
const std::map<std::string, std::string> kAuth{{"authorization", "Bearer " + kKey}};

struct BodyServer {
  TempDir dir;
  RunningServer server{ServerSetup{.options = {.api_key_values = {kKey}, .experiments_db = (dir / "ab.db").string()}}};
  std::string experiment;  // an experiment's id, so that its /events route reads the body
  BodyServer() {
    auto c = server.client();
    const auto r = c.post("/ab/experiments", json{{"name", "bodies"}, {"ml_traffic_percentage", 50}}.dump(), kAuth);
    if (r.status != 201) throw std::runtime_error("cannot create an experiment: " + r.body);
    experiment = json::parse(r.body)["experiment_id"];
  }
};
BodyServer& body_server() {
  static BodyServer s;
  return s;
}

// Every route with a body, with what its limit is.
struct BodyRoute {
  std::string path;
  std::size_t limit;
};
std::vector<BodyRoute> body_routes() {
  const std::string events = "/ab/experiments/" + body_server().experiment + "/events";
  return {{"/score", 64 * 1024}, {"/score/batch", 1024 * 1024}, {"/plan", 64 * 1024}, {"/ab/experiments", 64 * 1024},
          {events, 64 * 1024}};
}

// A 4xx whose body is {"error": {"code": …}}.
void expect_json_4xx(const HttpResult& r, const std::string& what) {
  EXPECT_GE(r.status, 400) << what << ": " << r.body.substr(0, 300);
  EXPECT_LT(r.status, 500) << what << ": " << r.body.substr(0, 300);
  const json body = json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("error")) << what << ": " << r.body.substr(0, 300);
  EXPECT_TRUE(body["error"]["code"].is_string()) << what << ": " << r.body.substr(0, 300);
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST(ServeBadBodies, MalformedBodiesGetA4xxWithAJsonErrorOnEveryRoute) {
  auto& s = body_server();
  const std::vector<std::string> malformed = {
      "not json", "{", "[1, 2", "\"a string\"", "123", "null", "{\"a\": NaN}", "{\"a\": 1e400}", "{\"a\": -1e999}",
      "{\"event\": \"\xff\xfe\"}",                                           // invalid UTF-8
      "{\"event\": {\"game_id\": \"\xc3\x28\"}}",                            // an invalid 2-byte sequence
      "{\"a\": " + nested(33) + "}", "{\"event\": " + nested(40) + "}", nested(30000),  // deep nesting
      "{\"requests\": " + nested(200000) + "}", std::string("{\"a\":\"") + '\0' + "\"}"};
  auto c = s.server.client();
  for (const auto& route : body_routes())
    for (const auto& body : malformed) {
      if (body.size() > route.limit) continue;
      expect_json_4xx(c.post(route.path, body, kAuth), route.path + " <- " + body.substr(0, 40));
    }
  EXPECT_EQ(c.get("/health").status, 200);
}

TEST(ServeBadBodies, WrongTypesAndHugeNumbersNameTheirField) {
  auto& s = body_server();
  auto c = s.server.client();
  const std::string events = "/ab/experiments/" + s.experiment + "/events";
  const std::vector<std::pair<std::string, json>> cases = {
      {"/score", score_body({{"event", "S1-G1"}})},
      {"/score", score_body({{"event", {{"game_id", 12}}}})},
      {"/score", score_body({{"quote_time", json::array()}})},
      {"/score", score_body({{"inventory", {{"capacity", "many"}}}})},
      {"/score", score_body({{"inventory", {{"remaining", 1e300}}}})},
      {"/score", score_body({{"inventory", {{"remaining", -5}}}})},
      {"/score", score_body({{"inventory", {{"capacity", 123456789012345678901234567890.0}}}})},
      {"/score", score_body({{"market", {{"competitors", {{{"price", "cheap"}}}}}}})},
      {"/score", score_body({{"market", {{"competitors", {{{"price", 10}, {"quantity", 1e20}}}}}}})},
      {"/score", score_body({{"toggles", {{"use_ml", "yes"}}}})},
      {"/score", score_body({{"strategy", 7}})},
      {"/score/batch", {{"requests", "all"}}},
      {"/score/batch", {{"requests", json::object()}}},
      {"/score/batch", {{"requests", json::array({score_body()}).dump()}}},
      {"/plan", {{"games", "S1-G1"}}},
      {"/plan", {{"games", {1, 2}}}},
      {"/plan", json::array()},
      {"/ab/experiments", {{"name", 5}}},
      {"/ab/experiments", {{"arms", "two"}}},
      {"/ab/experiments", {{"ml_traffic_percentage", "half"}}},
      {"/ab/experiments", {{"ml_traffic_percentage", 1e300}}},
      {events, {{"events", "some"}}},
      {events, {{"events", {1}}}},
      {events, {{"events", {{{"event_id", 5}}}}}},
      {events, {{"events", {{{"quantity", "two"}}}}}},
      {events, {{"events", {{{"quantity", 1e300}}}}}},
      {events, {{"events", {{{"event_id", "e1"}, {"type", "purchase"}, {"quantity", 1}, {"revenue", 1.7e308}, {"price", 1e308}}}}}},
  };
  for (const auto& [path, body] : cases) {
    const auto r = c.post(path, body.dump(), kAuth);
    expect_json_4xx(r, path + " <- " + body.dump().substr(0, 80));
  }
  EXPECT_EQ(c.get("/health").status, 200);
}

TEST(ServeBadBodies, OversizedBodiesGet413DeclaredOrSentChunked) {
  auto& s = body_server();
  for (const auto& route : body_routes()) {
    {  // declared: refused from the header, before any of the body is read
      RawConnection big(s.server.port());
      big.send("POST " + route.path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kKey +
               "\r\nContent-Length: " + std::to_string(route.limit + 1) + "\r\n\r\n");
      bool closed = false;
      const std::string answer = big.read_until_closed(10000, closed);
      EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 413")) << route.path;
      EXPECT_THAT(answer, ::testing::HasSubstr("\"body_too_large\"")) << route.path;
      EXPECT_TRUE(closed) << route.path;
    }
    {  // actual: chunked, no length given, the limit passed mid-stream
      RawConnection big(s.server.port());
      big.send("POST " + route.path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kKey +
               "\r\nTransfer-Encoding: chunked\r\n\r\n");
      const std::string chunk(16 * 1024, ' ');
      char size[16];
      std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
      for (std::size_t sent = 0; sent <= route.limit; sent += chunk.size()) big.send(size + chunk + "\r\n");
      bool closed = false;
      EXPECT_THAT(big.read_until_closed(10000, closed), ::testing::StartsWith("HTTP/1.1 413")) << route.path;
      EXPECT_TRUE(closed) << route.path;
    }
  }
  EXPECT_EQ(s.server.client().get("/health").status, 200);
}

TEST(ServeBadBodies, ATruncatedBodyGets400AndTheConnectionCloses) {
  auto& s = body_server();
  for (const auto& route : body_routes()) {
    RawConnection cut(s.server.port());
    cut.send("POST " + route.path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kKey +
             "\r\nContent-Length: 1000\r\n\r\n{\"event\": {\"game_id\"");
    cut.finish_sending();  // the rest never comes
    bool closed = false;
    const std::string answer = cut.read_until_closed(10000, closed);
    EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 400")) << route.path;
    EXPECT_THAT(answer, ::testing::HasSubstr("\"truncated\"")) << route.path;
    EXPECT_TRUE(closed) << route.path;
  }
  EXPECT_EQ(s.server.client().get("/health").status, 200);
}
