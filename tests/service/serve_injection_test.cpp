// No request field reaches a file path or an SQL string (issue 19 §5): path-traversal and
// SQL-injection payloads in every string field of every body and in every path parameter and
// query value get a 4xx (or, in a free-text field, are stored and read back verbatim), and no
// file outside the server's own is touched.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cctype>

#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "injection-key-0123456789";
const std::map<std::string, std::string> kAuth{{"authorization", "Bearer " + kKey}};

const std::vector<std::string> kPayloads = {
    "../../../../../../etc/passwd", "../sentinel", "..\\..\\sentinel", "/etc/passwd", "sentinel/../../x",
    "models/../../sentinel",        "%2e%2e%2fsentinel", std::string("x\0../sentinel", 13),
    "'; DROP TABLE experiments; --", "\" OR \"1\"=\"1", "1' OR '1'='1", "x'); DELETE FROM experiment_events; --",
    "season_conversion_v1.json",    "*", "%"};

// Percent-encodes every byte but letters and digits: the payload arrives in one path segment.
std::string encoded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) out.push_back(static_cast<char>(c));
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

// Every regular file under `dir` with its size and modification time.
std::map<fs::path, std::pair<std::uintmax_t, fs::file_time_type>> files_under(const fs::path& dir) {
  std::map<fs::path, std::pair<std::uintmax_t, fs::file_time_type>> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[e.path()] = {e.file_size(), e.last_write_time()};
  return out;
}

}  // namespace

TEST(ServeInjection, TraversalAndSqlPayloadsInEveryFieldAndPathParameterTouchNothing) {
  const auto& w = service_world();
  TempDir tmp;
  // The server's registry is a copy inside tmp, beside files a traversal would aim at.
  fs::copy(w.registry_dir, tmp / "models", fs::copy_options::recursive);
  write_file(tmp / "sentinel", "do not touch\n");
  write_file(tmp / "sentinel_conversion_v1.json", "{}\n");
  RunningServer s(ServerSetup{.options = {.api_key_values = {kKey}, .experiments_db = (tmp / "ab.db").string()},
                              .registry = tmp / "models"});
  auto c = s.client();
  const auto created = c.post("/ab/experiments", json{{"name", "x"}, {"ml_traffic_percentage", 50}}.dump(), kAuth);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = json::parse(created.body)["experiment_id"];
  const auto before = files_under(tmp.path());
  std::size_t requests = 0;
  auto expect_refused = [&](const HttpResult& r, const std::string& what) {
    ++requests;
    EXPECT_GE(r.status, 400) << what << ": " << r.body;
    EXPECT_LT(r.status, 500) << what << ": " << r.body;
  };

  for (const auto& p : kPayloads) {
    const std::string e = encoded(p);
    // Path parameters and query values.
    for (const std::string& path : {"/model/metrics/" + e, "/model/metrics/season?model_type=" + e, "/model/health/" + e,
                                    "/ab/experiments/" + e, "/ab/experiments/" + e + "/results"})
      expect_refused(c.get(path), path);
    for (const std::string& path : {"/ab/experiments/" + e + "/start", "/ab/experiments/" + e + "/stop"})
      expect_refused(c.post(path, "", kAuth), path);
    expect_refused(c.post("/ab/experiments/" + e + "/events", json{{"events", json::array()}}.dump(), kAuth), "events " + p);
    const auto list = c.get("/model/list?scope=" + e);  // a filter: nothing matches
    EXPECT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(json::parse(list.body)["count"], 0) << p;

    // Every string field of /score that names something: refused.
    for (const json& patch : {json{{"event", {{"game_id", p}}}}, json{{"event", {{"price_code", p}}}},
                              json{{"event", {{"price_code", nullptr}}}, {"product", {{"type", p}}}},
                              json{{"quote_time", p}}, json{{"stay_date", p}}, json{{"strategy", p}}})
      expect_refused(c.post("/score", score_body(patch).dump()), "/score " + patch.dump());
    const auto batch = c.post("/score/batch", json{{"requests", {score_body({{"event", {{"game_id", p}}}})}}}.dump());
    ASSERT_EQ(batch.status, 200) << batch.body;  // a batch answers each item in its slot
    EXPECT_EQ(json::parse(batch.body)["results"][0]["status"], 404) << batch.body;
    expect_refused(c.post("/plan", json{{"games", {p}}}.dump()), "/plan " + p);
    // Free-text fields: answered, the model of a made-up scope reported unavailable.
    const auto free = c.post("/score", score_body({{"entity", {{"propertyId", p}, {"userId", p}, {"sessionId", p}}},
                                                   {"market", {{"competitors", {{{"price", 50}, {"source", p}}}}}}})
                                           .dump());
    EXPECT_EQ(free.status, 200) << free.body;
    // Stored text: the experiment's name and the events' ids come back exactly as sent.
    const auto named = c.post("/ab/experiments", json{{"name", p}, {"ml_traffic_percentage", 50}}.dump(), kAuth);
    ASSERT_EQ(named.status, 201) << named.body;
    const std::string named_id = json::parse(named.body)["experiment_id"];
    EXPECT_EQ(json::parse(c.get("/ab/experiments/" + named_id).body)["name"], p);
    const json event{{"event_id", p}, {"type", "quote"}, {"unit", p}, {"arm", "ml"}, {"at", "2026-12-01T12:00:00Z"}};
    const auto recorded = c.post("/ab/experiments/" + id + "/events", json{{"events", {event}}}.dump(), kAuth);
    EXPECT_EQ(recorded.status, 200) << recorded.body;
  }
  std::cerr << requests << " refused requests, " << kPayloads.size() << " payloads\n";

  // The tables are all there (the experiments created, each event once), and no file changed
  // but the experiment database's own.
  const json list = json::parse(c.get("/ab/experiments").body);
  EXPECT_EQ(list["count"], 1 + kPayloads.size());
  EXPECT_EQ(c.get("/ab/experiments/" + id + "/results").status, 200);
  auto after = files_under(tmp.path());
  auto expected = before;
  for (auto* m : {&after, &expected})
    std::erase_if(*m, [](const auto& entry) { return entry.first.filename().string().starts_with("ab.db"); });
  EXPECT_EQ(after, expected);
  EXPECT_EQ(read_file(tmp / "sentinel"), "do not touch\n");
}

TEST(ServeInjection, MadeUpNamesAndMethodsDoNotGrowTheServer) {
  RunningServer s;
  auto c = s.client();
  const auto models_in_health = [&] { return json::parse(c.get("/health").body)["models"].size(); };
  const std::size_t before = models_in_health();
  for (int i = 0; i < 400; ++i) {
    const std::string name = "made-up-scope-" + std::to_string(i);
    EXPECT_EQ(c.post("/score", score_body({{"entity", {{"propertyId", name}}}}).dump()).status, 200);
    EXPECT_EQ(c.get("/model/metrics/" + name).status, 404);
    EXPECT_EQ(c.request("FOO" + std::to_string(i), "/score").status, 405);
  }
  // At most 256 missing models are remembered (serving_models.cpp); 800 were asked for.
  EXPECT_LE(models_in_health(), before + 256);
  const std::string metrics = c.get("/metrics").body;
  EXPECT_THAT(metrics, ::testing::Not(::testing::HasSubstr("FOO")));
  EXPECT_THAT(metrics, ::testing::HasSubstr("seatsync_http_requests_total{route=\"/score\",method=\"other\",status=\"405\"} 400"));
}
