#pragma once
// The market collector's engine: one poll fetches every (source, game) page once, politely —
// robots.txt first (RFC 9309, cached 24 h per authority), never one authority faster than its
// interval (min_interval_s, raised by Crawl-delay and Retry-After), different authorities at
// the same time on one HttpFetcher, retries with backoff, and a blocked source stopped for the
// run, never worked around. What the pages hold is extracted, validated and summarised per game.
// Redirects are followed by the collector, each hop a request like any other: the target host's
// robots.txt first (a disallowed target is robots-denied), its rate, max_requests; http(s) only,
// at most 5 hops per page, a loop stopped at once (both: failed, "too many redirects: …").
//
// A Collector lives across polls (`seatsync collect --every 5m`): it keeps the robots.txt
// cache, each authority's rate state, the proxies' health and the blocked sources between
// them. A source its site has blocked is not polled again by this Collector.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/date.hpp"
#include "seatsync/listing_validation.hpp"
#include "seatsync/market_source.hpp"
#include "seatsync/progress.hpp"

namespace seatsync {

// Where a poll reads time. Real clocks by default. The steady clock schedules requests and must
// advance with real time (the waits are real: they happen in the fetcher's curl_multi_poll), so a
// test may shift it but not stop it; the system clock stamps observed_at and reads Retry-After
// dates, and may be fixed.
struct PollClock {
  std::function<std::chrono::steady_clock::time_point()> steady = [] { return std::chrono::steady_clock::now(); };
  std::function<std::chrono::system_clock::time_point()> system = [] { return std::chrono::system_clock::now(); };
};

struct PollOptions {
  // Every HTTP request of the poll counts, robots.txt, retries and redirect hops included; once reached no new
  // request starts (those in flight finish) and the result says so. nullopt = no limit.
  std::optional<std::size_t> max_requests;
  PollClock clock;
  std::uint64_t seed = 0;  // the retry jitter's generator (0 = from the system clock)
  // One line per event worth telling a person (blocked, robots-denied, retry, failure, limit),
  // without a trailing newline; the CLI prints them on stderr. May be empty.
  std::function<void(std::string_view line)> log;
  // ("pages", done, total) as each page is read, fails or is left out. May be empty.
  ProgressFn progress;
};

// Why one page brought nothing.
struct PageFailure {
  std::string game_id;
  std::string url;     // the configured page URL (a redirect's target, if any, is in the reason)
  std::string reason;  // "HTTP 404", "malformed page: …", "not fetched: max_requests reached",
                       // "too many redirects: …"; "… (redirected to URL)" when a redirect led there
};

struct SourcePollSummary {
  std::string source;
  std::size_t requests = 0;  // HTTP requests made for this source: pages, retries, redirect hops, robots.txt fetched for it
  std::size_t pages = 0;     // pages fetched and read (an empty market included)
  std::size_t listings_accepted = 0, listings_flagged = 0, listings_rejected = 0;  // flagged ⊂ accepted
  std::vector<std::string> robots_denied;  // URLs robots.txt did not allow (never requested), redirect targets included
  std::vector<PageFailure> failures;       // pages that failed, were malformed or were not fetched
  std::optional<std::string> blocked;      // the reason the source was stopped (in this poll or an earlier one)
};

struct PollResult {
  std::string observed_at;  // the poll's start, UTC "YYYY-MM-DDTHH:MM:SSZ", on every listing and stat
  std::vector<Listing> listings;           // accepted (flagged ones included, unmapped sections with no code)
  std::vector<RejectedListing> flagged;    // accepted, worth a look
  std::vector<RejectedListing> rejected;   // not in `listings`
  std::vector<MarketPollStats> stats;      // one per page read: (game, source)
  std::vector<SourcePollSummary> sources;  // in the sources file's order
  std::size_t requests = 0;                // every HTTP request of the poll
  bool request_limit_reached = false;      // max_requests stopped the poll early

  // A page failed, was malformed, denied, not fetched, or a source was blocked.
  bool complete() const;
};

class Collector {
 public:
  // Throws std::invalid_argument for settings HttpFetcher or DomainRateLimiter refuse
  // (min_interval_s < 1, an empty user agent).
  explicit Collector(SourcesFile sources);
  ~Collector();
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  const SourcesFile& sources() const;

  // Polls every source once. A source's games are its configured ids, or every game of `data`
  // dated on or after `today`; an id the dataset does not have is reported as a failure.
  PollResult poll(const Dataset& data, Date today, const PollOptions& options = {});

  struct State;  // what lives across polls (opaque: collector.cpp)

 private:
  std::unique_ptr<State> state_;
};

// The run summary for people, one line per source then one for the poll:
// "fixture: 4 requests, 3 pages, 6 listings (1 flagged), 2 rejected, 1 robots-denied, 1 failed"
// "other: 3 requests, 0 pages, 0 listings, 2 failed; BLOCKED (HTTP 429 after 4 retries)",
// "poll 2026-12-02T15:04:05Z: 8 requests".
std::vector<std::string> poll_summary_lines(const PollResult& result);

// "2026-12-02T15:04:05Z".
std::string utc_timestamp(std::chrono::system_clock::time_point t);

}  // namespace seatsync
