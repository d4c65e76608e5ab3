#pragma once
// An HTTP/1.1 server on Boost.Asio + Boost.Beast (Debian's libboost-dev): a fixed number of
// threads run an event loop, so a connection costs a few kilobytes, not a thread, and a slow or
// stalled client costs nothing while it waits (docs/service.md "Why not cpp-httplib").
// Requests are read whole (body limit, timeouts), handed to the handler, and answered with
// keep-alive. Handlers marked slow (a plan, a reload) run on a separate pool so that the
// event-loop threads keep answering /score meanwhile. Connections are bounded: at the limit the
// server stops accepting, and new clients wait in the kernel's listen backlog until one closes
// (queueing, never an error answer).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http_message.hpp"

namespace seatsync::service {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = any free port (see HttpServer::port)
  int threads = 2;             // event-loop threads
  int slow_threads = 2;        // threads for handlers marked slow
  std::size_t body_limit = 64 * 1024;           // larger bodies get 413
  // A route's own limit (e.g. a batch), by the request's path; unset = body_limit everywhere.
  std::function<std::size_t(const std::string& path)> body_limit_for;
  std::size_t header_limit = 16 * 1024;         // larger headers get 431
  // Each phase of an exchange has its own deadline, set once at the start of the phase, so a
  // client trickling a byte at a time does not extend it (slowloris).
  std::chrono::milliseconds idle_timeout{30000};    // waiting for the first byte of a request
  std::chrono::milliseconds header_timeout{5000};   // from that byte to the end of the header
  std::chrono::milliseconds body_timeout{10000};    // from the end of the header to the end of the body
  std::chrono::milliseconds write_timeout{10000};   // to send an answer (a client that reads nothing)
  std::size_t max_connections = 4096;               // open at once; beyond it, new ones wait to be accepted
};

// What the server counts about its connections (read by /metrics).
struct HttpServerCounters {
  std::size_t open_connections = 0, max_connections = 0;
  std::uint64_t accepted = 0;
  std::uint64_t accept_paused = 0;  // times accepting stopped because max_connections were open
  std::uint64_t accept_errors = 0;  // failed accepts (e.g. out of file descriptors), retried after a pause
  std::uint64_t timeouts_idle = 0, timeouts_header = 0, timeouts_body = 0, timeouts_write = 0;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;
using SlowPredicate = std::function<bool(const HttpRequest&)>;
// Told about every exchange the server answered itself (400, 413, 431) or that a handler answered.
using ExchangeObserver = std::function<void(const HttpRequest&, int status, double seconds)>;

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandler handler, SlowPredicate slow = {}, ExchangeObserver observe = {});
  ~HttpServer();  // stops (draining) if still running
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens (std::runtime_error naming the address on failure), then serves on the
  // threads until stop().
  void start();
  unsigned short port() const;  // the bound port (useful with port 0)
  HttpServerCounters counters() const;
  // Stops accepting, lets every request already received finish and be answered (closing the
  // connection after it), closes idle connections, and returns when all is done or after
  // `drain` (then the rest is cut).
  void stop(std::chrono::milliseconds drain = std::chrono::milliseconds(10000));
  // Blocks until stop() has finished.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seatsync::service
