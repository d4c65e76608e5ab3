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

#include "collector_poll.hpp"

namespace seatsync {
namespace market {

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

}  // namespace market

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
  return market::Poll(*state_, data, today, options).run();
}

}  // namespace seatsync
