// HttpFetcher against a fixture server on loopback, and the URL helpers on known answers.
#include "seatsync/http_fetch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "fixture_market_server.hpp"

namespace seatsync {
namespace {

using test::FixtureAnswer;
using test::FixtureMarketServer;
using namespace std::chrono_literals;

const std::string kAgent = "seatsync-collector/0.1 (+https://example.org/contact)";

// Runs the fetcher until every started request has finished (bounded: 10 s).
std::vector<HttpResponse> run_all(HttpFetcher& fetcher) {
  std::vector<HttpResponse> all;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (fetcher.in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
    for (auto& response : fetcher.wait(200ms)) all.push_back(std::move(response));
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return all;
}

HttpResponse fetch_one(const std::string& url, FetchSettings settings = {kAgent}, const std::string& proxy = "") {
  HttpFetcher fetcher(std::move(settings));
  fetcher.start({1, url, proxy});
  auto all = run_all(fetcher);
  EXPECT_EQ(all.size(), 1u);
  return all.empty() ? HttpResponse{} : all.front();
}

std::string header(const HttpAnswer& answer, const std::string& name) {
  for (const auto& [n, v] : answer.headers)
    if (n == name) return v;
  return "<absent>";
}

TEST(UrlParts, AuthorityIsLowerCaseWithThePortWhenGiven) {
  EXPECT_EQ(url_authority("http://Host:8099/a?b"), "host:8099");
  EXPECT_EQ(url_authority("https://Example.ORG/x"), "example.org");
  EXPECT_EQ(url_authority("http://user:pw@example.org:81/"), "example.org:81");
  EXPECT_EQ(url_authority("not a url"), "");
}

TEST(UrlParts, PathAndQueryWithoutTheFragment) {
  EXPECT_EQ(url_path_and_query("http://host:8099/a?b#c"), "/a?b");
  EXPECT_EQ(url_path_and_query("http://host:8099/events/S2026-G01/listings"), "/events/S2026-G01/listings");
  EXPECT_EQ(url_path_and_query("http://host"), "/");
  EXPECT_EQ(url_path_and_query("http://host/a%2Fb?x=%20"), "/a%2Fb?x=%20");
}

TEST(UrlParts, RobotsUrlKeepsSchemeHostAndPortOnly) {
  EXPECT_EQ(robots_url("http://host:8099/a?b"), "http://host:8099/robots.txt");
  EXPECT_EQ(robots_url("https://user:pw@example.org/x/y?z#f"), "https://example.org/robots.txt");
  EXPECT_EQ(robots_url("not a url"), "");
}

TEST(HttpFetch, SendsTheUserAgentUnchangedAndNothingInvented) {
  FixtureMarketServer server;
  server.set("/a", {200, {{"Set-Cookie", "session=1"}, {"X-Thing", "value"}}, "hello", {}});
  HttpFetcher fetcher({kAgent});
  fetcher.start({1, server.base_url() + "/a", ""});
  auto first = run_all(fetcher);
  fetcher.start({2, server.base_url() + "/a", ""});
  auto second = run_all(fetcher);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(first[0].answer.status, 200);
  EXPECT_EQ(first[0].answer.body, "hello");
  EXPECT_EQ(header(first[0].answer, "x-thing"), "value");  // names lower-cased
  EXPECT_EQ(first[0].id, 1u);

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& request : requests) {
    EXPECT_EQ(request.user_agent, kAgent);
    std::set<std::string> names;
    for (const auto& [name, value] : request.headers) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      names.insert(lower);
    }
    // libcurl's own Accept: */* and nothing else: no cookie sent back, no browser disguise.
    EXPECT_EQ(names, (std::set<std::string>{"host", "user-agent", "accept"}));
  }
}

TEST(HttpFetch, ReturnsARedirectAsItIsWithoutFollowingIt) {
  FixtureMarketServer server;
  server.set("/r1", {301, {{"Location", "/r2"}, {"X-Hop", "1"}}, "moved", {}});
  server.set("/r2", {200, {}, "not to be asked for", {}});
  auto response = fetch_one(server.base_url() + "/r1");
  EXPECT_EQ(response.answer.status, 301);
  EXPECT_EQ(header(response.answer, "location"), "/r2");
  EXPECT_EQ(header(response.answer, "x-hop"), "1");
  EXPECT_EQ(response.url, server.base_url() + "/r1");
  EXPECT_EQ(server.requests().size(), 1u);  // the collector decides whether and when /r2 is asked for
}

TEST(Redirects, TheStatusesThatAreFollowed) {
  for (int status : {301, 302, 303, 307, 308}) EXPECT_TRUE(is_redirect_status(status)) << status;
  for (int status : {200, 300, 304, 305, 306, 309, 404}) EXPECT_FALSE(is_redirect_status(status)) << status;
}

// Known answers from RFC 3986 5.4.1's examples (base "http://a/b/c/d;p?q"), plus the cases a
// collector meets: another authority, a scheme-relative reference, a fragment, other schemes.
TEST(Redirects, LocationsResolvedAgainstTheCurrentUrl) {
  const std::string base = "http://a/b/c/d;p?q";
  auto resolved = [&](const std::string& location) {
    RedirectTarget target = resolve_redirect(base, location);
    EXPECT_EQ(target.error, "") << location;
    return target.url;
  };
  EXPECT_EQ(resolved("g"), "http://a/b/c/g");
  EXPECT_EQ(resolved("./g"), "http://a/b/c/g");
  EXPECT_EQ(resolved("/g"), "http://a/g");
  EXPECT_EQ(resolved("//g"), "http://g/");
  EXPECT_EQ(resolved("g?y"), "http://a/b/c/g?y");
  EXPECT_EQ(resolved("../g"), "http://a/b/g");
  EXPECT_EQ(resolved("../../g"), "http://a/g");
  EXPECT_EQ(resolved("g#s"), "http://a/b/c/g");  // the fragment is never sent
  EXPECT_EQ(resolved(" https://Other.example:8443/x?y=1 "), "https://Other.example:8443/x?y=1");  // trimmed
  EXPECT_EQ(resolved("/a b"), "http://a/a%20b");
  EXPECT_EQ(resolve_redirect("http://127.0.0.1:8099/events/G01/listings", "/v2/x").url, "http://127.0.0.1:8099/v2/x");

  EXPECT_EQ(resolve_redirect(base, "ftp://a/file").error, "Location to another scheme (ftp): ftp://a/file");
  // Without "//" libcurl refuses other schemes outright (never read as a relative path "mailto:…").
  for (const char* other : {"mailto:x@example.org", "javascript:alert(1)", "data:text/html,hi"}) {
    EXPECT_EQ(resolve_redirect(base, other).error, "invalid Location \"" + std::string(other) + "\"");
    EXPECT_EQ(resolve_redirect(base, other).url, "");
  }
  EXPECT_EQ(resolve_redirect(base, "").error, "invalid Location \"\"");
  EXPECT_EQ(resolve_redirect(base, "http://[::1").error, "invalid Location \"http://[::1\"");
  EXPECT_EQ(resolve_redirect(base, "http://[::1").url, "");
}

TEST(HttpFetch, CutsTheBodyAtTheCap) {
  FixtureMarketServer server;
  server.set("/big", {200, {}, std::string(100000, 'x'), {}});
  auto response = fetch_one(server.base_url() + "/big", {kAgent, 20.0, 1000});
  EXPECT_EQ(response.answer.status, 200);
  EXPECT_EQ(response.answer.body.size(), 1000u);
}

TEST(HttpFetch, TimesOut) {
  FixtureMarketServer server;
  server.set("/slow", {200, {}, "late", 2000ms});
  auto response = fetch_one(server.base_url() + "/slow", {kAgent, 0.3});
  EXPECT_EQ(response.answer.status, 0);
  EXPECT_TRUE(response.answer.timed_out);
  EXPECT_FALSE(response.proxy_failed);
}

TEST(HttpFetch, ARefusedConnectionIsATransportErrorNotAProxyFailure) {
  auto response = fetch_one("http://127.0.0.1:" + std::to_string(test::closed_port()) + "/x");
  EXPECT_EQ(response.answer.status, 0);
  EXPECT_FALSE(response.answer.timed_out);
  EXPECT_FALSE(response.proxy_failed);
}

TEST(HttpFetch, GoesThroughTheGivenProxyAndReportsADeadOne) {
  FixtureMarketServer proxy;
  proxy.set("/events/1", {200, {}, "via proxy", {}});
  auto through = fetch_one("http://market.invalid/events/1", {kAgent}, proxy.base_url());
  EXPECT_EQ(through.answer.status, 200);
  EXPECT_EQ(through.answer.body, "via proxy");
  ASSERT_EQ(proxy.requests().size(), 1u);
  EXPECT_EQ(proxy.requests()[0].target, "http://market.invalid/events/1");  // absolute form: a proxy request

  auto dead = fetch_one("http://market.invalid/events/1", {kAgent},
                        "http://127.0.0.1:" + std::to_string(test::closed_port()));
  EXPECT_EQ(dead.answer.status, 0);
  EXPECT_TRUE(dead.proxy_failed);
}

TEST(HttpFetch, RunsSeveralTransfersOnOneLoop) {
  FixtureMarketServer a, b;
  a.set("/x", {200, {}, "a", 300ms});
  b.set("/y", {503, {{"Retry-After", "7"}}, "b", 100ms});
  HttpFetcher fetcher({kAgent});
  fetcher.start({10, a.base_url() + "/x", ""});
  fetcher.start({20, b.base_url() + "/y", ""});
  EXPECT_EQ(fetcher.in_flight(), 2u);
  auto all = run_all(fetcher);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, 10u);
  EXPECT_EQ(all[0].answer.body, "a");
  EXPECT_EQ(all[1].id, 20u);
  EXPECT_EQ(all[1].answer.status, 503);
  EXPECT_EQ(header(all[1].answer, "retry-after"), "7");
  // Both were in flight at once: each arrived before either answered.
  ASSERT_EQ(a.requests().size(), 1u);
  ASSERT_EQ(b.requests().size(), 1u);
  EXPECT_LT(std::chrono::abs(a.requests()[0].at - b.requests()[0].at), 100ms);
}

}  // namespace
}  // namespace seatsync
