// The server under load, on loopback, bounded in count: every price inside its constraints
// across random situations from 8 client threads, reloads with no failed request, stalled
// clients that starve no one, and a stop that drains what was received.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <random>
#include <thread>

#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;

namespace {

const std::string kKey = "load-test-key-0123456789";

// The game is played before the quote for some random days: those are 400s, anything else 200.
void expect_valid_price(const json& request, const seatsync::test::HttpResult& r) {
  if (r.status == 400) {
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "quote_time") << r.body;
    return;
  }
  ASSERT_EQ(r.status, 200) << request.dump() << " -> " << r.body;
  const auto res = json::parse(r.body);
  const double price = res["price"];
  const auto& in_force = res["safety"]["price_in_force"];
  const std::optional<double> previous = in_force.is_null() ? std::nullopt : std::optional(in_force.get<double>());
  const auto c = response_constraints(res);
  ASSERT_TRUE(std::isfinite(price) && price >= 0) << r.body;
  EXPECT_GE(price, c.floor - 1e-9) << r.body;
  if (c.ceiling) EXPECT_LE(price, *c.ceiling + 1e-9) << r.body;
  EXPECT_TRUE(price_bounds(c, previous).contains(price)) << r.body;
  EXPECT_DOUBLE_EQ(enforce_price(price, c, previous), price) << r.body;
  for (double p : res["price_grid"].get<std::vector<double>>()) EXPECT_TRUE(price_bounds(c, previous).contains(p)) << r.body;
}

}  // namespace

TEST(ServerLoad, EightClientsTimesAThousandRequestsEveryPriceInsideItsConstraints) {
  RunningServer s;
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t)
    clients.emplace_back([&, t] {
      std::mt19937 rng(1000 + t);
      auto c = s.client();
      for (int i = 0; i < 1000; ++i) {
        const json body = random_score_request(rng);
        expect_valid_price(body, c.post("/score", body.dump()));
        ++answered;
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(answered, 8000);
}

TEST(ServerLoad, ReloadUnderLoadFailsNoRequest) {
  RunningServer s(ServerSetup{.options = {.threads = 2, .api_key_values = {kKey}}});
  std::atomic<bool> done{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t)
    clients.emplace_back([&] {
      auto c = s.client();
      while (!done) (c.post("/score", score_body().dump()).status == 200 ? ok : failed)++;
    });
  auto admin = s.client();
  const double age_before = json::parse(admin.get("/health").body)["snapshot_age_seconds"];
  for (int i = 0; i < 3; ++i) {
    auto r = admin.post("/admin/reload", "", {{"Authorization", "Bearer " + kKey}});
    EXPECT_EQ(r.status, 200) << r.body;
  }
  done = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(ok, 0);
  EXPECT_LT(json::parse(admin.get("/health").body)["snapshot_age_seconds"].get<double>(), age_before + 60);
  EXPECT_THAT(admin.get("/metrics").body, ::testing::HasSubstr("seatsync_reloads_total{result=\"ok\"} 3"));
}

TEST(ServerLoad, StalledClientsStarveNoOneAndAreCutAtTheTimeout) {
  RunningServer s(ServerSetup{.options = {.header_timeout = std::chrono::milliseconds(300), .body_timeout = std::chrono::milliseconds(300)}});
  std::vector<std::unique_ptr<RawConnection>> stalled;
  for (int i = 0; i < 100; ++i) {
    stalled.push_back(std::make_unique<RawConnection>(s.port()));
    stalled.back()->send("POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"event\":");  // and nothing more
  }
  auto c = s.client();
  for (int i = 0; i < 50; ++i) EXPECT_EQ(c.post("/score", score_body().dump()).status, 200);
  for (auto& conn : stalled) {
    bool closed = false;
    conn->read_until_closed(10000, closed);  // the server cuts it after 300 ms
    EXPECT_TRUE(closed);
  }
}

TEST(ServerLoad, AMalformedRequestLineGets400AndAnUnfinishedHeaderIsCut) {
  RunningServer s(ServerSetup{.options = {.header_timeout = std::chrono::milliseconds(300), .body_timeout = std::chrono::milliseconds(300)}});
  RawConnection garbage(s.port());
  garbage.send("THIS IS NOT HTTP\r\n\r\n");
  bool closed = false;
  EXPECT_THAT(garbage.read_until_closed(10000, closed), ::testing::StartsWith("HTTP/1.1 400"));
  EXPECT_TRUE(closed);
  RawConnection slow(s.port());
  slow.send("GET /health HTTP/1.1\r\nHost:");
  EXPECT_EQ(slow.read_until_closed(10000, closed), "");
  EXPECT_TRUE(closed);
}

TEST(ServerLoad, AnOversizedBodyGets413EvenWhileTheClientKeepsSending) {
  RunningServer s;
  RawConnection big(s.port());
  big.send("POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n");
  big.send(std::string(256 * 1024, 'x'));  // the server answers after the header, and must not reset
  bool closed = false;
  EXPECT_THAT(big.read_until_closed(10000, closed), ::testing::StartsWith("HTTP/1.1 413"));
  EXPECT_TRUE(closed);
}

TEST(ServerLoad, StopDrainsARequestInFlight) {
  // The second snapshot build (a reload) waits until released, so the reload is surely in
  // flight when stop() is called; it must still be answered.
  std::atomic<int> builds{0};
  std::promise<void> entered, release;
  auto released = release.get_future().share();
  RunningServer s(ServerSetup{.options = {.api_key_values = {kKey}}, .before_build = [&, released] {
                                if (++builds == 2) {
                                  entered.set_value();
                                  released.wait();
                                }
                              }});
  auto reload = std::async(std::launch::async, [port = s.port()] {
    HttpClient c(port);
    return c.post("/admin/reload", "", {{"Authorization", "Bearer " + kKey}});
  });
  entered.get_future().wait();
  auto stopping = std::async(std::launch::async, [&] { s.server().stop(); });
  EXPECT_EQ(stopping.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);  // draining
  release.set_value();
  const auto r = reload.get();
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("connection"), "close");
  stopping.get();
}
