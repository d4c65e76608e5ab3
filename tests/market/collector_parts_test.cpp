// The collector's bookkeeping without a network: timestamps, the robots.txt cache's lifetimes,
// the proxies' failover and the run summary's wording.
#include <gtest/gtest.h>

#include "market/poll_report.hpp"
#include "market/proxy_pool.hpp"
#include "market/robots_cache.hpp"
#include "seatsync/collector.hpp"

namespace seatsync {
namespace {

using namespace std::chrono_literals;

TEST(CollectorParts, UtcTimestamp) {
  // 1796223845 s = 2026-12-02T15:04:05Z (calendar.timegm((2026, 12, 2, 15, 4, 5)) in Python).
  EXPECT_EQ(utc_timestamp(std::chrono::system_clock::time_point(1796223845s)), "2026-12-02T15:04:05Z");
  EXPECT_EQ(utc_timestamp(std::chrono::system_clock::time_point(1796223845s + 999ms)), "2026-12-02T15:04:05Z");
  EXPECT_EQ(utc_timestamp(std::chrono::system_clock::time_point(0s)), "1970-01-01T00:00:00Z");
}

TEST(CollectorParts, ObservedDateIsTheVenuesDate) {
  Dataset data;
  EXPECT_EQ(market::local_observed_date(data, "2026-12-02T03:00:00Z"), Date::from_ymd(2026, 12, 2));
  data.params.timezone = "America/Chicago";  // UTC-6 in December: 03:00Z is 21:00 the day before
  EXPECT_EQ(market::local_observed_date(data, "2026-12-02T03:00:00Z"), Date::from_ymd(2026, 12, 1));
}

TEST(CollectorParts, RobotsCacheKeepsAnswersADayAndOutagesOnePoll) {
  market::RobotsCache cache;
  const auto t0 = std::chrono::steady_clock::time_point(1000h);
  RobotsRules rules;
  rules.rules.push_back({false, "/private"});
  cache.store("a:1", rules, t0, 1);
  ASSERT_NE(cache.find("a:1", t0 + 23h, 7), nullptr);
  EXPECT_EQ(cache.find("a:1", t0 + 23h, 7)->rules.size(), 1u);
  EXPECT_EQ(cache.find("a:1", t0 + 24h, 7), nullptr);  // stale after 24 h: fetched again
  EXPECT_EQ(cache.find("b:1", t0, 1), nullptr);

  RobotsRules outage;
  outage.disallow_all = true;
  cache.store("b:1", outage, t0, 3);
  ASSERT_NE(cache.find("b:1", t0 + 1h, 3), nullptr);  // the same poll does not ask again
  EXPECT_TRUE(cache.find("b:1", t0 + 1h, 3)->disallow_all);
  EXPECT_EQ(cache.find("b:1", t0 + 1s, 4), nullptr);  // the next poll does
}

TEST(CollectorParts, ProxyPoolFailsOverInOrderAndComesBack) {
  market::ProxyPool pool({"http://p1:3128", "http://p2:3128"});
  const auto t0 = std::chrono::steady_clock::time_point(1000h);
  EXPECT_EQ(pool.pick(t0), "http://p1:3128");
  pool.mark_down("http://p1:3128", t0);
  EXPECT_EQ(pool.pick(t0 + 1s), "http://p2:3128");
  pool.mark_down("http://p2:3128", t0 + 1s);
  EXPECT_EQ(pool.pick(t0 + 2s), std::nullopt);
  EXPECT_EQ(pool.pick(t0 + market::ProxyPool::kDownFor), "http://p1:3128");
  EXPECT_TRUE(market::ProxyPool({}).empty());
}

TEST(CollectorParts, SummaryLines) {
  PollResult result;
  result.observed_at = "2026-12-02T15:04:05Z";
  result.requests = 8;
  SourcePollSummary fine;
  fine.source = "fixture";
  fine.requests = 5;
  fine.pages = 3;
  fine.listings_accepted = 6;
  fine.listings_flagged = 1;
  fine.listings_rejected = 2;
  fine.robots_denied = {"http://x/a"};
  fine.failures = {{"G01", "http://x/b", "HTTP 404"}};
  SourcePollSummary stopped;
  stopped.source = "other";
  stopped.requests = 3;
  stopped.failures.resize(2);
  stopped.blocked = "HTTP 429 after 4 retries";
  result.sources = {fine, stopped};
  EXPECT_EQ(poll_summary_lines(result),
            (std::vector<std::string>{"fixture: 5 requests, 3 pages, 6 listings (1 flagged), 2 rejected, 1 robots-denied, 1 failed",
                                      "other: 3 requests, 0 pages, 0 listings, 2 failed; BLOCKED (HTTP 429 after 4 retries)",
                                      "poll 2026-12-02T15:04:05Z: 8 requests"}));
  EXPECT_FALSE(result.complete());
  result.request_limit_reached = true;
  EXPECT_EQ(poll_summary_lines(result).back(), "poll 2026-12-02T15:04:05Z: 8 requests; stopped at max_requests");

  PollResult clean;
  clean.sources = {SourcePollSummary{}};
  EXPECT_TRUE(clean.complete());
}

}  // namespace
}  // namespace seatsync
