// One poll: a scheduler over authorities. Each authority has a queue of pages and at most one
// request in flight; a request starts only when the authority's rate allows it (robots.txt
// fetches included) — an interval after the previous one ended — and robots.txt is read before
// any page of a host. Authorities are served
// side by side on one HttpFetcher, so a poll lasts about as long as its busiest host.
//
// Redirects are followed here, not in libcurl: a 3xx moves its page to the queue of the host the
// Location names, so the hop waits for that host's robots.txt (and is denied by it like any
// page), for its rate, and counts against max_requests; at most 5 hops per page, a loop stops at
// once. robots.txt's own redirects are followed the same way (RFC 9309 2.3.1.2: at least five),
// each hop at its host's rate, without a robots.txt check of that host (robots files are always
// allowed), and the rules found apply to the host that was asked.
#include "seatsync/collector.hpp"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>

#include "poll_report.hpp"
#include "proxy_pool.hpp"
#include "robots_cache.hpp"
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

namespace {

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

Hop next_hop(const HttpAnswer& answer, const std::vector<std::string>& visited) {
  const std::string status = "HTTP " + std::to_string(answer.status);
  auto location = std::find_if(answer.headers.begin(), answer.headers.end(), [](const auto& h) { return h.first == "location"; });
  if (location == answer.headers.end() || location->second.empty()) return {"", "redirect without a Location (" + status + ")"};
  RedirectTarget target = resolve_redirect(visited.back(), location->second);
  if (!target.error.empty()) return {"", "redirect (" + status + ") failed: " + target.error};
  if (std::find(visited.begin(), visited.end(), target.url) != visited.end())
    return {"", "too many redirects: a loop back to " + target.url};
  if (visited.size() > kMaxRedirects)
    return {"", "too many redirects: more than " + std::to_string(kMaxRedirects) + " (the next to " + target.url + ")"};
  return {target.url, ""};
}

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

void Poll::plan(Date today) {
  const auto& sources = s_.sources.sources;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    result_.sources.push_back({});
    result_.sources.back().source = sources[i].name;
    if (auto blocked = s_.blocked.find(i); blocked != s_.blocked.end()) {
      result_.sources.back().blocked = blocked->second;
      log(sources[i].name + ": blocked in an earlier poll (" + blocked->second + "); not polled");
      continue;
    }
    if (sources[i].games.empty()) {
      for (GameIndex g = 0; g < data_.games.size(); ++g)
        if (data_.games[g].date >= today) add_page(i, g, data_.games[g].id);
      continue;
    }
    for (const auto& id : sources[i].games) {
      if (auto g = data_.find_game(id)) {
        add_page(i, *g, id);
      } else {
        result_.sources[i].failures.push_back({id, source_url(sources[i], id), "game " + id + " is not in the dataset"});
        log(sources[i].name + ": game " + id + " is not in the dataset; not fetched");
      }
    }
  }
}

void Poll::add_page(std::size_t source, GameIndex game, const std::string& game_id) {
  Page page;
  page.source = source;
  page.game = game;
  page.game_id = game_id;
  page.url = source_url(s_.sources.sources[source], game_id);
  page.target = page.url;
  page.path = url_path_and_query(page.url);
  page.visited = {page.url};
  if (url_authority(page.url).empty()) {
    result_.sources[source].failures.push_back({game_id, page.url, "the URL has no host"});
    log(s_.sources.sources[source].name + ": " + page.url + ": the URL has no host; not fetched");
    return;
  }
  page.host = host_for(page.url);
  pages_.push_back(std::move(page));
  hosts_[pages_.back().host].queue.push_back(pages_.size() - 1);
}

std::size_t Poll::host_for(const std::string& url) {
  auto [it, added] = host_index_.try_emplace(url_authority(url), hosts_.size());
  if (added) {
    Host host;
    host.authority = it->first;
    host.robots_url = robots_url(url);
    host.robots_target = host.robots_url;
    host.robots_visited = {host.robots_url};
    host.robots_at = it->second;
    hosts_.push_back(std::move(host));
  }
  return it->second;
}

bool Poll::may_start_request() {
  if (!options_.max_requests || result_.requests < *options_.max_requests) return true;
  if (!result_.request_limit_reached) {
    result_.request_limit_reached = true;
    log("max_requests (" + std::to_string(*options_.max_requests) + ") reached: no new requests in this poll");
  }
  return false;
}

// The proxy for the next request ("" = direct). False when proxies are configured and none is up.
bool Poll::egress(SteadyClock::time_point now, std::string& proxy) {
  proxy.clear();
  if (s_.proxies.empty()) return true;
  auto up = s_.proxies.pick(now);
  if (!up) return false;
  proxy = *up;
  return true;
}

void Poll::drop_queue(Host& host, const std::string& reason) {
  for (std::size_t i : host.queue) fail(pages_[i], reason, false);
  host.queue.clear();
}

SteadyClock::time_point Poll::dispatch(std::size_t host_index, SteadyClock::time_point now) {
  constexpr auto never = SteadyClock::time_point::max();
  Host& host = hosts_[host_index];
  // Pages of a source that was blocked meanwhile are never requested.
  std::erase_if(host.queue, [&](std::size_t i) {
    if (!summary_of(pages_[i].source).blocked) return false;
    fail(pages_[i], "not fetched: the source was blocked", false);
    return true;
  });
  if (host.busy || host.queue.empty()) return never;
  const RobotsRules* rules = s_.robots.find(host.authority, now, poll_number_);
  if (!rules) return dispatch_robots(host_index, now);
  if (auto wait = wait_for_slot(host_index, host_index, now)) return *wait;

  if (rules->disallow_all && !host.robots_logged) {
    host.robots_logged = true;
    log(host.authority + ": robots.txt unavailable (5xx, no answer or a redirect to nowhere); nothing is fetched from this host in this poll");
  }
  std::erase_if(host.queue, [&](std::size_t i) {
    if (rules->allows(pages_[i].path)) return false;
    summary_of(pages_[i].source).robots_denied.push_back(pages_[i].target);
    page_done();
    const std::string via = pages_[i].target == pages_[i].url ? "" : " (redirected from " + pages_[i].url + ")";
    log(source_of(pages_[i]).name + ": robots.txt disallows " + pages_[i].target + via + "; not fetched");
    return true;
  });

  auto ready = std::find_if(host.queue.begin(), host.queue.end(), [&](std::size_t i) { return pages_[i].ready <= now; });
  if (ready == host.queue.end()) {
    auto earliest = never;
    for (std::size_t i : host.queue) earliest = std::min(earliest, pages_[i].ready);
    return earliest;
  }
  if (!may_start_request()) return never;
  Page& page = pages_[*ready];
  if (!egress(now, page.proxy)) {
    drop_queue(host, "not fetched: every configured proxy is down");
    return never;
  }
  s_.fetcher.start({*ready, page.target, page.proxy});
  s_.limiter.record_request(host.authority, now);
  host.queue.erase(ready);
  host.busy = true;
  ++result_.requests;
  ++summary_of(page.source).requests;
  return never;
}

std::optional<SteadyClock::time_point> Poll::wait_for_slot(std::size_t rate_host, std::size_t for_host,
                                                            SteadyClock::time_point now) {
  constexpr auto never = SteadyClock::time_point::max();
  const Host& target = hosts_[rate_host];
  if (target.busy) return never;  // a robots.txt redirect's host: its own request ends first
  const auto next = s_.limiter.next_allowed(target.authority, now);
  if (next <= now) return std::nullopt;
  // A pause longer than any retry or crawl delay (a long Retry-After, perhaps from an earlier
  // poll) is not waited out inside a poll: the host's pages are left for a later one.
  const double wait_s = std::chrono::duration<double>(next - now).count();
  if (wait_s <= std::max(s_.retry.max_delay_s, s_.limiter.interval_s(target.authority))) return next;
  const std::string why = "not fetched: " + target.authority + " asked to wait " + market::seconds_text(wait_s) + " more";
  log(why.substr(std::string("not fetched: ").size()) + "; its pages are left for a later poll");
  drop_queue(hosts_[for_host], why);
  return never;
}

SteadyClock::time_point Poll::dispatch_robots(std::size_t host_index, SteadyClock::time_point now) {
  constexpr auto never = SteadyClock::time_point::max();
  Host& host = hosts_[host_index];
  if (auto wait = wait_for_slot(host.robots_at, host_index, now)) return *wait;
  if (!may_start_request()) return never;
  if (!egress(now, host.robots_proxy)) {
    drop_queue(host, "not fetched: every configured proxy is down");
    return never;
  }
  Host& at = hosts_[host.robots_at];
  s_.fetcher.start({kRobotsBit | host_index, host.robots_target, host.robots_proxy});
  s_.limiter.record_request(at.authority, now);
  host.busy = true;  // nothing else of this host until its rules are known
  at.busy = true;
  ++result_.requests;
  host.robots_for_source = pages_[host.queue.front()].source;
  ++summary_of(host.robots_for_source).requests;
  return never;
}

// True when the chain goes on (the next hop is scheduled by dispatch_robots); false when it ends
// here, which leaves robots.txt unreachable for this poll (robots_from_response on the 3xx).
bool Poll::follow_robots_redirect(std::size_t host_index, const HttpAnswer& answer) {
  Hop hop = next_hop(answer, hosts_[host_index].robots_visited);
  if (!hop.error.empty()) {
    log(hosts_[host_index].authority + ": robots.txt " + hop.error + "; read as unreachable");
    return false;
  }
  const std::size_t target = host_for(hop.url);
  Host& host = hosts_[host_index];
  host.robots_visited.push_back(hop.url);
  host.robots_target = hop.url;
  host.robots_at = target;
  return true;
}

void Poll::follow_redirect(std::size_t page_index, const HttpAnswer& answer, SteadyClock::time_point now) {
  Page& page = pages_[page_index];
  Hop hop = next_hop(answer, page.visited);
  if (!hop.error.empty()) {
    fail(page, hop.error);
    return;
  }
  // With a 3xx, Retry-After is the least wait before the redirected request (RFC 9110 10.2.3);
  // one longer than a retry would wait is not sat out in the poll, like a long pause.
  std::optional<double> asked;
  for (const auto& [name, value] : answer.headers)
    if (name == "retry-after")
      if (auto s = parse_retry_after(value, options_.clock.system())) asked = std::max(asked.value_or(0.0), *s);
  if (asked && *asked > s_.retry.max_delay_s) {
    fail(page, "not fetched: the redirect to " + hop.url + " asked to wait " + market::seconds_text(*asked));
    return;
  }
  if (asked) page.ready = std::max(page.ready, now + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(*asked)));
  page.visited.push_back(hop.url);
  page.target = hop.url;
  page.path = url_path_and_query(hop.url);
  page.host = host_for(hop.url);
  // At the front: the page is under way; on the same host the hop is its next request (an
  // interval later), on another one it waits for that host's robots.txt like any page.
  hosts_[page.host].queue.push_front(page_index);
}

void Poll::on_robots(std::size_t host_index, HttpResponse response, SteadyClock::time_point now) {
  Host& host = hosts_[host_index];
  Host& at = hosts_[host.robots_at];
  host.busy = false;
  at.busy = false;
  s_.limiter.record_request(at.authority, now);  // the interval counts from the end as well
  if (response.proxy_failed) {
    s_.proxies.mark_down(host.robots_proxy, now);
    log("proxy " + host.robots_proxy + " failed (" + response.answer.error + "); set aside for a while");
    return;  // robots.txt is still unknown: asked again through the next proxy
  }
  // A challenge instead of robots.txt is a block of whoever was about to read this host.
  if (auto challenge = challenge_reason(response.answer)) {
    for (std::size_t i : host.queue) block(pages_[i].source, "robots.txt of " + host.authority + " is a challenge page (" + *challenge + ")");
    return;
  }
  if (is_redirect_status(response.answer.status) && follow_robots_redirect(host_index, response.answer)) return;
  RobotsRules rules = robots_from_response(response.answer.status, response.answer.body, s_.product_token);
  if (rules.crawl_delay_s) s_.limiter.set_crawl_delay(host.authority, *rules.crawl_delay_s);
  s_.robots.store(host.authority, std::move(rules), now, poll_number_);
}

void Poll::on_page(std::size_t page_index, HttpResponse response, SteadyClock::time_point now) {
  Page& page = pages_[page_index];
  Host& host = hosts_[page.host];
  host.busy = false;
  // The interval counts from the end of a request as well as its start: a start is when we hand
  // the request to libcurl, not when it reaches the server (a slow connect or TLS handshake
  // delays the first, a reused connection does not delay the next). From the end, and with one
  // request in flight per host, the server never sees two requests closer than the interval.
  s_.limiter.record_request(host.authority, now);
  const std::string& name = source_of(page).name;
  if (response.proxy_failed) {
    // The site never saw this request: it goes again, through the next proxy, without counting as a retry.
    s_.proxies.mark_down(page.proxy, now);
    log("proxy " + page.proxy + " failed (" + response.answer.error + "); set aside for a while");
    host.queue.push_front(page_index);
    return;
  }
  // A challenge served as a redirect is a block (decide), not somewhere to go.
  if (is_redirect_status(response.answer.status) && !challenge_reason(response.answer)) {
    follow_redirect(page_index, response.answer, now);
    return;
  }
  const RetryDecision decision = decide(response.answer, page.attempt, s_.retry, options_.clock.system(), rng_);
  const auto delay = std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(decision.delay_s));
  // A Retry-After too long to wait out in this run still holds for the host (and the next poll).
  if (decision.kind != RetryDecision::Kind::accept && decision.delay_s > 0) s_.limiter.pause_until(host.authority, now + delay);
  switch (decision.kind) {
    case RetryDecision::Kind::accept:
      read_page(page, response.answer.body);
      break;
    case RetryDecision::Kind::retry: {
      // The host asked for time (Retry-After) or is struggling: no request to it before then
      // (paused above), and this page waits at least as long.
      ++page.attempt;
      page.ready = now + delay;
      host.queue.push_front(page_index);
      log(name + ": " + page.target + ": " + decision.reason + "; retry " + std::to_string(page.attempt) + " in " +
          market::seconds_text(decision.delay_s));
      break;
    }
    case RetryDecision::Kind::blocked:
      fail(page, "blocked: " + decision.reason, false);
      block(page.source, decision.reason);
      break;
    case RetryDecision::Kind::failed:
      fail(page, decision.reason);
      break;
  }
}

void Poll::page_done() {
  ++pages_done_;
  report(options_.progress, "pages", pages_done_, pages_.size());
}

void Poll::read_page(Page& page, const std::string& body) {
  const SourceConfig& source = source_of(page);
  std::vector<ExtractedListing> items;
  try {
    items = extract_listings(source, body);
  } catch (const ExtractionError& e) {
    fail(page, std::string("malformed page: ") + e.what());
    return;
  }
  page.listings = validate_listings(source, data_, page.game, result_.observed_at, items);
  page.stats = poll_stats(page.listings->accepted, page.game, source.name, result_.observed_at, observed_date_);
  SourcePollSummary& summary = summary_of(page.source);
  ++summary.pages;
  summary.listings_accepted += page.listings->accepted.size();
  summary.listings_flagged += page.listings->flagged.size();
  summary.listings_rejected += page.listings->rejected.size();
  page_done();
}

void Poll::block(std::size_t source, const std::string& reason) {
  SourcePollSummary& summary = summary_of(source);
  if (summary.blocked) return;
  summary.blocked = reason;
  s_.blocked.emplace(source, reason);
  log(summary.source + ": blocked (" + reason + "); no more requests to this source in this run");
}

void Poll::fail(const Page& page, const std::string& reason, bool tell) {
  const std::string where = page.target == page.url ? reason : reason + " (redirected to " + page.target + ")";
  summary_of(page.source).failures.push_back({page.game_id, page.url, where});
  if (tell) log(source_of(page).name + ": " + page.url + ": " + where);
  page_done();
}

PollResult Poll::run() {
  using namespace std::chrono;
  constexpr auto never = SteadyClock::time_point::max();
  for (;;) {
    const auto now = options_.clock.steady();
    auto wake = never;
    const bool waiting_before = std::any_of(hosts_.begin(), hosts_.end(), [](const Host& h) { return !h.queue.empty(); });
    // Pages left once the limit is reached are told at once, not when their host's slot opens.
    if (waiting_before && !may_start_request())
      for (auto& host : hosts_) drop_queue(host, "not fetched: max_requests reached");
    for (std::size_t h = 0; h < hosts_.size(); ++h) wake = std::min(wake, dispatch(h, now));
    if (result_.request_limit_reached)
      for (auto& host : hosts_) drop_queue(host, "not fetched: max_requests reached");

    const bool waiting = std::any_of(hosts_.begin(), hosts_.end(), [](const Host& h) { return !h.queue.empty(); });
    if (s_.fetcher.in_flight() == 0 && !waiting) break;
    // Sleep in the fetcher until a transfer ends or the next slot opens (at most 1 s, then look again).
    auto wait = milliseconds(1000);
    if (wake != never) wait = std::clamp(ceil<milliseconds>(wake - now), milliseconds(0), wait);
    for (auto& response : s_.fetcher.wait(wait)) {
      const auto at = options_.clock.steady();
      if (response.id & kRobotsBit)
        on_robots(response.id & ~kRobotsBit, std::move(response), at);
      else
        on_page(response.id, std::move(response), at);
    }
  }

  for (auto& page : pages_) {
    if (!page.listings) continue;
    auto& v = *page.listings;
    result_.listings.insert(result_.listings.end(), v.accepted.begin(), v.accepted.end());
    result_.flagged.insert(result_.flagged.end(), v.flagged.begin(), v.flagged.end());
    result_.rejected.insert(result_.rejected.end(), v.rejected.begin(), v.rejected.end());
    result_.stats.push_back(std::move(*page.stats));
  }
  return std::move(result_);
}

}  // namespace

bool PollResult::complete() const {
  if (request_limit_reached) return false;
  return std::all_of(sources.begin(), sources.end(), [](const SourcePollSummary& s) {
    return !s.blocked && s.failures.empty() && s.robots_denied.empty();
  });
}

Collector::Collector(SourcesFile sources) {
  if (sources.collector.user_agent.empty()) throw std::invalid_argument("collector: user_agent is required");
  state_ = std::make_unique<State>(std::move(sources));
}

Collector::~Collector() = default;

const SourcesFile& Collector::sources() const { return state_->sources; }

PollResult Collector::poll(const Dataset& data, Date today, const PollOptions& options) {
  return Poll(*state_, data, today, options).run();
}

}  // namespace seatsync
