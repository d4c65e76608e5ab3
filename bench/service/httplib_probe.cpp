// How far cpp-httplib 0.11 (Debian's) goes under wrk before any pricing is done: POST /score
// answers a constant seed-003-sized JSON body. If a constant answer cannot reach the service's
// goal at 64 connections, the library is the limit (docs/service.md, docs/BENCHMARKS.md).
// Usage: httplib_probe PORT THREADS KEEPALIVE_MAX   (defaults of the library: 8 threads, 5)
#include <httplib.h>

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: httplib_probe PORT THREADS KEEPALIVE_MAX\n";
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::size_t threads = std::strtoul(argv[2], nullptr, 10);
  const std::size_t keep_alive = std::strtoul(argv[3], nullptr, 10);
  const std::string body =
      R"({"price":195.0,"price_grid":[195.0,209.0,218.0,223.0,239.0,255.0],"conf_band":{"lower":195.0,"upper":223.0},)"
      R"("expected":{"occ_end_bucket":0.57,"occ_now":0.375},"reasons":["Revenue-maximising DP policy: $195.00"],)"
      R"("safety":{"pricing_method":"dp_policy","ml_conversion_prob":null,"occupancy_rate":0.375,"lead_days":6,)"
      R"("competitor_data":{"p10":180.0,"p50":180.0,"p90":180.0,"count":1,"source":"seatgeek"},"ab_variant":null}})";
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);  // without it ~300 req/s (../shared/DEPENDENCIES.md)
  server.set_keep_alive_max_count(keep_alive);
  server.Post("/score", [&](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); });
  server.Get("/health", [](const httplib::Request&, httplib::Response& res) { res.set_content("{}", "application/json"); });
  return server.listen("127.0.0.1", port) ? 0 : 1;
}
