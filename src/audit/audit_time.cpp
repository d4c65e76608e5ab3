#include "audit/audit_time.hpp"

#include <chrono>
#include <cstdint>

#include "seatsync/audit_log.hpp"
#include "seatsync/date.hpp"

namespace seatsync {
namespace {

std::string format_millis(std::int64_t ms) {
  constexpr std::int64_t kDay = 86'400'000;
  std::int64_t days = ms / kDay, rest = ms % kDay;
  if (rest < 0) {  // before 1970: the day is the floor
    rest += kDay;
    --days;
  }
  // Written digit by digit: every /score record is stamped, and formatting through printf or fmt
  // cost more than the rest of the stamp.
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  std::string out = "0000-00-00T00:00:00.000Z";
  const auto put = [&out](std::size_t at, std::int64_t value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<int>(ymd.year()), 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, rest / 3'600'000, 2);
  put(14, rest / 60'000 % 60, 2);
  put(17, rest / 1000 % 60, 2);
  put(20, rest % 1000, 3);
  return out;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string audit_timestamp(std::chrono::system_clock::time_point t) {
  return format_millis(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

std::string audit_segment_name(const std::string& at) {
  // "2026-12-01T…" -> "audit-20261201.jsonl"
  return "audit-" + at.substr(0, 4) + at.substr(5, 2) + at.substr(8, 2) + ".jsonl";
}

namespace audit {

bool is_canonical_time(std::string_view t) {
  if (t.size() != 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.' ||
      t[23] != 'Z')
    return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22})
    if (!digit(t[i])) return false;
  return Date::parse(t.substr(0, 10)).has_value() && t.substr(11, 2) < "24" && t.substr(14, 2) < "60" &&
         t.substr(17, 2) < "60";
}

std::optional<std::string> canonical_time(std::string_view text) {
  if (is_canonical_time(text)) return std::string(text);
  const auto stamp = parse_timestamp(text);
  if (!stamp) return std::nullopt;
  // parse_timestamp keeps whole seconds; the milliseconds are read here ("…:SS.fff…").
  int millis = 0;
  if (text.size() > 20 && text[19] == '.') {
    int scale = 100;
    for (std::size_t i = 20; i < text.size() && digit(text[i]) && scale > 0; ++i, scale /= 10)
      millis += (text[i] - '0') * scale;
  }
  return format_millis(utc_seconds(*stamp) * 1000 + millis);
}

}  // namespace audit
}  // namespace seatsync
