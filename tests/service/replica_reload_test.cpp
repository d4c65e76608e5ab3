// Replicas sharing a store follow each other's reloads: a reload on one reaches the others
// within a few polls, and a replica never reloads again for its own announcement.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "pg_test_server.hpp"
#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;

namespace {

const std::string kKey = "replica-key-0123456789abcdef";

class ReplicaReload : public ::testing::TestWithParam<std::string> {
 protected:
  std::string location() {
    if (location_.empty()) location_ = GetParam() == "postgres" ? fresh_postgres_database() : (dir_.path() / "shared.db").string();
    return location_;
  }
  ServerSetup replica(std::atomic<int>& builds) {
    ServerSetup s{.options = {.api_key_values = {kKey}}, .before_build = [&builds] { ++builds; }};
    s.options.shared_store = location();
    s.options.reload_poll = std::chrono::milliseconds(50);
    return s;
  }

  TempDir dir_;
  std::string location_;
};

json health(RunningServer& s) { return json::parse(s.client().get("/health").body); }

// Polls (bounded) until `s` follows generation `g`.
bool follows(RunningServer& s, std::int64_t g) {
  for (int i = 0; i < 200; ++i) {
    if (health(s)["reload_generation"] == g) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

TEST_P(ReplicaReload, AReloadOnOneReplicaReachesTheOther) {
  std::atomic<int> builds_a{0}, builds_b{0};
  RunningServer a(replica(builds_a)), b(replica(builds_b));
  ASSERT_EQ(builds_a, 1);
  ASSERT_EQ(builds_b, 1);
  EXPECT_EQ(health(a)["reload_generation"], 0);

  auto r = a.client().request("POST", "/admin/reload", "", {{"authorization", "Bearer " + kKey}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["reload_generation"], 1);
  EXPECT_TRUE(follows(b, 1));
  EXPECT_EQ(builds_b, 2);

  std::string message;
  ASSERT_TRUE(b.server().reload(message)) << message;  // as SIGHUP on b
  EXPECT_TRUE(follows(a, 2));
  // Give the pollers time to (wrongly) reload again for announcements already followed.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(builds_a, 3);  // start, its own reload, b's
  EXPECT_EQ(builds_b, 3);  // start, a's, its own
}

TEST_P(ReplicaReload, AReplicaStartedAfterAReloadDoesNotReloadForIt) {
  std::atomic<int> builds_a{0}, builds_late{0};
  RunningServer a(replica(builds_a));
  std::string message;
  ASSERT_TRUE(a.server().reload(message)) << message;
  RunningServer late(replica(builds_late));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(builds_late, 1);
  EXPECT_EQ(health(late)["reload_generation"], 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReplicaReload, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
