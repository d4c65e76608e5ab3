// The service's small parts: request targets, routing, API keys, metrics exposition.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/api_key_file.hpp"
#include "service/api_keys.hpp"
#include "service/http_message.hpp"
#include "service/router.hpp"
#include "service/service_metrics.hpp"
#include "test_support.hpp"

using namespace seatsync::service;
using ::testing::HasSubstr;

TEST(HttpTarget, SplitsAndDecodesPathAndQuery) {
  std::string path;
  std::map<std::string, std::string> q;
  ASSERT_TRUE(parse_target("/model/metrics/a%20b?model_type=demand&x=1+2&flag", path, q));
  EXPECT_EQ(path, "/model/metrics/a b");
  EXPECT_EQ(q["model_type"], "demand");
  EXPECT_EQ(q["x"], "1 2");
  EXPECT_EQ(q.count("flag"), 1u);
  EXPECT_FALSE(parse_target("/bad%zz", path, q));
  EXPECT_FALSE(parse_target("/bad%2", path, q));
}

TEST(Router, MatchesPatternsAndListsAllowedMethods) {
  Router r;
  r.add({"GET", "/model/metrics/{scope}", false, false, {}});
  r.add({"POST", "/score", false, false, {}});
  auto m = r.match("GET", "/model/metrics/season");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["scope"], "season");
  EXPECT_EQ(r.match("GET", "/model/metrics/").route, nullptr);
  EXPECT_EQ(r.match("GET", "/model/metrics/a/b").route, nullptr);
  auto wrong = r.match("GET", "/score");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allow, std::vector<std::string>{"POST"});
  EXPECT_TRUE(r.match("GET", "/nothing").allow.empty());
}

TEST(ApiKeys, AcceptOnlyListedBearerKeys) {
  seatsync::test::TempDir dir;
  seatsync::test::write_file(dir / "keys", "# service keys\n\nfirst-key-0123456789\n  second-key-0123456789  \n");
  const auto keys = ApiKeys::load(dir / "keys");
  EXPECT_EQ(keys.size(), 2u);
  EXPECT_TRUE(keys.allows("Bearer first-key-0123456789"));
  EXPECT_TRUE(keys.allows("Bearer second-key-0123456789"));
  EXPECT_FALSE(keys.allows("Bearer first-key-012345678"));
  EXPECT_FALSE(keys.allows("first-key-0123456789"));
  EXPECT_FALSE(keys.allows("Bearer "));
  EXPECT_FALSE(ApiKeys().allows("Bearer first-key-0123456789"));
  seatsync::test::write_file(dir / "short", "ok\n");
  EXPECT_THROW(
      {
        try {
          ApiKeys::load(dir / "short");
        } catch (const std::runtime_error& e) {
          EXPECT_THAT(e.what(), HasSubstr("short:1:"));
          throw;
        }
      },
      std::runtime_error);
}

TEST(ServiceMetrics, RendersCumulativeHistogramsAndEscapedLabels) {
  ServiceMetrics m;
  m.request("/score", "POST", 200, 3e-5);
  m.request("/score", "POST", 200, 2e-3);
  m.request("/x\"y", "GET", 404, 20);  // beyond the last bucket: only +Inf
  const auto text = m.render(1.5);
  EXPECT_THAT(text, HasSubstr("seatsync_http_requests_total{route=\"/score\",method=\"POST\",status=\"200\"} 2"));
  EXPECT_THAT(text, HasSubstr("seatsync_http_request_duration_seconds_bucket{route=\"/score\",le=\"2.5e-05\"} 0"));
  EXPECT_THAT(text, HasSubstr("seatsync_http_request_duration_seconds_bucket{route=\"/score\",le=\"5e-05\"} 1"));
  EXPECT_THAT(text, HasSubstr("seatsync_http_request_duration_seconds_bucket{route=\"/score\",le=\"+Inf\"} 2"));
  EXPECT_THAT(text, HasSubstr("route=\"/x\\\"y\",le=\"10\"} 0"));
  EXPECT_THAT(text, HasSubstr("seatsync_snapshot_age_seconds 1.5"));
}

TEST(ApiKeys, StoredLinesAreDigestsAndADigestIsNoKey) {
  const std::string key = seatsync::new_api_key();
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(seatsync::new_api_key(), key);
  const std::string line = seatsync::api_key_line(key);
  EXPECT_THAT(line, ::testing::MatchesRegex("sha256:[0-9a-f]{64}"));
  EXPECT_THAT(line, ::testing::Not(HasSubstr(key)));
  EXPECT_THROW(seatsync::api_key_line("short"), std::invalid_argument);

  seatsync::test::TempDir dir;
  seatsync::test::write_file(dir / "keys", "# hashed, then one from before\n" + line + "\nlegacy-key-0123456789\n");
  const auto keys = ApiKeys::load(dir / "keys");
  EXPECT_EQ(keys.size(), 2u);
  EXPECT_TRUE(keys.allows("Bearer " + key));
  EXPECT_TRUE(keys.allows("Bearer legacy-key-0123456789"));
  // Whoever reads the file holds digests, which are not keys.
  EXPECT_FALSE(keys.allows("Bearer " + line));
  EXPECT_FALSE(keys.allows("Bearer " + line.substr(7)));
  std::string last_differs = key;
  last_differs.back() = last_differs.back() == '0' ? '1' : '0';
  EXPECT_FALSE(keys.allows("Bearer " + last_differs));

  // A bad line is named by its number; the message never quotes what is on it.
  for (const std::string& bad : std::vector<std::string>{"sha256:not-hex-at-all", "sha256:" + std::string(63, 'a'), "two words-0123456789"}) {
    seatsync::test::write_file(dir / "bad", "# x\n" + bad + "\n");
    try {
      ApiKeys::load(dir / "bad");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_THAT(e.what(), HasSubstr("bad:2:"));
      EXPECT_THAT(e.what(), ::testing::Not(HasSubstr(bad.substr(bad.size() - 8))));
    }
  }
}

TEST(ApiKeys, TheMatchingKeyIsFoundWhereverItIsAmongMany) {
  // allows() hashes the presented key and compares it with every digest without an early exit
  // (api_keys.cpp); here: the match is found in any position, and a near miss nowhere.
  std::vector<std::string> many;
  for (int i = 0; i < 50; ++i) many.push_back("service-key-" + std::to_string(1000 + i) + "-abcdef");
  const auto keys = ApiKeys::from_keys(many);
  for (const auto& k : many) EXPECT_TRUE(keys.allows("Bearer " + k)) << k;
  EXPECT_FALSE(keys.allows("Bearer service-key-1000-abcde"));
  EXPECT_FALSE(keys.allows("Bearer service-key-1000-abcdefg"));
  EXPECT_FALSE(keys.allows("bearer service-key-1000-abcdef"));
}
