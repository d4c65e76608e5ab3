// The collector against fixture marketplaces on loopback. Spacing is measured on the servers'
// clocks (arrival times), never on how fast our code runs. Every poll waits at least 1 s
// between two requests to one server, so each test keeps to a few pages and puts what can run
// side by side (several servers = several authorities) into one poll.
#include "seatsync/collector.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "fixture_market_server.hpp"

namespace seatsync {
namespace {

using test::FixtureAnswer;
using test::FixtureMarketServer;
using test::RecordedRequest;
using namespace std::chrono_literals;

const std::string kAgent = "seatsync-collector/0.1 (+https://example.org/contact)";
constexpr double kMargin = 0.05;  // s: the servers' clock reads arrival after parsing; ours before sending

Dataset make_dataset() {
  Dataset data;
  for (int i = 0; i < 4; ++i) data.games.push_back({"G0" + std::to_string(i + 1), Date::from_ymd(2026, 12, 1 + i), 1, ""});
  data.codes = {{"1", "Lower", 100, 20.0}, {"5", "Upper", 100, 10.0}};
  data.reindex();
  return data;
}
const Date kToday = Date::from_ymd(2026, 12, 2);  // G01 is past: "every upcoming game" is G02..G04

SourceConfig json_source(const std::string& name, const std::string& base_url, std::vector<std::string> games) {
  SourceConfig source;
  source.name = name;
  source.kind = SourceConfig::Kind::json;
  source.url = base_url + "/events/{game_id}/listings";
  source.games = std::move(games);
  source.items = "/listings";
  source.price = "/price";
  source.quantity = "/quantity";
  source.section = "/section";
  source.listing_id = "/id";
  source.sections = {{"101", "1"}, {"301", "5"}};
  return source;
}

SourcesFile sources_file(std::vector<SourceConfig> sources, int max_retries = 4, double min_interval_s = 1.0) {
  SourcesFile file;
  file.collector.user_agent = kAgent;
  file.collector.min_interval_s = min_interval_s;
  file.collector.max_retries = max_retries;
  file.collector.timeout_s = 5.0;
  file.sources = std::move(sources);
  return file;
}

// Two listings: one in a mapped section, one priced 120.
std::string listings_json(const std::string& game) {
  return R"({"listings":[{"id":")" + game + R"(-a","price":85.5,"quantity":2,"section":"101"},)"
         R"({"id":")" + game + R"(-b","price":"120","quantity":1,"section":"301"}]})";
}

void serve_games(FixtureMarketServer& server, const std::vector<std::string>& games) {
  for (const auto& g : games) server.set_json("/events/" + g + "/listings", listings_json(g));
}

std::vector<std::string> paths(const std::vector<RecordedRequest>& requests) {
  std::vector<std::string> out;
  for (const auto& r : requests) out.push_back(r.path);
  return out;
}

void expect_honest_agent(const FixtureMarketServer& server) {
  for (const auto& r : server.requests()) EXPECT_EQ(r.user_agent, kAgent) << r.target;
}

// Every gap between consecutive arrivals is at least `interval_s` (less the margin).
void expect_spacing(const FixtureMarketServer& server, double interval_s, const std::string& label) {
  auto gaps = test::arrival_gaps_s(server.requests());
  for (double g : gaps) EXPECT_GE(g, interval_s - kMargin) << label;
  if (!gaps.empty()) {
    const double mean = std::accumulate(gaps.begin(), gaps.end(), 0.0) / gaps.size();
    std::printf("[spacing] %s: %zu requests, gap min %.3f s, mean %.3f s (interval %.1f s)\n", label.c_str(),
                gaps.size() + 1, *std::min_element(gaps.begin(), gaps.end()), mean, interval_s);
  }
}

const SourcePollSummary& summary(const PollResult& result, const std::string& name) {
  for (const auto& s : result.sources)
    if (s.source == name) return s;
  throw std::runtime_error("no summary for " + name);
}

struct Logged {
  std::vector<std::string> lines;
  PollOptions options() {
    PollOptions o;
    o.seed = 15;
    o.log = [this](std::string_view line) { lines.emplace_back(line); };
    return o;
  }
  bool mentions(const std::string& text) const {
    return std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.find(text) != std::string::npos; });
  }
};

TEST(Collector, RobotsRulesAndTheirCache) {
  FixtureMarketServer slow, down, plain;
  slow.set_robots(200, "User-agent: *\nDisallow: /events/G02\nCrawl-delay: 2\n");
  serve_games(slow, {"G01", "G02", "G03"});
  down.set_robots(503, "try later");
  serve_games(down, {"G01"});
  serve_games(plain, {"G01"});  // robots.txt 404: everything allowed
  Collector collector(sources_file({json_source("slow", slow.base_url(), {"G01", "G02", "G03"}),
                                    json_source("down", down.base_url(), {"G01"}),
                                    json_source("plain", plain.base_url(), {"G01"})}));
  Logged log;
  const Dataset data = make_dataset();
  auto first = collector.poll(data, kToday, log.options());

  EXPECT_EQ(paths(slow.requests()),
            (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/events/G03/listings"}));
  EXPECT_EQ(summary(first, "slow").robots_denied, std::vector<std::string>{slow.base_url() + "/events/G02/listings"});
  EXPECT_EQ(summary(first, "slow").pages, 2u);
  EXPECT_EQ(paths(down.requests()), std::vector<std::string>{"/robots.txt"});  // 503: nothing else
  EXPECT_EQ(summary(first, "down").robots_denied.size(), 1u);
  EXPECT_EQ(summary(first, "down").pages, 0u);
  EXPECT_TRUE(log.mentions(down.authority() + ": robots.txt unavailable"));
  EXPECT_EQ(paths(plain.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings"}));
  EXPECT_EQ(summary(first, "plain").pages, 1u);
  EXPECT_FALSE(first.complete());

  // The next poll: robots.txt answers are cached (24 h), but the host that did not answer is
  // asked again, and now it answers.
  down.set_robots(404, "");
  auto second = collector.poll(data, kToday, log.options());
  EXPECT_EQ(paths(slow.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/events/G03/listings",
                                                              "/events/G01/listings", "/events/G03/listings"}));
  EXPECT_EQ(paths(down.requests()), (std::vector<std::string>{"/robots.txt", "/robots.txt", "/events/G01/listings"}));
  EXPECT_EQ(paths(plain.requests()),
            (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/events/G01/listings"}));
  EXPECT_EQ(summary(second, "down").pages, 1u);

  expect_spacing(slow, 2.0, "Crawl-delay 2, across two polls");
  expect_spacing(down, 1.0, "robots.txt 503 then 404, across two polls");
  expect_spacing(plain, 1.0, "robots.txt 404, across two polls");
  for (auto* s : {&slow, &down, &plain}) expect_honest_agent(*s);
}

TEST(Collector, PerDomainRateAndDomainsFetchedConcurrently) {
  FixtureMarketServer a, b;
  serve_games(a, {"G01", "G02", "G03"});
  // A slow answer: the interval counts from its end, so the server sees the next request a full
  // interval after it answered (a slow start on our side cannot squeeze the server's gap either).
  a.set("/events/G02/listings", {200, {{"Content-Type", "application/json"}}, listings_json("G02"), 600ms});
  serve_games(b, {"G02", "G03", "G04"});
  Collector collector(sources_file({json_source("a", a.base_url(), {"G01", "G02", "G03"}),
                                    json_source("b", b.base_url(), {})}));  // b: every upcoming game
  const auto started = std::chrono::steady_clock::now();
  auto result = collector.poll(make_dataset(), kToday);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  ASSERT_EQ(a.requests().size(), 4u);  // robots.txt and three pages
  ASSERT_EQ(b.requests().size(), 4u);
  expect_spacing(a, 1.0, "domain A, 1 s interval, one answer 0.6 s slow");
  EXPECT_GE(std::chrono::duration<double>(a.requests()[3].at - a.requests()[2].at).count(), 1.6 - kMargin);
  expect_spacing(b, 1.0, "domain B, 1 s interval");
  auto span = [](const FixtureMarketServer& s) {
    auto r = s.requests();
    return std::chrono::duration<double>(r.back().at - r.front().at).count();
  };
  // One after the other it would take at least the sum of the two servers' spans; side by side
  // about the longer one.
  EXPECT_LT(elapsed, 0.8 * (span(a) + span(b))) << "elapsed " << elapsed << " s";
  std::printf("[spacing] two domains of 4 requests each: poll took %.2f s, spans %.2f s + %.2f s\n", elapsed, span(a), span(b));

  EXPECT_TRUE(result.complete());
  EXPECT_EQ(result.requests, 8u);
  EXPECT_EQ(summary(result, "a").requests, 4u);
  EXPECT_EQ(summary(result, "a").pages, 3u);
  EXPECT_EQ(summary(result, "b").pages, 3u);
  EXPECT_EQ(result.listings.size(), 12u);
  ASSERT_EQ(result.stats.size(), 6u);
  for (const auto& stat : result.stats) {
    EXPECT_EQ(stat.count, 2u);
    EXPECT_EQ(stat.polled_at, result.observed_at);
    EXPECT_EQ(stat.min, 85.5);  // the two listings of listings_json: 85.5 and 120
    EXPECT_EQ(stat.max, 120.0);
    EXPECT_EQ(stat.tickets, 3);
  }
  // In page order: source a's games first, in their configured order.
  EXPECT_EQ(result.stats[0].source, "a");
  EXPECT_EQ(result.stats[0].game, 0u);
  EXPECT_EQ(result.stats[3].source, "b");
  EXPECT_EQ(result.stats[3].game, 1u);
  expect_honest_agent(a);
  expect_honest_agent(b);
}

TEST(Collector, BacksOffOn503AndHonoursRetryAfter) {
  FixtureMarketServer flaky, busy;
  flaky.set_sequence("/events/G01/listings", {{503, {}, "", {}}, {503, {}, "", {}},
                                              {200, {{"Content-Type", "application/json"}}, listings_json("G01"), {}}});
  busy.set_sequence("/events/G01/listings", {{503, {{"Retry-After", "2"}}, "", {}},
                                             {200, {{"Content-Type", "application/json"}}, listings_json("G01"), {}}});
  FixtureMarketServer later;  // asks for an hour: not waited out in this poll, its other page left
  later.set("/events/G01/listings", {503, {{"Retry-After", "3600"}}, "", {}});
  serve_games(later, {"G02"});
  Collector collector(sources_file({json_source("flaky", flaky.base_url(), {"G01"}),
                                    json_source("busy", busy.base_url(), {"G01"}),
                                    json_source("later", later.base_url(), {"G01", "G02"})}));
  Logged log;
  auto result = collector.poll(make_dataset(), kToday, log.options());

  EXPECT_EQ(flaky.requests_to("/events/G01/listings").size(), 3u);
  EXPECT_EQ(summary(result, "flaky").pages, 1u);
  EXPECT_EQ(summary(result, "flaky").requests, 4u);
  expect_spacing(flaky, 1.0, "503, 503, 200");
  auto retried = busy.requests_to("/events/G01/listings");
  ASSERT_EQ(retried.size(), 2u);
  EXPECT_GE(std::chrono::duration<double>(retried[1].at - retried[0].at).count(), 2.0 - kMargin);
  EXPECT_EQ(summary(result, "busy").pages, 1u);
  EXPECT_EQ(result.listings.size(), 4u);
  EXPECT_TRUE(log.mentions("retry 1"));
  EXPECT_EQ(paths(later.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings"}));
  ASSERT_EQ(summary(result, "later").failures.size(), 2u);
  EXPECT_EQ(summary(result, "later").failures[1].reason.rfind("not fetched: " + later.authority() + " asked to wait 3", 0), 0u)
      << summary(result, "later").failures[1].reason;
  EXPECT_FALSE(summary(result, "later").blocked);

  // The hour holds in the next poll too, which does not wait for it.
  auto next = collector.poll(make_dataset(), kToday, log.options());
  EXPECT_EQ(later.requests().size(), 2u);
  EXPECT_EQ(summary(next, "later").failures.size(), 2u);
  EXPECT_EQ(summary(next, "flaky").pages, 1u);
  expect_honest_agent(flaky);
  expect_honest_agent(busy);
}

TEST(Collector, StopsASourceThatIsBlocked) {
  FixtureMarketServer limited, challenged, forbidden;
  limited.set("/events/G01/listings", {429, {{"Retry-After", "1"}}, "slow down", {}});
  serve_games(limited, {"G02"});
  challenged.set("/events/G01/listings",
                 {200, {{"cf-mitigated", "challenge"}, {"Content-Type", "text/html"}}, "<html>Just a moment...</html>", {}});
  serve_games(challenged, {"G02"});
  forbidden.set("/events/G01/listings", {403, {}, "no", {}});
  serve_games(forbidden, {"G02"});
  Collector collector(sources_file({json_source("limited", limited.base_url(), {"G01", "G02"}),
                                    json_source("challenged", challenged.base_url(), {"G01", "G02"}),
                                    json_source("forbidden", forbidden.base_url(), {"G01", "G02"})},
                                   /*max_retries=*/1));
  Logged log;
  auto result = collector.poll(make_dataset(), kToday, log.options());

  // 429, one retry, 429 again: blocked, and G02 is never asked for.
  EXPECT_EQ(paths(limited.requests()),
            (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/events/G01/listings"}));
  EXPECT_EQ(paths(challenged.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings"}));
  EXPECT_EQ(paths(forbidden.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings"}));
  for (const char* name : {"limited", "challenged", "forbidden"}) {
    const auto& s = summary(result, name);
    ASSERT_TRUE(s.blocked) << name;
    EXPECT_EQ(s.pages, 0u) << name;
    EXPECT_EQ(s.failures.size(), 2u) << name;  // the blocked page and the one never fetched
    EXPECT_TRUE(log.mentions(std::string(name) + ": blocked")) << name;
  }
  EXPECT_NE(summary(result, "challenged").blocked->find("cf-mitigated"), std::string::npos);
  EXPECT_TRUE(result.listings.empty());
  EXPECT_FALSE(result.complete());
  expect_spacing(limited, 1.0, "429 with Retry-After 1");
  for (auto* s : {&limited, &challenged, &forbidden}) expect_honest_agent(*s);

  // The same Collector (a `collect --every` run) does not ask a blocked source again.
  const std::size_t before = limited.requests().size() + challenged.requests().size() + forbidden.requests().size();
  auto again = collector.poll(make_dataset(), kToday, log.options());
  EXPECT_EQ(limited.requests().size() + challenged.requests().size() + forbidden.requests().size(), before);
  EXPECT_EQ(again.requests, 0u);
  EXPECT_TRUE(summary(again, "limited").blocked);
  EXPECT_TRUE(log.mentions("limited: blocked in an earlier poll"));
}

TEST(Collector, AMalformedPageIsReportedTheOthersKeptAndRedirectsFollowed) {
  FixtureMarketServer server;
  server.set("/events/G01/listings", {301, {{"Location", "/v2/events/G01/listings"}}, "", {}});
  server.set_json("/v2/events/G01/listings", listings_json("G01"));
  server.set("/events/G02/listings", {200, {{"Content-Type", "application/json"}}, "<html>not json</html>", {}});
  serve_games(server, {"G03"});
  Collector collector(sources_file({json_source("m", server.base_url(), {"G01", "G02", "G03"})}));
  Logged log;
  PollOptions options = log.options();
  std::vector<std::size_t> progress;
  options.progress = [&](std::string_view stage, std::size_t done, std::size_t total) {
    EXPECT_EQ(stage, "pages");
    EXPECT_EQ(total, 3u);
    progress.push_back(done);
  };
  auto result = collector.poll(make_dataset(), kToday, options);
  EXPECT_EQ(progress, (std::vector<std::size_t>{1, 2, 3}));

  const auto& s = summary(result, "m");
  EXPECT_EQ(s.pages, 2u);
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_EQ(s.failures[0].game_id, "G02");
  EXPECT_EQ(s.failures[0].reason.rfind("malformed page: ", 0), 0u) << s.failures[0].reason;
  EXPECT_TRUE(log.mentions("malformed page"));
  ASSERT_EQ(result.listings.size(), 4u);
  EXPECT_EQ(result.listings[0].listing_id, "G01-a");  // read from where the redirect led
  EXPECT_EQ(result.stats.size(), 2u);

  // The redirect's hop is a request of its own: counted, and an interval after the 301 on the
  // server's clock (libcurl following it would have sent it a few ms later).
  auto requests = server.requests();
  EXPECT_EQ(paths(requests), (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/v2/events/G01/listings",
                                                       "/events/G02/listings", "/events/G03/listings"}));
  EXPECT_EQ(s.requests, 5u);
  EXPECT_EQ(result.requests, 5u);
  ASSERT_EQ(requests.size(), 5u);
  expect_spacing(server, 1.0, "same-host redirect, then two pages");
  EXPECT_GE(std::chrono::duration<double>(requests[2].at - requests[1].at).count(), 1.0 - kMargin);
  expect_honest_agent(server);
}

TEST(Collector, ARedirectToAnotherHostWaitsForThatHostsRobotsTxt) {
  FixtureMarketServer origin, target;
  // G01 moves to the other server, asking for 3 s first (Retry-After with a 3xx: RFC 9110 10.2.3);
  // G02 too, into a part its robots.txt keeps out; G03 moves by a relative Location (resolved
  // against the page's URL) and lands on this server.
  origin.set("/events/G01/listings",
             {302, {{"Location", target.base_url() + "/events/G01/listings"}, {"Retry-After", "3"}}, "", {}});
  origin.set("/events/G02/listings", {301, {{"Location", target.base_url() + "/private/G02"}}, "", {}});
  origin.set("/events/G03/listings", {307, {{"Location", "../G03/listings-v2?moved=1"}}, "", {}});
  origin.set_json("/events/G03/listings-v2", listings_json("G03"));
  target.set_robots(200, "User-agent: *\nDisallow: /private\n");
  serve_games(target, {"G01"});
  target.set_json("/private/G02", listings_json("G02"));
  Collector collector(sources_file({json_source("moved", origin.base_url(), {"G01", "G02", "G03"})}));
  Logged log;
  auto result = collector.poll(make_dataset(), kToday, log.options());

  // The target's robots.txt comes before anything else asked of it, and /private is never asked.
  EXPECT_EQ(paths(target.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings"}));
  ASSERT_EQ(target.requests().size(), 2u);
  const auto redirected_at = origin.requests_to("/events/G01/listings").at(0).at;
  EXPECT_GT(target.requests()[0].at, redirected_at);
  EXPECT_GE(std::chrono::duration<double>(target.requests()[1].at - redirected_at).count(), 3.0 - kMargin);
  EXPECT_EQ(paths(origin.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/events/G02/listings",
                                                                "/events/G03/listings", "/events/G03/listings-v2?moved=1"}));
  const auto& s = summary(result, "moved");
  EXPECT_EQ(s.robots_denied, std::vector<std::string>{target.base_url() + "/private/G02"});
  EXPECT_TRUE(log.mentions("robots.txt disallows " + target.base_url() + "/private/G02 (redirected from " + origin.base_url()));
  EXPECT_EQ(s.pages, 2u);
  EXPECT_TRUE(s.failures.empty());
  ASSERT_EQ(result.listings.size(), 4u);
  EXPECT_EQ(result.listings[0].listing_id, "G01-a");
  EXPECT_EQ(result.listings[2].listing_id, "G03-a");
  EXPECT_EQ(result.requests, 7u);
  EXPECT_EQ(s.requests, 7u);
  expect_spacing(origin, 1.0, "origin of redirects (one relative, same host)");
  expect_spacing(target, 1.0, "target of a cross-host redirect");
  expect_honest_agent(origin);
  expect_honest_agent(target);
}

TEST(Collector, RedirectChainsThatGoNowhereFail) {
  FixtureMarketServer looping, long_chain, odd;
  // A loop: G01 → /a → /b → G01, stopped before asking for G01 again.
  looping.set("/events/G01/listings", {302, {{"Location", "/a"}}, "", {}});
  looping.set("/a", {302, {{"Location", "/b"}}, "", {}});
  looping.set("/b", {302, {{"Location", "/events/G01/listings"}}, "", {}});
  // Six hops: /r1 … /r5 are asked for, the sixth (/r6) is not.
  long_chain.set("/events/G01/listings", {302, {{"Location", "/r1"}}, "", {}});
  for (int i = 1; i <= 6; ++i) long_chain.set("/r" + std::to_string(i), {302, {{"Location", "/r" + std::to_string(i + 1)}}, "", {}});
  // Nowhere to go: another scheme, no Location, an unparsable one.
  odd.set("/events/G01/listings", {301, {{"Location", "ftp://127.0.0.1/listings"}}, "", {}});
  odd.set("/events/G02/listings", {302, {}, "", {}});
  odd.set("/events/G03/listings", {303, {{"Location", "http://[::1"}}, "", {}});
  odd.set("/events/G04/listings", {302, {{"Location", "/later"}, {"Retry-After", "3600"}}, "", {}});  // not waited out
  Collector collector(sources_file({json_source("looping", looping.base_url(), {"G01"}),
                                    json_source("long", long_chain.base_url(), {"G01"}),
                                    json_source("odd", odd.base_url(), {"G01", "G02", "G03", "G04"})}));
  Logged log;
  auto result = collector.poll(make_dataset(), kToday, log.options());

  EXPECT_EQ(paths(looping.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/a", "/b"}));
  const auto& loop = summary(result, "looping");
  ASSERT_EQ(loop.failures.size(), 1u);
  EXPECT_EQ(loop.failures[0].url, looping.base_url() + "/events/G01/listings");
  EXPECT_EQ(loop.failures[0].reason, "too many redirects: a loop back to " + looping.base_url() + "/events/G01/listings (redirected to " +
                                         looping.base_url() + "/b)");

  EXPECT_EQ(paths(long_chain.requests()),
            (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/r1", "/r2", "/r3", "/r4", "/r5"}));
  const auto& chain = summary(result, "long");
  ASSERT_EQ(chain.failures.size(), 1u);
  EXPECT_EQ(chain.failures[0].reason.rfind("too many redirects: more than 5 (the next to " + long_chain.base_url() + "/r6)", 0), 0u)
      << chain.failures[0].reason;
  EXPECT_EQ(chain.requests, 7u);

  const auto& o = summary(result, "odd");
  ASSERT_EQ(o.failures.size(), 4u);
  EXPECT_EQ(o.failures[0].reason, "redirect (HTTP 301) failed: Location to another scheme (ftp): ftp://127.0.0.1/listings");
  EXPECT_EQ(o.failures[1].reason, "redirect without a Location (HTTP 302)");
  EXPECT_EQ(o.failures[2].reason, "redirect (HTTP 303) failed: invalid Location \"http://[::1\"");
  EXPECT_EQ(o.failures[3].reason.rfind("not fetched: the redirect to " + odd.base_url() + "/later asked to wait 3600", 0), 0u)
      << o.failures[3].reason;
  EXPECT_TRUE(odd.requests_to("/later").empty());
  EXPECT_EQ(o.pages, 0u);
  EXPECT_TRUE(log.mentions("too many redirects"));
  EXPECT_FALSE(result.complete());
  for (auto* server : {&looping, &long_chain, &odd}) expect_spacing(*server, 1.0, "redirect chains");
}

TEST(Collector, RedirectHopsCountAgainstMaxRequests) {
  FixtureMarketServer server;
  server.set("/events/G01/listings", {301, {{"Location", "/v2/G01"}}, "", {}});
  server.set("/v2/G01", {301, {{"Location", "/v3/G01"}}, "", {}});
  server.set_json("/v3/G01", listings_json("G01"));
  Collector collector(sources_file({json_source("capped", server.base_url(), {"G01"})}));
  Logged log;
  PollOptions options = log.options();
  options.max_requests = 3;
  auto result = collector.poll(make_dataset(), kToday, options);

  EXPECT_EQ(paths(server.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings", "/v2/G01"}));
  EXPECT_EQ(result.requests, 3u);
  EXPECT_TRUE(result.request_limit_reached);
  const auto& s = summary(result, "capped");
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_EQ(s.failures[0].reason, "not fetched: max_requests reached (redirected to " + server.base_url() + "/v3/G01)");
  EXPECT_TRUE(result.listings.empty());
}

// RFC 9309 2.3.1.2: robots.txt's redirects are followed (at most five), each hop at its host's
// rate, and the file found there governs the host that was asked.
TEST(Collector, RobotsTxtRedirectsAreFollowed) {
  FixtureMarketServer site, central, lost;
  site.set("/robots.txt", {301, {{"Location", central.base_url() + "/robots/site.txt"}}, "", {}});
  central.set("/robots/site.txt", {200, {{"Content-Type", "text/plain"}}, "User-agent: *\nDisallow: /events/G02\n", {}});
  serve_games(site, {"G01", "G02"});
  lost.set("/robots.txt", {302, {{"Location", "/robots.txt?again"}}, "", {}});
  lost.set("/robots.txt?again", {302, {{"Location", "/robots.txt"}}, "", {}});
  serve_games(lost, {"G01"});
  Collector collector(sources_file({json_source("site", site.base_url(), {"G01", "G02"}),
                                    json_source("lost", lost.base_url(), {"G01"})}));
  Logged log;
  auto result = collector.poll(make_dataset(), kToday, log.options());

  EXPECT_EQ(paths(site.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings"}));
  EXPECT_EQ(paths(central.requests()), std::vector<std::string>{"/robots/site.txt"});
  EXPECT_EQ(summary(result, "site").robots_denied, std::vector<std::string>{site.base_url() + "/events/G02/listings"});
  EXPECT_EQ(summary(result, "site").pages, 1u);
  EXPECT_EQ(summary(result, "site").requests, 3u);
  // A robots.txt redirect loop: read as unreachable, nothing else asked of that host this poll.
  EXPECT_EQ(paths(lost.requests()), (std::vector<std::string>{"/robots.txt", "/robots.txt?again"}));
  EXPECT_EQ(summary(result, "lost").robots_denied.size(), 1u);
  EXPECT_TRUE(log.mentions(lost.authority() + ": robots.txt too many redirects: a loop back to"));
  expect_spacing(site, 1.0, "robots.txt redirected to another host");
  expect_spacing(lost, 1.0, "robots.txt redirect loop");
  for (auto* server : {&site, &central, &lost}) expect_honest_agent(*server);
}

TEST(Collector, StopsStartingRequestsAtMaxRequests) {
  FixtureMarketServer server;
  serve_games(server, {"G01", "G02", "G03"});
  Collector collector(sources_file({json_source("capped", server.base_url(), {"G01", "G02", "G03", "G99"})}));
  Logged log;
  PollOptions options = log.options();
  options.max_requests = 2;
  // 2026-12-02T15:04:05Z
  options.clock.system = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(1796223845)); };
  auto result = collector.poll(make_dataset(), kToday, options);

  EXPECT_EQ(paths(server.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings"}));
  EXPECT_EQ(result.requests, 2u);
  EXPECT_TRUE(result.request_limit_reached);
  EXPECT_TRUE(log.mentions("max_requests (2) reached"));
  const auto& s = summary(result, "capped");
  EXPECT_EQ(s.pages, 1u);
  ASSERT_EQ(s.failures.size(), 3u);  // G99 is not in the dataset; G02 and G03 were not fetched
  EXPECT_EQ(s.failures[0].game_id, "G99");
  EXPECT_EQ(s.failures[1].reason, "not fetched: max_requests reached");
  EXPECT_EQ(result.observed_at, "2026-12-02T15:04:05Z");
  ASSERT_EQ(result.listings.size(), 2u);
  EXPECT_EQ(result.listings[0].observed_at, "2026-12-02T15:04:05Z");
}

TEST(Collector, ProxiesAreForEgressWithFailoverNeverForBlocks) {
  FixtureMarketServer proxy_a, proxy_b;  // HTTP proxies: they see absolute-form targets
  serve_games(proxy_b, {"G01"});
  SourcesFile file = sources_file({json_source("via-proxy", "http://market.invalid", {"G01"})});
  const std::string dead = "http://127.0.0.1:" + std::to_string(test::closed_port());
  file.collector.proxies = {dead, proxy_b.base_url()};
  Collector failover(file);
  Logged log;
  auto result = failover.poll(make_dataset(), kToday, log.options());
  EXPECT_EQ(summary(result, "via-proxy").pages, 1u);
  ASSERT_EQ(proxy_b.requests().size(), 2u);
  EXPECT_EQ(proxy_b.requests()[0].target, "http://market.invalid/robots.txt");
  EXPECT_EQ(proxy_b.requests()[1].target, "http://market.invalid/events/G01/listings");
  EXPECT_TRUE(log.mentions("proxy " + dead + " failed"));
  expect_honest_agent(proxy_b);

  // A block seen through the first proxy stops the source; the second proxy sees nothing.
  proxy_a.set("/events/G01/listings", {403, {}, "no", {}});
  file.collector.proxies = {proxy_a.base_url(), proxy_b.base_url()};
  const std::size_t before = proxy_b.requests().size();
  Collector blocked(file);
  auto stopped = blocked.poll(make_dataset(), kToday);
  EXPECT_TRUE(summary(stopped, "via-proxy").blocked);
  EXPECT_EQ(paths(proxy_a.requests()), (std::vector<std::string>{"/robots.txt", "/events/G01/listings"}));
  EXPECT_EQ(proxy_b.requests().size(), before);
}

}  // namespace
}  // namespace seatsync
