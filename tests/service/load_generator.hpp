#pragma once
// A loopback HTTP/1.1 load generator for the stress tests: one thread, at most `connections`
// keep-alive connections. Closed loop (rate 0: every connection sends its next request as soon
// as the answer is in, i.e. saturation) or open loop (requests arrive at `rate` per second
// whatever the server does; an arrival that finds every connection busy waits in a bounded
// queue, and its latency counts that wait). Bounded in time: it stops by itself.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace seatsync::test {

struct LoadOptions {
  unsigned short port = 0;
  std::vector<std::string> requests;  // whole HTTP requests, sent in turn
  double rate = 0;                    // arrivals per second; 0 = closed loop
  std::size_t connections = 64;
  std::size_t queue_limit = 4096;  // open loop: arrivals waiting for a connection at most (more are "unsent")
  std::chrono::milliseconds duration{10000};
  std::chrono::milliseconds response_timeout{30000};  // no full answer by then: a timeout, the connection closed
};

struct LoadResult {
  double seconds = 0;           // from the first arrival to the last answer
  double offering_seconds = 0;  // the time requests arrived in (the duration asked for)
  std::uint64_t offered = 0, unsent = 0, sent = 0, answered = 0;  // offered: open loop only
  std::uint64_t waiting_at_end = 0;  // open loop: arrivals still queued for a connection when time was up
  std::uint64_t status_2xx = 0, status_4xx = 0, status_5xx = 0, status_other = 0;
  std::uint64_t connect_errors = 0, transport_errors = 0, timeouts = 0;  // requests lost to each
  std::uint64_t connections_opened = 0;
  std::vector<double> latency;   // seconds, arrival (open loop: the wait for a connection too) to answer
  std::vector<double> in_flight;  // seconds, request sent to answer
  double answered_per_second() const { return seconds > 0 ? static_cast<double>(answered) / seconds : 0; }
  static double percentile(const std::vector<double>& seconds, double p);
  std::string summary() const;  // one line: counts, rates, p50/p99/max of both latencies
};

LoadResult run_load(const LoadOptions& options);

// POST `target` with a JSON body, keep-alive (or Connection: close), as one string.
std::string http_post(const std::string& target, const std::string& body, bool close = false);

}  // namespace seatsync::test
