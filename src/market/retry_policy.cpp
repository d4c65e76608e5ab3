// Retry-After (RFC 9110 10.2.3 and the HTTP-date of 5.6.7), full-jitter backoff and the decision on
// one HTTP answer. Blocks are final: see docs/market-data.md for why nothing here works around them.
#include "seatsync/retry_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace seatsync {
namespace {

// ---- HTTP-date -------------------------------------------------------------------------------

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> kLongDays = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A small cursor over the value: each step consumes exactly what the grammar asks or fails.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool done() const { return s_.empty(); }
  bool literal(std::string_view text) {
    if (s_.substr(0, text.size()) != text) return false;
    s_.remove_prefix(text.size());
    return true;
  }
  // Exactly `n` digits.
  std::optional<int> digits(std::size_t n) {
    if (s_.size() < n) return std::nullopt;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s_[i]))) return std::nullopt;
      v = v * 10 + (s_[i] - '0');
    }
    s_.remove_prefix(n);
    return v;
  }
  template <std::size_t N>
  std::optional<int> one_of(const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i) {
      if (literal(names[i])) return static_cast<int>(i);
    }
    return std::nullopt;
  }

 private:
  std::string_view s_;
};

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

// time-of-day = hour ":" minute ":" second (second 60 allowed for a leap second).
bool read_time(Reader& r, DateTime& t) {
  const auto h = r.digits(2);
  if (!h || !r.literal(":")) return false;
  const auto m = r.digits(2);
  if (!m || !r.literal(":")) return false;
  const auto s = r.digits(2);
  if (!s) return false;
  t.hour = *h, t.minute = *m, t.second = *s;
  return t.hour <= 23 && t.minute <= 59 && t.second <= 60;
}

std::optional<DateTime> imf_fixdate(std::string_view v) {  // Sun, 06 Nov 1994 08:49:37 GMT
  Reader r(v);
  DateTime t;
  if (!r.one_of(kDays) || !r.literal(", ")) return std::nullopt;
  const auto d = r.digits(2);
  if (!d || !r.literal(" ")) return std::nullopt;
  const auto m = r.one_of(kMonths);
  if (!m || !r.literal(" ")) return std::nullopt;
  const auto y = r.digits(4);
  if (!y || !r.literal(" ") || !read_time(r, t) || !r.literal(" GMT") || !r.done()) return std::nullopt;
  t.day = *d, t.month = *m + 1, t.year = *y;
  return t;
}

std::optional<DateTime> rfc850_date(std::string_view v, int current_year) {  // Sunday, 06-Nov-94 08:49:37 GMT
  Reader r(v);
  DateTime t;
  if (!r.one_of(kLongDays) || !r.literal(", ")) return std::nullopt;
  const auto d = r.digits(2);
  if (!d || !r.literal("-")) return std::nullopt;
  const auto m = r.one_of(kMonths);
  if (!m || !r.literal("-")) return std::nullopt;
  const auto yy = r.digits(2);
  if (!yy || !r.literal(" ") || !read_time(r, t) || !r.literal(" GMT") || !r.done()) return std::nullopt;
  // RFC 9110 5.6.7: a two-digit year more than 50 years ahead is the latest past year ending in it.
  int year = current_year - current_year % 100 + *yy;
  if (year > current_year + 50) year -= 100;
  t.day = *d, t.month = *m + 1, t.year = year;
  return t;
}

std::optional<DateTime> asctime_date(std::string_view v) {  // Sun Nov  6 08:49:37 1994
  Reader r(v);
  DateTime t;
  if (!r.one_of(kDays) || !r.literal(" ")) return std::nullopt;
  const auto m = r.one_of(kMonths);
  if (!m || !r.literal(" ")) return std::nullopt;
  std::optional<int> d;
  if (r.literal(" ")) d = r.digits(1);  // day = 2DIGIT / ( SP DIGIT )
  else d = r.digits(2);
  if (!d || !r.literal(" ") || !read_time(r, t) || !r.literal(" ")) return std::nullopt;
  const auto y = r.digits(4);
  if (!y || !r.done()) return std::nullopt;
  t.day = *d, t.month = *m + 1, t.year = *y;
  return t;
}

// In whole seconds: system_clock's nanoseconds overflow after 2262, and a date may say 9999
// (found by tests/fuzz/fuzz_date: "Sun Nov  6 08:49:37 3988" overflowed in the conversion).
std::optional<std::chrono::sys_seconds> to_time_point(const DateTime& t) {
  using namespace std::chrono;
  const year_month_day date{year{t.year}, month{static_cast<unsigned>(t.month)}, day{static_cast<unsigned>(t.day)}};
  if (!date.ok()) return std::nullopt;  // 31 Feb and the like
  return sys_seconds{sys_days{date}} + hours{t.hour} + minutes{t.minute} + seconds{t.second};
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// ---- decide ------------------------------------------------------------------------------------

std::string status_text(int status) {
  switch (status) {
    case 403: return "HTTP 403 Forbidden";
    case 408: return "HTTP 408 Request Timeout";
    case 429: return "HTTP 429 Too Many Requests";
    case 451: return "HTTP 451 Unavailable For Legal Reasons";
    case 500: return "HTTP 500 Internal Server Error";
    case 501: return "HTTP 501 Not Implemented";
    case 502: return "HTTP 502 Bad Gateway";
    case 503: return "HTTP 503 Service Unavailable";
    case 504: return "HTTP 504 Gateway Timeout";
    case 505: return "HTTP 505 HTTP Version Not Supported";
    default: return fmt::format("HTTP {}", status);
  }
}

std::string what_happened(const HttpAnswer& answer) {
  if (answer.timed_out) return answer.error.empty() ? "timed out" : "timed out (" + answer.error + ")";
  if (answer.status == 0) return answer.error.empty() ? "no answer" : "no answer (" + answer.error + ")";
  return status_text(answer.status);
}

// The longest wait any Retry-After header asks for (several are unusual; the politest reading wins).
std::optional<double> retry_after(const HttpAnswer& answer, std::chrono::system_clock::time_point now) {
  std::optional<double> longest;
  for (const auto& [name, value] : answer.headers) {
    if (!iequals(name, "retry-after")) continue;  // names come lower-cased; a stray capital is harmless
    if (const auto s = parse_retry_after(value, now)) longest = longest ? std::max(*longest, *s) : *s;
  }
  return longest;
}

}  // namespace

std::optional<double> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    double seconds = 0;  // delay-seconds = 1*DIGIT; a double does not overflow on a silly length
    for (const char c : value) seconds = seconds * 10 + (c - '0');
    return std::min(seconds, kMaxRetryAfterS);
  }
  using namespace std::chrono;
  const int current_year = static_cast<int>(year_month_day{floor<days>(now)}.year());
  std::optional<DateTime> date = imf_fixdate(value);
  if (!date) date = rfc850_date(value, current_year);
  if (!date) date = asctime_date(value);
  if (!date) return std::nullopt;
  const auto when = to_time_point(*date);
  if (!when) return std::nullopt;
  const double wait = duration<double>(when->time_since_epoch()).count() - duration<double>(now.time_since_epoch()).count();
  return std::clamp(wait, 0.0, kMaxRetryAfterS);
}

double full_jitter_delay_s(int attempt, double base_s, double cap_s, std::mt19937_64& rng) {
  if (attempt < 0) throw std::invalid_argument("full_jitter_delay_s: attempt must be ≥ 0");
  if (!(base_s >= 0) || !(cap_s >= 0) || !std::isfinite(cap_s)) {
    throw std::invalid_argument("full_jitter_delay_s: base and cap must be finite and ≥ 0");
  }
  const double ceiling = std::min(cap_s, std::ldexp(base_s, std::min(attempt, 1000)));  // base · 2^attempt
  // 53 random bits → uniform in [0, 1), spelled out so the same seed gives the same delays with any
  // standard library (uniform_real_distribution's algorithm is not fixed by the standard).
  const double unit = static_cast<double>(rng() >> 11) * 0x1.0p-53;
  return unit * ceiling;
}

RetryDecision decide(const HttpAnswer& answer, int attempt, const RetryPolicy& policy,
                     std::chrono::system_clock::time_point now, std::mt19937_64& rng) {
  using Kind = RetryDecision::Kind;
  if (attempt < 0) throw std::invalid_argument("decide: attempt must be ≥ 0");
  if (policy.max_retries < 0) throw std::invalid_argument("decide: max_retries must be ≥ 0");

  // A challenge is the site asking for a human, whatever the status (200, 403 and 503 are all seen).
  if (const auto challenge = challenge_reason(answer)) return {Kind::blocked, 0.0, "challenge page: " + *challenge};

  const int status = answer.status;
  const bool no_answer = answer.timed_out || status == 0;
  if (!no_answer && status >= 200 && status < 300) return {Kind::accept, 0.0, ""};

  const std::string what = what_happened(answer);
  const std::optional<double> asked = no_answer ? std::nullopt : retry_after(answer, now);

  if (!no_answer && (status == 403 || status == 451)) return {Kind::blocked, asked.value_or(0.0), what};

  const bool too_many = !no_answer && status == 429;
  const bool transient = no_answer || too_many || status == 408 ||
                         (status >= 500 && status < 600 && status != 501 && status != 505);
  if (!transient) return {Kind::failed, 0.0, what};  // 1xx, 3xx, other 4xx, 501, 505: retrying changes nothing

  const Kind give_up = too_many ? Kind::blocked : Kind::failed;
  if (attempt >= policy.max_retries) {
    return {give_up, asked.value_or(0.0), fmt::format("{} after {} retries", what, attempt)};
  }
  if (asked) {
    // Never sooner than asked. A wait beyond max_delay_s is not spent inside this run: the source
    // gives up now and delay_s carries the wait so the caller can pause the host for it.
    if (*asked > policy.max_delay_s) {
      return {give_up, *asked,
              fmt::format("{} with Retry-After {:.0f} s, beyond max_delay_s {:.0f} s", what, *asked, policy.max_delay_s)};
    }
    return {Kind::retry, *asked,
            fmt::format("{}; retry {} of {} in {:.1f} s (Retry-After)", what, attempt + 1, policy.max_retries, *asked)};
  }
  const double delay = full_jitter_delay_s(attempt, policy.base_delay_s, policy.max_delay_s, rng);
  return {Kind::retry, delay,
          fmt::format("{}; retry {} of {} in {:.1f} s (backoff)", what, attempt + 1, policy.max_retries, delay)};
}

}  // namespace seatsync
