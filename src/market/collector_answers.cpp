// What each answer of a poll does: robots.txt read or its outage kept, a page read, retried,
// redirected (the hop queued on its target host, see collector.cpp), failed, or its source blocked.
#include "collector_poll.hpp"

namespace seatsync::market {

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

}  // namespace seatsync::market
