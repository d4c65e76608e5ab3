// The per-domain token bucket on a simulated clock: spacing, Crawl-delay, pauses, hosts apart.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <stdexcept>
#include <vector>

#include "seatsync/rate_limit.hpp"

namespace seatsync {
namespace {

using Clock = DomainRateLimiter::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point kStart = Clock::time_point{} + std::chrono::hours(100);

double seconds_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// A fetcher that wants `count` requests to `host` as fast as allowed; between wanting them it is
// busy for a random 0-1.5 s (parsing, other hosts). Returns the start times.
std::vector<Clock::time_point> run_greedy(DomainRateLimiter& limiter, const std::string& host, int count,
                                          std::mt19937_64& rng) {
  std::uniform_int_distribution<int> busy_ms(0, 1500);
  std::vector<Clock::time_point> starts;
  Clock::time_point now = kStart;
  for (int i = 0; i < count; ++i) {
    now += milliseconds(busy_ms(rng));
    now = limiter.next_allowed(host, now);
    limiter.record_request(host, now);
    starts.push_back(now);
  }
  return starts;
}

TEST(DomainRateLimiter, AnIntervalBelowOneSecondIsRefused) {
  EXPECT_THROW(DomainRateLimiter(0.5), std::invalid_argument);
  EXPECT_THROW(DomainRateLimiter(0.0), std::invalid_argument);
  EXPECT_THROW(DomainRateLimiter(std::nan("")), std::invalid_argument);
  EXPECT_NO_THROW(DomainRateLimiter(1.0));
}

TEST(DomainRateLimiter, AFirstRequestMayStartAtOnceTheNextOnlyAnIntervalLater) {
  DomainRateLimiter limiter(1.0);
  EXPECT_EQ(limiter.next_allowed("a.example", kStart), kStart);
  limiter.record_request("a.example", kStart);
  EXPECT_EQ(limiter.next_allowed("a.example", kStart), kStart + seconds(1));
  EXPECT_EQ(limiter.next_allowed("a.example", kStart + milliseconds(999)), kStart + seconds(1));
  // Later than the interval: it may start when it asks (the bucket holds one token, not more).
  EXPECT_EQ(limiter.next_allowed("a.example", kStart + seconds(5)), kStart + seconds(5));
  limiter.record_request("a.example", kStart + seconds(5));
  EXPECT_EQ(limiter.next_allowed("a.example", kStart + seconds(5)), kStart + seconds(6));
}

TEST(DomainRateLimiter, AnIdleHostDoesNotSaveUpABurst) {
  DomainRateLimiter limiter(2.0);
  limiter.record_request("a.example", kStart);
  const auto later = kStart + seconds(60);  // idle for 30 intervals
  limiter.record_request("a.example", later);
  EXPECT_EQ(limiter.next_allowed("a.example", later), later + seconds(2));
}

TEST(DomainRateLimiter, GreedyRequestsAreNeverCloserThanTheInterval) {
  std::mt19937_64 rng(15);
  DomainRateLimiter limiter(1.0);
  const auto starts = run_greedy(limiter, "a.example", 200, rng);
  double smallest = 1e9;
  for (std::size_t i = 1; i < starts.size(); ++i) smallest = std::min(smallest, seconds_between(starts[i - 1], starts[i]));
  EXPECT_GE(smallest, 1.0);
  EXPECT_NEAR(smallest, 1.0, 1e-9);  // and it does start as soon as allowed
}

TEST(DomainRateLimiter, HostsAreLimitedApart) {
  DomainRateLimiter limiter(1.0);
  limiter.record_request("a.example", kStart);
  EXPECT_EQ(limiter.next_allowed("b.example", kStart), kStart);
  limiter.record_request("b.example", kStart);
  EXPECT_EQ(limiter.next_allowed("a.example", kStart), kStart + seconds(1));
  EXPECT_EQ(limiter.next_allowed("b.example", kStart), kStart + seconds(1));
}

TEST(DomainRateLimiter, CrawlDelayRaisesTheIntervalButNeverLowersItBelowTheFloor) {
  DomainRateLimiter limiter(1.0);
  EXPECT_DOUBLE_EQ(limiter.interval_s("a.example"), 1.0);
  limiter.set_crawl_delay("a.example", 3.5);
  EXPECT_DOUBLE_EQ(limiter.interval_s("a.example"), 3.5);
  limiter.set_crawl_delay("b.example", 0.2);
  EXPECT_DOUBLE_EQ(limiter.interval_s("b.example"), 1.0);
  EXPECT_THROW(limiter.set_crawl_delay("c.example", -1), std::invalid_argument);

  std::mt19937_64 rng(7);
  const auto starts = run_greedy(limiter, "a.example", 50, rng);
  for (std::size_t i = 1; i < starts.size(); ++i) EXPECT_GE(seconds_between(starts[i - 1], starts[i]), 3.5);
}

TEST(DomainRateLimiter, ACrawlDelayRaisedBetweenRequestsCountsFromTheLastStart) {
  DomainRateLimiter limiter(1.0);
  limiter.record_request("a.example", kStart);
  limiter.set_crawl_delay("a.example", 5.0);  // robots.txt re-read
  EXPECT_EQ(limiter.next_allowed("a.example", kStart), kStart + seconds(5));
  limiter.set_crawl_delay("a.example", 0.0);  // lowered again: the next start stays where it was
  EXPECT_EQ(limiter.next_allowed("a.example", kStart), kStart + seconds(5));
  EXPECT_DOUBLE_EQ(limiter.interval_s("a.example"), 1.0);
}

TEST(DomainRateLimiter, APauseHoldsBackTheHostAndNeverMovesEarlier) {
  DomainRateLimiter limiter(1.0);
  limiter.record_request("a.example", kStart);
  limiter.pause_until("a.example", kStart + seconds(30));  // Retry-After: 30
  EXPECT_EQ(limiter.next_allowed("a.example", kStart + seconds(2)), kStart + seconds(30));
  limiter.pause_until("a.example", kStart + seconds(10));  // a shorter one does not shorten it
  EXPECT_EQ(limiter.next_allowed("a.example", kStart + seconds(2)), kStart + seconds(30));
  limiter.record_request("a.example", kStart + seconds(30));
  EXPECT_EQ(limiter.next_allowed("a.example", kStart + seconds(30)), kStart + seconds(31));
  // A pause shorter than the interval leaves the interval in force.
  limiter.pause_until("a.example", kStart + milliseconds(30500));
  EXPECT_EQ(limiter.next_allowed("a.example", kStart + seconds(30)), kStart + seconds(31));
  // A host first heard of through a pause.
  limiter.pause_until("b.example", kStart + seconds(8));
  EXPECT_EQ(limiter.next_allowed("b.example", kStart), kStart + seconds(8));
  EXPECT_EQ(limiter.next_allowed("b.example", kStart + seconds(9)), kStart + seconds(9));
}

TEST(DomainRateLimiter, AnAbsurdCrawlDelayDoesNotOverflowTheClock) {
  DomainRateLimiter limiter(1.0);
  limiter.set_crawl_delay("a.example", 1e300);
  limiter.record_request("a.example", kStart);
  EXPECT_GT(limiter.next_allowed("a.example", kStart), kStart + std::chrono::hours(24 * 365 * 30));
}

}  // namespace
}  // namespace seatsync
