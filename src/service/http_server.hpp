#pragma once
// An HTTP/1.1 server on Boost.Asio + Boost.Beast (Debian's libboost-dev): a fixed number of
// threads run an event loop, so a connection costs a few kilobytes, not a thread, and a slow or
// stalled client costs nothing while it waits (docs/service.md "Why not cpp-httplib").
// Requests are read whole (body limit, timeout), handed to the handler, and answered with
// keep-alive. Handlers marked slow (a plan, a reload) run on a separate pool so that the
// event-loop threads keep answering /score meanwhile.
#include <chrono>
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
  std::chrono::milliseconds request_timeout{10000};  // to receive one whole request (or idle keep-alive)
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
