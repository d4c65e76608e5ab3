// The date and timestamp parsers: Date::parse, parse_timestamp / parse_utc_seconds /
// parse_date_or_datetime, the registry's ModelVersion::parse and Retry-After. Never a crash, and
// what parses prints back to the same value.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "seatsync/date.hpp"
#include "seatsync/model_registry.hpp"
#include "seatsync/retry_policy.hpp"

namespace {

void check(bool ok, const char* what, const std::string& input) {
  if (ok) return;
  std::fprintf(stderr, "round-trip broken: %s for input '%s'\n", what, input.c_str());
  std::abort();
}

// "YYYY-MM-DDTHH:MM:SSZ" of seconds since the epoch (floor division: before 1970 too).
std::string iso_utc(std::int64_t seconds) {
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const auto of_day = static_cast<int>(seconds - days * 86400);
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", of_day / 3600, of_day / 60 % 60, of_day % 60);
  return seatsync::Date::from_days(static_cast<std::int32_t>(days)).str() + buf;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  const std::string text = fuzz::as_text(data, size);

  if (const auto d = Date::parse(text)) {
    check(d->str() == text, "Date::parse then str()", text);
    check(Date::from_ymd(d->year(), d->month(), d->day()) == *d, "from_ymd of year/month/day", text);
    check(d->weekday() < 7, "weekday in 0..6", text);
  }

  const auto t = parse_timestamp(text);
  const auto seconds = parse_utc_seconds(text);
  const auto day = parse_date_or_datetime(text);
  check(t.has_value() == seconds.has_value() && t.has_value() == day.has_value(), "the three parsers agree", text);
  if (t) {
    check(t->date == *Date::parse(text.substr(0, 10)), "the date part is Date::parse's", text);
    check(t->seconds >= 0 && t->seconds < 86400, "time of day within a day", text);
    check(!t->utc_offset || std::abs(*t->utc_offset) < 86400, "offset under a day", text);
    check(*seconds == utc_seconds(*t) && *day == t->date, "same values", text);
    // An offset can move 0000-01-01 or 9999-12-31 out of the four-digit years the format has.
    if (t->date.year() > 0 && t->date.year() < 9999) {
      const std::string canonical = iso_utc(*seconds);
      const auto again = parse_utc_seconds(canonical);
      check(again && *again == *seconds, "the UTC form reads back to the same second", canonical);
    }
  }

  if (const auto v = ModelVersion::parse(text)) {
    check(v->str() == text, "ModelVersion::parse then str()", text);
  }

  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'750'000'000));
  if (const auto wait = parse_retry_after(text, now)) check(*wait >= 0 && *wait <= kMaxRetryAfterS, "Retry-After in [0, a century]", text);
  return 0;
}
