#include "load_generator.hpp"

#include <utility>  // before Asio (docs/service.md: Boost 1.74's awaitable.hpp needs it)

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <deque>
#include <fmt/format.h>
#include <memory>
#include <optional>

namespace seatsync::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

class Generator {
 public:
  explicit Generator(const LoadOptions& o) : o_(o), tick_(io_) {}

  LoadResult run() {
    start_ = Clock::now();
    end_ = start_ + o_.duration;
    if (o_.rate <= 0)
      for (std::size_t i = 0; i < o_.connections; ++i) arrive();
    else
      tick();
    io_.run();
    r_.seconds = std::chrono::duration<double>(last_answer_ - start_).count();
    r_.offering_seconds = std::chrono::duration<double>(o_.duration).count();
    r_.waiting_at_end = waiting_.size();
    return std::move(r_);
  }

 private:
  struct Conn {
    explicit Conn(asio::io_context& io) : stream(io) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    std::optional<http::response_parser<http::string_body>> parser;
    Clock::time_point since, sent;  // arrival (open loop; = sent in closed loop), sent
  };

  bool running() const { return Clock::now() < end_; }

  // Open loop: every millisecond, the arrivals due by now.
  void tick() {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    if (!running()) return;
    const auto due = static_cast<std::uint64_t>(elapsed * o_.rate);
    while (r_.offered < due) arrive();
    tick_.expires_after(std::chrono::milliseconds(1));
    tick_.async_wait([this](beast::error_code ec) {
      if (!ec) tick();
    });
  }

  void arrive() {
    if (o_.rate > 0) ++r_.offered;
    const auto now = Clock::now();
    if (!idle_.empty()) {
      auto c = idle_.back();
      idle_.pop_back();
      return send(c, now);
    }
    if (open_ < o_.connections) return connect(now);
    if (waiting_.size() < o_.queue_limit) return waiting_.push_back(now);
    ++r_.unsent;
  }

  void connect(Clock::time_point since) {
    ++open_;
    ++r_.connections_opened;
    auto c = std::make_shared<Conn>(io_);
    c->stream.expires_after(o_.response_timeout);
    c->stream.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), o_.port),
                            [this, c, since](beast::error_code ec) {
                              if (ec) {
                                ++r_.connect_errors;
                                return drop(c);
                              }
                              beast::error_code ignored;
                              c->stream.socket().set_option(tcp::no_delay(true), ignored);
                              send(c, since);
                            });
  }

  void send(const std::shared_ptr<Conn>& c, Clock::time_point since) {
    c->sent = Clock::now();
    c->since = o_.rate > 0 ? since : c->sent;
    ++r_.sent;
    const std::string& req = o_.requests[next_++ % o_.requests.size()];
    c->stream.expires_after(o_.response_timeout);
    asio::async_write(c->stream, asio::buffer(req), [this, c](beast::error_code ec, std::size_t) {
      if (ec) return fail(c, ec);
      c->parser.emplace();
      c->parser->body_limit(16 * 1024 * 1024);
      http::async_read(c->stream, c->buffer, *c->parser, [this, c](beast::error_code e, std::size_t) {
        if (e) return fail(c, e);
        answered(c);
      });
    });
  }

  void fail(const std::shared_ptr<Conn>& c, beast::error_code ec) {
    ++(ec == beast::error::timeout ? r_.timeouts : r_.transport_errors);
    drop(c);
  }

  void answered(const std::shared_ptr<Conn>& c) {
    last_answer_ = Clock::now();
    ++r_.answered;
    r_.latency.push_back(std::chrono::duration<double>(last_answer_ - c->since).count());
    r_.in_flight.push_back(std::chrono::duration<double>(last_answer_ - c->sent).count());
    const int s = c->parser->get().result_int();
    ++(s >= 200 && s < 300 ? r_.status_2xx : s >= 400 && s < 500 ? r_.status_4xx : s >= 500 ? r_.status_5xx : r_.status_other);
    const bool keep = c->parser->get().keep_alive();
    if (!keep) return drop(c);
    next_work(c);
  }

  // A connection free again: the next waiting arrival, the next request (closed loop), or idle.
  void next_work(const std::shared_ptr<Conn>& c) {
    if (!running()) return close(c);
    if (!waiting_.empty()) {
      const auto since = waiting_.front();
      waiting_.pop_front();
      return send(c, since);
    }
    if (o_.rate <= 0) return send(c, Clock::now());
    idle_.push_back(c);
  }

  // A connection gone (closed by the server, or failed): one replaces it when there is work.
  void drop(const std::shared_ptr<Conn>& c) {
    close(c);
    --open_;
    if (!running()) return;
    if (!waiting_.empty()) {
      const auto since = waiting_.front();
      waiting_.pop_front();
      connect(since);
    } else if (o_.rate <= 0) {
      connect(Clock::now());
    }
  }

  void close(const std::shared_ptr<Conn>& c) {
    beast::error_code ignored;
    c->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    c->stream.close();
    if (!running()) {
      // Idle connections hold no pending operation: once the run ends they are closed here.
      for (auto& i : idle_) i->stream.close();
      idle_.clear();
      tick_.cancel();
    }
  }

  const LoadOptions& o_;
  asio::io_context io_{1};
  asio::steady_timer tick_;
  Clock::time_point start_, end_, last_answer_;
  std::size_t open_ = 0, next_ = 0;
  std::vector<std::shared_ptr<Conn>> idle_;
  std::deque<Clock::time_point> waiting_;
  LoadResult r_;
};

}  // namespace

double LoadResult::percentile(const std::vector<double>& seconds, double p) {
  if (seconds.empty()) return 0;
  std::vector<double> sorted = seconds;
  const auto k = static_cast<std::size_t>(std::min<double>(sorted.size() - 1, p / 100 * static_cast<double>(sorted.size())));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
  return sorted[k];
}

std::string LoadResult::summary() const {
  const std::string offer = offered ? fmt::format("offered {} ({:.0f}/s), not sent: {} (queue full) + {} (queued at the end); ",
                                                   offered, static_cast<double>(offered) / offering_seconds, unsent, waiting_at_end)
                                     : std::string("closed loop; ");
  auto ms = [](const std::vector<double>& v) {
    return fmt::format("p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms", percentile(v, 50) * 1e3, percentile(v, 99) * 1e3,
                       percentile(v, 100) * 1e3);
  };
  return fmt::format(
      "{}sent {}, answered {} in {:.1f} s ({:.0f}/s): 2xx {}, 4xx {}, 5xx {}, other {}; connect errors {}, transport "
      "errors {}, timeouts {}; {} connections; latency from arrival {}; in flight {}",
      offer, sent, answered, seconds, answered_per_second(), status_2xx, status_4xx, status_5xx, status_other,
      connect_errors, transport_errors, timeouts, connections_opened, ms(latency), ms(in_flight));
}

LoadResult run_load(const LoadOptions& options) { return Generator(options).run(); }

std::string http_post(const std::string& target, const std::string& body, bool close) {
  return fmt::format("POST {} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}\r\n{}",
                     target, body.size(), close ? "Connection: close\r\n" : "", body);
}

}  // namespace seatsync::test
