// Slow and stalled clients (slowloris, issue 19 §5): hundreds of connections that send their
// header a byte at a time, stall mid-body, or send nothing do not starve a normal client, and
// the server closes each when its phase's deadline passes — the trickle does not extend it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <thread>

#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The value of a /metrics series line that starts with `series`.
double metric(const std::string& metrics, const std::string& series) {
  const auto at = metrics.find("\n" + series + " ");
  return at == std::string::npos ? -1 : std::stod(metrics.substr(at + series.size() + 2));
}

}  // namespace

TEST(SlowClients, TricklingAndStalledConnectionsStarveNoOneAndAreClosedAtTheirDeadline) {
  using std::chrono::milliseconds;
  constexpr int kEach = 100;  // connections of each kind (x3, and both ends in this process: 600 descriptors)
  const milliseconds header(2000), body(2000), idle(3000);
  RunningServer s(ServerSetup{.options = {.idle_timeout = idle, .header_timeout = header, .body_timeout = body}});
  const auto start = Clock::now();
  std::vector<std::unique_ptr<RawConnection>> trickling, mid_body, silent;
  for (int i = 0; i < kEach; ++i) {
    trickling.push_back(std::make_unique<RawConnection>(s.port()));
    trickling.back()->send("P");  // the header has begun: its deadline runs
    mid_body.push_back(std::make_unique<RawConnection>(s.port()));
    mid_body.back()->send("POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"event\":");
    silent.push_back(std::make_unique<RawConnection>(s.port()));
  }
  // The rest of a header, a byte every 50 ms per connection: 20 s for the whole, far past its deadline.
  std::atomic<bool> trickle{true};
  std::thread trickler([&] {
    const std::string rest = "OST /score HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(400, 'p') + "\r\n\r\n";
    for (std::size_t i = 0; trickle && i < rest.size(); ++i) {
      for (auto& c : trickling) c->send(std::string(1, rest[i]));
      std::this_thread::sleep_for(milliseconds(50));
    }
  });

  // A normal client meanwhile, while all of them are open (until just before the first
  // deadline): every answer a 200, none waiting on the slow ones.
  auto c = s.client();
  std::vector<double> latency;
  while (seconds_since(start) < 1.5) {
    const auto t = Clock::now();
    EXPECT_EQ(c.post("/score", score_body().dump()).status, 200);
    latency.push_back(seconds_since(t));
  }
  std::sort(latency.begin(), latency.end());
  std::cerr << latency.size() << " normal requests beside " << 3 * kEach << " slow connections: p50 "
            << latency[latency.size() / 2] * 1e3 << " ms, p99 " << latency[latency.size() * 99 / 100] * 1e3
            << " ms, max " << latency.back() * 1e3 << " ms\n";
  // Far below any deadline: a normal request never waited for a slow client's timeout.
  EXPECT_LT(latency.back(), 1.0);

  // Each kind is closed at its deadline (plus the slack of a loaded machine), not later.
  auto closed_within = [&](std::vector<std::unique_ptr<RawConnection>>& conns, milliseconds deadline, const char* kind) {
    double first = 1e9, last = 0;
    for (auto& conn : conns) {
      bool closed = false;
      conn->read_until_closed(static_cast<int>(deadline.count()) + 10000, closed);
      EXPECT_TRUE(closed) << kind;
      first = std::min(first, seconds_since(start));
      last = std::max(last, seconds_since(start));
    }
    std::cerr << kind << ": " << conns.size() << " closed by the server, " << first << " to " << last
              << " s after the start (deadline " << deadline.count() / 1000.0 << " s)\n";
    EXPECT_LT(last, deadline.count() / 1000.0 + 8) << kind;
  };
  closed_within(trickling, header, "header a byte at a time");
  closed_within(mid_body, body, "stalled mid-body");
  closed_within(silent, idle, "silent after connecting");
  trickle = false;
  trickler.join();

  const std::string metrics = c.get("/metrics").body;
  EXPECT_GE(metric(metrics, "seatsync_http_timeouts_total{phase=\"header\"}"), kEach) << metrics;
  EXPECT_GE(metric(metrics, "seatsync_http_timeouts_total{phase=\"body\"}"), kEach);
  EXPECT_GE(metric(metrics, "seatsync_http_timeouts_total{phase=\"idle\"}"), kEach);
}

TEST(SlowClients, PastMaxConnectionsNewClientsWaitAndAreServedOnceOneCloses) {
  RunningServer s(ServerSetup{.options = {.idle_timeout = std::chrono::milliseconds(1500), .max_connections = 8}});
  // Eight idle connections take every slot; a ninth client's request waits in the backlog.
  std::vector<std::unique_ptr<RawConnection>> holders;
  for (int i = 0; i < 8; ++i) holders.push_back(std::make_unique<RawConnection>(s.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto t = Clock::now();
  const HttpReply r = http_request(s.port(), "GET", "/health");
  const double waited = seconds_since(t);
  EXPECT_EQ(r.status, 200) << r.body;  // answered once the idle holders were cut, never refused
  EXPECT_GT(waited, 0.5);             // it did wait for a slot
  std::cerr << "the ninth client waited " << waited << " s for a slot\n";
  const std::string metrics = s.client().get("/metrics").body;
  EXPECT_GE(metric(metrics, "seatsync_http_accept_paused_total"), 1) << metrics;
  EXPECT_EQ(metric(metrics, "seatsync_http_connections_max"), 8);
}
