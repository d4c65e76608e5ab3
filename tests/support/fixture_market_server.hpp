#pragma once
// A marketplace on loopback for the collector's tests (Boost.Beast): 127.0.0.1 on an ephemeral
// port, its own event-loop thread, stopped when the object dies. Each path answers what it is
// told (status, headers, body, a delay, or a sequence of answers such as 503, 503, 200), and
// every request is recorded with its arrival time on the server's steady clock, so tests
// measure the collector's spacing where it matters: at the server. Two instances are two
// "domains" (127.0.0.1:A and 127.0.0.1:B are different authorities).
//
// It also answers absolute-form targets ("GET http://market.invalid/x"), so one instance can
// stand in for an HTTP proxy: the route is the target's path, the full target is recorded.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace seatsync::test {

struct FixtureAnswer {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Content-Type", "application/json"}
  std::string body;
  std::chrono::milliseconds delay{0};  // before the answer is sent
};

struct RecordedRequest {
  std::chrono::steady_clock::time_point at;  // when the request had arrived in full
  std::string target;                        // as sent ("/a?b", or "http://host/a?b" through a proxy)
  std::string path;                          // the route it was matched on: the target's path and query
  std::string user_agent;                    // "" when absent
  std::string host;                          // the Host header
  std::vector<std::pair<std::string, std::string>> headers;  // every header as sent (names as written)
};

class FixtureMarketServer {
 public:
  FixtureMarketServer();  // listening when constructed
  ~FixtureMarketServer();
  FixtureMarketServer(const FixtureMarketServer&) = delete;
  FixtureMarketServer& operator=(const FixtureMarketServer&) = delete;

  unsigned short port() const;
  std::string authority() const;  // "127.0.0.1:PORT"
  std::string base_url() const;   // "http://127.0.0.1:PORT"

  // `path` is matched against the target's path and query first, then its path alone.
  // Unconfigured paths answer 404, so robots.txt is 404 (everything allowed) unless set.
  void set(const std::string& path, FixtureAnswer answer);
  // Answers in order; the last one repeats once the others are used.
  void set_sequence(const std::string& path, std::vector<FixtureAnswer> answers);
  void set_robots(int status, std::string body);
  // A JSON body with Content-Type application/json.
  void set_json(const std::string& path, std::string json);

  std::vector<RecordedRequest> requests() const;
  std::vector<RecordedRequest> requests_to(const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Gaps in seconds between consecutive requests' arrival times (empty for fewer than two).
std::vector<double> arrival_gaps_s(const std::vector<RecordedRequest>& requests);

// A port on 127.0.0.1 that nothing listens on (bound, then closed): connections are refused.
unsigned short closed_port();

}  // namespace seatsync::test
