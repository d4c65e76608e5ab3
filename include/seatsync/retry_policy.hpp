#pragma once
// What to do with one HTTP answer: take it, retry after a delay, or stop the source because
// the site has blocked us. A block is never worked around (docs/market-data.md says why).
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seatsync {

struct HttpAnswer {
  int status = 0;                // 0 = no answer (connection error or timeout)
  bool timed_out = false;
  std::string error;             // the transport's message when status == 0
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case, in order
  std::string body;
};

// A challenge or CAPTCHA page: a `cf-mitigated: challenge` header, a known challenge marker in
// the body (Cloudflare's, hCaptcha's, reCAPTCHA's, "verify you are human" …) or a form with a
// CAPTCHA widget. Returns the reason ("cf-mitigated: challenge header", "reCAPTCHA form") or
// nullopt. Looks at any status: challenge pages are often served with 200.
std::optional<std::string> challenge_reason(const HttpAnswer& answer);

// Retry-After as delta-seconds or an HTTP-date (RFC 9110 10.2.3), relative to `now`; a date in
// the past is 0; unparsable → nullopt. Capped at kMaxRetryAfterS (a century), so that any answer
// converts to a clock duration (the collector pauses a host for it) without overflowing.
inline constexpr double kMaxRetryAfterS = 100 * 365.0 * 86400.0;
std::optional<double> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now);

// "Full jitter" (Brooks, AWS architecture blog 2015): uniform in [0, min(cap, base · 2^attempt)],
// attempt = 0 for the first retry.
double full_jitter_delay_s(int attempt, double base_s, double cap_s, std::mt19937_64& rng);

struct RetryDecision {
  enum class Kind { accept, retry, blocked, failed } kind = Kind::accept;
  double delay_s = 0.0;  // for retry: the wait before the next attempt (≥ Retry-After when given);
                         // for blocked/failed: the Retry-After asked, if any (0 otherwise)
  std::string reason;    // for retry, blocked and failed: why, for stderr and the run summary
};

struct RetryPolicy {
  int max_retries = 4;
  double base_delay_s = 1.0;
  double max_delay_s = 60.0;
};

// `attempt` = retries already made for this request. 2xx without a challenge → accept;
// a challenge page, 403, or 429 once retries are spent → blocked; 429, 5xx, timeouts and
// connection errors → retry (after Retry-After when given, else full jitter) until
// max_retries, then failed (429: blocked); other statuses → failed.
// The cases a careful operator decides (each tested):
// - a challenge is looked for at every status (Cloudflare serves them with 200, 403 and 503);
// - 451 (refused for legal reasons) is a block like 403: the site has said no;
// - 408 is retried like a timeout; 501 and 505 are failed at once (retrying cannot help);
// - a 2xx that timed out (a cut-off body) is a timeout, not an answer;
// - the longest of several parsable Retry-After headers is honoured, an unparsable one ignored
//   (full jitter then); a Retry-After beyond max_delay_s is not waited out within the run: the
//   answer gives up at once (429: blocked, 5xx: failed) with delay_s = the wait asked, so the
//   caller can pause the host (DomainRateLimiter::pause_until) instead of retrying sooner;
// - attempt < 0 or max_retries < 0 → std::invalid_argument.
RetryDecision decide(const HttpAnswer& answer, int attempt, const RetryPolicy& policy,
                     std::chrono::system_clock::time_point now, std::mt19937_64& rng);

}  // namespace seatsync
