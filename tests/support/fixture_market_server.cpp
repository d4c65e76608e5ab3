#include "fixture_market_server.hpp"

// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility> (C++20 mode).
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <mutex>
#include <thread>

namespace seatsync::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// "http://host:1/a?b" → "/a?b"; an origin-form target is returned unchanged.
std::string target_path(std::string_view target) {
  if (target.starts_with("/")) return std::string(target);
  auto scheme = target.find("://");
  if (scheme == std::string_view::npos) return std::string(target);
  auto slash = target.find('/', scheme + 3);
  return slash == std::string_view::npos ? std::string("/") : std::string(target.substr(slash));
}

}  // namespace

struct FixtureMarketServer::Impl {
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread thread;

  mutable std::mutex mutex;
  struct Route {
    std::vector<FixtureAnswer> answers;
    std::size_t served = 0;
  };
  std::map<std::string, Route> routes;
  std::vector<RecordedRequest> log;

  FixtureAnswer answer_for(const RecordedRequest& request) {
    std::lock_guard lock(mutex);
    auto route = routes.find(request.path);
    if (route == routes.end()) {
      auto query = request.path.find('?');
      if (query != std::string::npos) route = routes.find(request.path.substr(0, query));
    }
    if (route == routes.end() || route->second.answers.empty()) return {404, {}, "not found\n", {}};
    Route& r = route->second;
    const std::size_t i = std::min(r.served, r.answers.size() - 1);
    ++r.served;
    return r.answers[i];
  }

  void record(RecordedRequest request) {
    std::lock_guard lock(mutex);
    log.push_back(std::move(request));
  }

  void accept();
  class Session;
};

// One connection: read a request, record it, answer (after its delay), keep the connection.
class FixtureMarketServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(FixtureMarketServer::Impl& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)), timer_(stream_.get_executor()) {}

  void read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->on_request();
    });
  }

 private:
  void on_request() {
    RecordedRequest recorded;
    recorded.at = std::chrono::steady_clock::now();
    recorded.target = std::string(request_.target());
    recorded.path = target_path(recorded.target);
    if (auto ua = request_.find(http::field::user_agent); ua != request_.end()) recorded.user_agent = std::string(ua->value());
    if (auto host = request_.find(http::field::host); host != request_.end()) recorded.host = std::string(host->value());
    for (const auto& field : request_) recorded.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    FixtureAnswer answer = server_.answer_for(recorded);
    server_.record(std::move(recorded));

    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(answer.status));
    for (const auto& [name, value] : answer.headers) response_.set(name, value);
    response_.body() = std::move(answer.body);
    response_.keep_alive(request_.keep_alive());
    response_.prepare_payload();

    timer_.expires_after(answer.delay);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->close();
      self->write();
    });
  }

  void write() {
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || !self->response_.keep_alive()) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  FixtureMarketServer::Impl& server_;
  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

void FixtureMarketServer::Impl::accept() {
  acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) return;  // the acceptor was closed: the server is stopping
    std::make_shared<Session>(*this, std::move(socket))->read();
    accept();
  });
}

FixtureMarketServer::FixtureMarketServer() : impl_(std::make_unique<Impl>()) {
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->accept();
  impl_->thread = std::thread([impl = impl_.get()] { impl->ioc.run(); });
}

FixtureMarketServer::~FixtureMarketServer() {
  // Stopping the loop abandons open sessions; destroying the io_context (after the join)
  // destroys their handlers and with them the sessions.
  impl_->ioc.stop();
  impl_->thread.join();
}

unsigned short FixtureMarketServer::port() const { return impl_->acceptor.local_endpoint().port(); }
std::string FixtureMarketServer::authority() const { return "127.0.0.1:" + std::to_string(port()); }
std::string FixtureMarketServer::base_url() const { return "http://" + authority(); }

void FixtureMarketServer::set(const std::string& path, FixtureAnswer answer) { set_sequence(path, {std::move(answer)}); }

void FixtureMarketServer::set_sequence(const std::string& path, std::vector<FixtureAnswer> answers) {
  std::lock_guard lock(impl_->mutex);
  impl_->routes[path] = {std::move(answers), 0};
}

void FixtureMarketServer::set_robots(int status, std::string body) {
  set("/robots.txt", {status, {{"Content-Type", "text/plain"}}, std::move(body), {}});
}

void FixtureMarketServer::set_json(const std::string& path, std::string json) {
  set(path, {200, {{"Content-Type", "application/json"}}, std::move(json), {}});
}

std::vector<RecordedRequest> FixtureMarketServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->log;
}

std::vector<RecordedRequest> FixtureMarketServer::requests_to(const std::string& path) const {
  std::vector<RecordedRequest> matching;
  for (auto& request : requests())
    if (request.path == path) matching.push_back(request);
  return matching;
}

std::vector<double> arrival_gaps_s(const std::vector<RecordedRequest>& requests) {
  std::vector<double> gaps;
  for (std::size_t i = 1; i < requests.size(); ++i)
    gaps.push_back(std::chrono::duration<double>(requests[i].at - requests[i - 1].at).count());
  return gaps;
}

unsigned short closed_port() {
  asio::io_context ioc;
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

}  // namespace seatsync::test
