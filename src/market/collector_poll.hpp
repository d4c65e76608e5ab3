#pragma once
// The collector's insides, shared by collector.cpp (scheduling a poll) and collector_answers.cpp
// (what each answer does): what lives across polls, and one poll's pages, hosts and scheduler.
#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>

#include "poll_report.hpp"
#include "proxy_pool.hpp"
#include "robots_cache.hpp"
#include "seatsync/collector.hpp"
#include "seatsync/http_fetch.hpp"
#include "seatsync/listing_extract.hpp"
#include "seatsync/market_stats.hpp"
#include "seatsync/rate_limit.hpp"
#include "seatsync/retry_policy.hpp"
#include "seatsync/robots_txt.hpp"

namespace seatsync {

using SteadyClock = std::chrono::steady_clock;

struct Collector::State {
  SourcesFile sources;
  std::string product_token;
  RetryPolicy retry;
  HttpFetcher fetcher;
  DomainRateLimiter limiter;
  market::RobotsCache robots;
  market::ProxyPool proxies;
  std::uint64_t polls = 0;
  // Sources blocked by their site, by index: they stay stopped for the Collector's life (a
  // `collect --every` run), since asking again every few minutes would ignore the answer.
  std::map<std::size_t, std::string> blocked;

  explicit State(SourcesFile file)
      : sources(std::move(file)),
        product_token(seatsync::product_token(sources.collector.user_agent)),
        retry{sources.collector.max_retries, 1.0, 60.0},
        fetcher(FetchSettings{sources.collector.user_agent, sources.collector.timeout_s}),
        limiter(sources.collector.min_interval_s),
        proxies(sources.collector.proxies) {}
};

namespace market {

// One page to fetch in this poll.
struct Page {
  std::size_t source = 0;
  std::size_t host = 0;
  GameIndex game = 0;
  std::string game_id, url;         // url: the configured one, named in the summary
  std::string target, path;         // what the next request asks for (url, or where a redirect led)
  std::vector<std::string> visited; // url and every redirect target requested since
  int attempt = 0;                  // retries made so far
  SteadyClock::time_point ready{};  // not before (backoff)
  std::string proxy;                // of the request in flight
  // What it brought, once read (kept per page so the result is in page order, not arrival order).
  std::optional<ValidatedListings> listings;
  std::optional<MarketPollStats> stats;
};

struct Host {
  std::string authority;
  std::string robots_url;
  std::deque<std::size_t> queue;  // pages waiting, in order
  bool busy = false;              // a request is in flight (one at a time per authority)
  bool robots_logged = false;
  std::string robots_proxy;
  std::size_t robots_for_source = 0;  // whose summary counts the robots.txt request
  // Where the next robots.txt request goes: robots_url, or where its redirects led, on host
  // robots_at (whose rate it keeps and which it occupies while in flight).
  std::string robots_target;
  std::vector<std::string> robots_visited;
  std::size_t robots_at = 0;
};

constexpr std::size_t kMaxRedirects = 5;

// The next hop of a redirect chain that has requested `visited` (the first URL included), or
// why it stops there.
struct Hop {
  std::string url;
  std::string error;
};
Hop next_hop(const HttpAnswer& answer, const std::vector<std::string>& visited);

// Request ids: a page's index, or a host's index with this bit for its robots.txt.
constexpr std::uint64_t kRobotsBit = std::uint64_t{1} << 63;

class Poll {
 public:
  Poll(Collector::State& state, const Dataset& data, Date today, const PollOptions& options)
      : s_(state), data_(data), options_(options) {
    const auto started = options.clock.system();
    result_.observed_at = utc_timestamp(started);
    observed_date_ = market::local_observed_date(data, result_.observed_at);
    rng_.seed(options.seed ? options.seed : static_cast<std::uint64_t>(started.time_since_epoch().count()));
    poll_number_ = ++s_.polls;
    plan(today);
  }

  PollResult run();

 private:
  void plan(Date today);
  void add_page(std::size_t source, GameIndex game, const std::string& game_id);
  // The host of `url`'s authority (added when new). Invalidates references into hosts_.
  std::size_t host_for(const std::string& url);
  // Starts what may start now on `host`; returns when it may next be worth looking (max = never).
  SteadyClock::time_point dispatch(std::size_t host_index, SteadyClock::time_point now);
  SteadyClock::time_point dispatch_robots(std::size_t host_index, SteadyClock::time_point now);
  // nullopt when a request to `rate_host` may start now; else when to look again (never when
  // `for_host`'s queue was dropped for a pause too long to wait out).
  std::optional<SteadyClock::time_point> wait_for_slot(std::size_t rate_host, std::size_t for_host, SteadyClock::time_point now);
  bool may_start_request();
  bool egress(SteadyClock::time_point now, std::string& proxy);
  void drop_queue(Host& host, const std::string& reason);
  void on_robots(std::size_t host_index, HttpResponse response, SteadyClock::time_point now);
  void on_page(std::size_t page_index, HttpResponse response, SteadyClock::time_point now);
  void follow_redirect(std::size_t page_index, const HttpAnswer& answer, SteadyClock::time_point now);
  bool follow_robots_redirect(std::size_t host_index, const HttpAnswer& answer);
  void read_page(Page& page, const std::string& body);
  void page_done();
  void block(std::size_t source, const std::string& reason);
  void fail(const Page& page, const std::string& reason, bool tell = true);
  void log(const std::string& line) const {
    if (options_.log) options_.log(line);
  }
  const SourceConfig& source_of(const Page& page) const { return s_.sources.sources[page.source]; }
  SourcePollSummary& summary_of(std::size_t source) { return result_.sources[source]; }

  Collector::State& s_;
  const Dataset& data_;
  const PollOptions& options_;
  PollResult result_;
  Date observed_date_;
  std::mt19937_64 rng_;
  std::uint64_t poll_number_ = 0;
  std::vector<Page> pages_;
  std::size_t pages_done_ = 0;  // read, failed, denied or dropped
  std::vector<Host> hosts_;
  std::map<std::string, std::size_t> host_index_;
};

}  // namespace market
}  // namespace seatsync
