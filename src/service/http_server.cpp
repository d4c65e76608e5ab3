// The HTTP server: Boost.Beast sessions on an Asio event loop. Each connection reads one
// request at a time (header first, so a body over the limit is refused before it is read and
// `Expect: 100-continue` is honoured), answers it, and keeps the connection for the next. Every
// phase (idle, header, body, answer) has its own deadline, and the number of connections is
// bounded by pausing accept().
#include "http_server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace seatsync::service {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

HttpResponse plain_error(int status, const std::string& code, const std::string& message) {
  std::string body = R"({"error":{"code":")" + code + R"(","message":")" + message + R"(","field":null}})";
  return {status, "application/json", std::move(body), {}};
}

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  HttpHandler handler;
  SlowPredicate slow;
  ExchangeObserver observe;
  // One event loop per thread, each run by that thread alone: a connection lives on one loop,
  // so its handlers need no strand and no lock, and no loop wakes another thread. The acceptor
  // lives on the first and deals new connections out in turn.
  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::size_t next_loop = 0;
  // Keeps every loop running while it has no connection yet; released by stop().
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> idle_guards;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::thread_pool> slow_pool;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  bool started = false, stopped = false;
  std::mutex state_mutex;
  std::condition_variable state_cv;
  int running = 0;  // event-loop threads still in run()

  class Session;
  std::mutex sessions_mutex;
  std::list<std::weak_ptr<Session>> sessions;

  // Sessions alive, and whether accept() stopped at max_connections (see accept()).
  std::atomic<std::size_t> open{0};
  std::atomic<bool> accept_paused{false};
  std::optional<asio::steady_timer> accept_retry;
  struct Counts {
    std::atomic<std::uint64_t> accepted{0}, paused{0}, errors{0}, idle{0}, header{0}, body{0}, write{0};
  } counts;

  void accept();
  void session_closed();
};

class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {}

  void start() {
    std::lock_guard lock(server_.sessions_mutex);
    self_in_list_ = server_.sessions.insert(server_.sessions.end(), weak_from_this());
  }
  ~Session() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.erase(self_in_list_);
    }
    server_.session_closed();
  }
  auto executor() { return stream_.get_executor(); }

  void read() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(server_.options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    idle_ = true;
    phase_ = Phase::idle;
    if (buffer_.size() > 0) return read_header();  // a pipelined request has begun already
    // The idle deadline lasts until the first byte; then the header has its own, shorter one.
    stream_.expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
  }

  // Called on this session's strand when the server stops: an idle connection is closed now, a
  // busy one after its answer.
  void on_stop() {
    if (idle_) beast::get_lowest_layer(stream_).cancel();
  }

 private:
  enum class Phase { idle, header, body, handler, write };

  void on_first_bytes(beast::error_code ec, std::size_t n) {
    if (ec) return on_failed_read(ec);
    buffer_.commit(n);
    read_header();
  }

  void read_header() {
    phase_ = Phase::header;
    stream_.expires_after(server_.options.header_timeout);  // once: a trickling client does not extend it
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_failed_read(ec);
    idle_ = false;
    const auto& req = parser_->get();
    std::size_t limit = server_.options.body_limit;
    if (server_.options.body_limit_for) {
      const std::string target(req.target());
      limit = server_.options.body_limit_for(target.substr(0, target.find('?')));
    }
    parser_->body_limit(limit);  // before any body octet is parsed
    if (parser_->content_length() && *parser_->content_length() > limit)
      return answer_now(413, "body_too_large", "the request body exceeds the limit");
    phase_ = Phase::body;
    stream_.expires_after(server_.options.body_timeout);
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, req.version());
      http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
        if (e) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_failed_read(beast::error_code ec) {
    if (ec == beast::error::timeout) {
      ++(phase_ == Phase::idle ? server_.counts.idle : phase_ == Phase::header ? server_.counts.header : server_.counts.body);
      return close();
    }
    if (ec == http::error::body_limit) return answer_now(413, "body_too_large", "the request body exceeds the limit");
    if (ec == http::error::header_limit) return answer_now(431, "headers_too_large", "the request headers are too large");
    // The client stopped sending mid-request (a Content-Length longer than what came): it may
    // still read, so it is told.
    if (ec == http::error::partial_message)
      return answer_now(400, "truncated", "the connection ended before the whole request was received");
    // A parse error is the client's fault and gets an answer; end of stream, a timeout (a
    // stalled client), a reset or our own cancel just close.
    if (ec.category() == http::make_error_code(http::error::body_limit).category() && ec != http::error::end_of_stream &&
        ec != http::error::partial_message)
      return answer_now(400, "bad_request", "malformed HTTP request");
    close();
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return on_failed_read(ec);
    received_ = Clock::now();
    auto req = parser_->release();
    request_ = HttpRequest{};
    request_.method = std::string(req.method_string());
    if (!parse_target(std::string(req.target()), request_.path, request_.query))
      return answer_now(400, "bad_request", "malformed request target");
    for (const auto& field : req) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      request_.headers[name] = std::string(field.value());
    }
    request_.body = std::move(req.body());
    keep_alive_ = req.keep_alive();
    version_ = req.version();
    phase_ = Phase::handler;
    stream_.expires_never();  // the handler's time is not the client's
    if (server_.slow && server_.slow(request_)) {
      // Off the event loop; the work guard keeps the loop alive until the answer is posted back.
      auto guard = asio::make_work_guard(stream_.get_executor());
      asio::post(*server_.slow_pool, [self = shared_from_this(), guard]() mutable {
        HttpResponse r = self->call_handler();
        asio::post(self->executor(), [self, r = std::move(r), guard]() mutable { self->write(std::move(r)); });
      });
      return;
    }
    write(call_handler());
  }

  HttpResponse call_handler() {
    try {
      return server_.handler(request_);
    } catch (...) {  // a bug, never bad input: answered, and the process goes on
      return plain_error(500, "internal", "internal error");
    }
  }

  // An answer the server makes itself; the connection closes after it (the rest of the stream
  // cannot be trusted to be at a request boundary).
  void answer_now(int status, const std::string& code, const std::string& message) {
    received_ = Clock::now();
    keep_alive_ = false;
    if (request_.method.empty() && parser_) request_.method = std::string(parser_->get().method_string());
    write(plain_error(status, code, message));
  }

  void write(HttpResponse r) {
    status_ = r.status;
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status),
                                                                   version_ ? version_ : 11);
    res->set(http::field::server, "seatsync");
    res->set(http::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res->set(k, v);
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive_ && !server_.stopping);
    res->prepare_payload();
    phase_ = Phase::write;
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      self->on_write(ec, res->keep_alive());
    });
  }

  void on_write(beast::error_code ec, bool keep) {
    if (server_.observe)
      server_.observe(request_, status_, std::chrono::duration<double>(Clock::now() - received_).count());
    if (ec == beast::error::timeout) ++server_.counts.write;
    if (ec) return close();
    if (!keep) return linger_close();
    read();
  }

  // Closing a socket with unread bytes (the rest of a refused body) makes the kernel send a
  // reset, which can destroy the answer before the client reads it. So: stop sending, read and
  // discard what the client still sends for up to a second, then close.
  void linger_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(1));  // once: a trickling client does not extend it
    discard_ = std::make_shared<std::array<char, 4096>>();
    discard();
  }
  void discard() {
    stream_.async_read_some(asio::buffer(*discard_), [self = shared_from_this()](beast::error_code e, std::size_t) {
      if (e) return self->close();
      self->discard();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<std::array<char, 4096>> discard_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
  int status_ = 0;
  bool idle_ = true;
  Phase phase_ = Phase::idle;
  Clock::time_point received_;
  std::list<std::weak_ptr<Session>>::iterator self_in_list_;
};

// Runs on loops[0]. At max_connections it stops: clients then wait in the kernel's listen
// backlog (their connect succeeds, their request waits) until a session ends and
// session_closed() starts it again. Bounded memory and descriptors, and no error answer.
void HttpServer::Impl::accept() {
  if (stopping || !acceptor->is_open()) return;
  if (open >= options.max_connections) {
    accept_paused = true;
    ++counts.paused;
    // A session may have ended between the check and the flag without seeing the flag: look
    // again, and resume unless a session_closed() took the flag (it then resumes).
    if (open >= options.max_connections || !accept_paused.exchange(false)) return;
  }
  auto& loop = *loops[next_loop++ % loops.size()];
  acceptor->async_accept(loop, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space || ec == asio::error::no_memory ||
        ec.value() == ENFILE) {
      // Accepting again at once would fail again at once, spinning a core: wait a little.
      ++counts.errors;
      accept_retry->expires_after(std::chrono::milliseconds(100));
      accept_retry->async_wait([this](beast::error_code e) {
        if (!e) accept();
      });
      return;
    }
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);  // answers are small: do not wait to coalesce them
      ++open;
      ++counts.accepted;
      auto session = std::make_shared<Session>(*this, std::move(socket));
      session->start();
      asio::dispatch(session->executor(), [session] { session->read(); });
    } else {
      ++counts.errors;  // the client gave up before it was accepted: nothing to wait for
    }
    accept();
  });
}

// Called by every session's destructor, on any thread.
void HttpServer::Impl::session_closed() {
  --open;
  if (accept_paused && !stopping)
    asio::post(*loops[0], [this] {
      if (accept_paused.exchange(false)) accept();
    });
}

HttpServer::HttpServer(HttpServerOptions options, HttpHandler handler, SlowPredicate slow, ExchangeObserver observe)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  impl_->slow = std::move(slow);
  impl_->observe = std::move(observe);
}

HttpServer::~HttpServer() {
  if (impl_->started) stop();
}

void HttpServer::start() {
  auto& s = *impl_;
  beast::error_code ec;
  const auto address = asio::ip::make_address(s.options.host, ec);
  if (ec) throw std::runtime_error("--host: '" + s.options.host + "' is not an IP address");
  const tcp::endpoint endpoint(address, s.options.port);
  auto fail = [&](const char* what) {
    throw std::runtime_error(std::string("cannot ") + what + " " + s.options.host + ":" +
                             std::to_string(s.options.port) + ": " + ec.message());
  };
  const int threads = std::max(1, s.options.threads);
  for (int i = 0; i < threads; ++i) {
    s.loops.push_back(std::make_unique<asio::io_context>(1));
    s.idle_guards.push_back(asio::make_work_guard(*s.loops.back()));
  }
  s.acceptor.emplace(*s.loops[0]);
  s.accept_retry.emplace(*s.loops[0]);
  s.acceptor->open(endpoint.protocol(), ec);
  if (ec) fail("open");
  s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  s.acceptor->bind(endpoint, ec);
  if (ec) fail("bind");
  s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail("listen on");
  s.slow_pool.emplace(static_cast<std::size_t>(std::max(1, s.options.slow_threads)));
  s.accept();
  s.started = true;
  s.running = threads;
  for (int i = 0; i < threads; ++i)
    s.threads.emplace_back([&s, i] {
      s.loops[static_cast<std::size_t>(i)]->run();
      std::lock_guard lock(s.state_mutex);
      --s.running;
      s.state_cv.notify_all();
    });
}

unsigned short HttpServer::port() const { return impl_->acceptor->local_endpoint().port(); }

HttpServerCounters HttpServer::counters() const {
  const auto& s = *impl_;
  return {s.open, s.options.max_connections, s.counts.accepted, s.counts.paused, s.counts.errors,
          s.counts.idle,  s.counts.header,          s.counts.body,     s.counts.write};
}

void HttpServer::stop(std::chrono::milliseconds drain) {
  auto& s = *impl_;
  {
    std::lock_guard lock(s.state_mutex);
    if (!s.started || s.stopped) return;
    s.stopped = true;
  }
  s.stopping = true;
  asio::post(*s.loops[0], [&s] {
    beast::error_code ignored;
    s.acceptor->close(ignored);
    s.accept_retry->cancel();
  });
  // Collected under the lock, told outside it: the last reference to a session may be dropped
  // here, and its destructor takes the same lock.
  std::vector<std::shared_ptr<Impl::Session>> open;
  {
    std::lock_guard lock(s.sessions_mutex);
    for (auto& weak : s.sessions)
      if (auto session = weak.lock()) open.push_back(std::move(session));
  }
  for (auto& session : open) asio::post(session->executor(), [session] { session->on_stop(); });
  open.clear();
  for (auto& guard : s.idle_guards) guard.reset();  // each loop ends once its connections have
  {
    std::unique_lock lock(s.state_mutex);
    if (!s.state_cv.wait_for(lock, drain, [&] { return s.running == 0; }))
      for (auto& loop : s.loops) loop->stop();  // the drain ran out
  }
  for (auto& t : s.threads) t.join();
  s.slow_pool->stop();
  s.slow_pool->join();
  s.state_cv.notify_all();
}

void HttpServer::wait() {
  auto& s = *impl_;
  std::unique_lock lock(s.state_mutex);
  s.state_cv.wait(lock, [&] { return s.stopped && s.running == 0; });
}

}  // namespace seatsync::service
