#include "posix_tz_rule.hpp"

#include <cctype>
#include <chrono>

namespace seatsync {

namespace chr = std::chrono;

namespace {

// Reads from the front of `s`, consuming what it reads.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return s_.empty(); }
  bool eat(char c) {
    if (s_.empty() || s_.front() != c) return false;
    s_.remove_prefix(1);
    return true;
  }
  bool at_offset() const { return !s_.empty() && (std::isdigit(static_cast<unsigned char>(s_.front())) || s_.front() == '+' || s_.front() == '-'); }

  // A zone abbreviation: "CST" or "<-03>".
  bool name() {
    if (eat('<')) {
      auto close = s_.find('>');
      if (close == std::string_view::npos) return false;
      s_.remove_prefix(close + 1);
      return true;
    }
    std::size_t n = 0;
    while (n < s_.size() && std::isalpha(static_cast<unsigned char>(s_[n]))) ++n;
    s_.remove_prefix(n);
    return n >= 3;
  }
  bool number(int& out, int max_digits) {
    int n = 0;
    out = 0;
    while (n < max_digits && !s_.empty() && std::isdigit(static_cast<unsigned char>(s_.front()))) {
      out = out * 10 + (s_.front() - '0');
      s_.remove_prefix(1);
      ++n;
    }
    return n > 0;
  }
  // [+-]hh[:mm[:ss]] in seconds.
  bool duration(int& out) {
    const int sign = eat('-') ? -1 : (eat('+'), 1);
    int h = 0, m = 0, sec = 0;
    if (!number(h, 3)) return false;
    if (eat(':') && !number(m, 2)) return false;
    if (eat(':') && !number(sec, 2)) return false;
    out = sign * (h * 3600 + m * 60 + sec);
    return true;
  }

 private:
  std::string_view s_;
};

std::int64_t days_since_epoch(chr::sys_days d) { return d.time_since_epoch().count(); }

}  // namespace

std::int64_t PosixTzRule::Change::local_seconds_in(int y) const {
  const chr::year year{y};
  std::int64_t day = 0;
  if (kind == 'M') {
    const chr::weekday wd{static_cast<unsigned>(weekday)};
    const chr::month m{static_cast<unsigned>(month)};
    day = week == 5 ? days_since_epoch(chr::sys_days{year / m / wd[chr::last]})
                    : days_since_epoch(chr::sys_days{year / m / wd[static_cast<unsigned>(week)]});
  } else {
    day = days_since_epoch(chr::sys_days{year / chr::January / 1}) + this->day;
    // Jn counts 1-365 and never February 29.
    if (kind == 'J') day += -1 + (year.is_leap() && this->day >= 60 ? 1 : 0);
  }
  return day * 86400 + seconds;
}

std::optional<PosixTzRule> PosixTzRule::parse(std::string_view text) {
  Cursor in(text);
  PosixTzRule rule;
  int west = 0;
  if (!in.name() || !in.duration(west)) return std::nullopt;
  rule.std_offset_ = -west;  // POSIX counts hours west of Greenwich
  if (in.done()) return rule;
  if (!in.name()) return std::nullopt;
  rule.has_dst_ = true;
  rule.dst_offset_ = rule.std_offset_ + 3600;
  if (in.at_offset()) {
    if (!in.duration(west)) return std::nullopt;
    rule.dst_offset_ = -west;
  }
  // Without rules the changes are implementation-defined: not guessed at.
  for (Change* c : {&rule.start_, &rule.end_}) {
    if (!in.eat(',')) return std::nullopt;
    if (in.eat('M')) {
      c->kind = 'M';
      if (!in.number(c->month, 2) || !in.eat('.') || !in.number(c->week, 1) || !in.eat('.') ||
          !in.number(c->weekday, 1) || c->month < 1 || c->month > 12 || c->week < 1 || c->week > 5 || c->weekday > 6)
        return std::nullopt;
    } else {
      c->kind = in.eat('J') ? 'J' : 'D';
      if (!in.number(c->day, 3) || c->day > 365 || (c->kind == 'J' && c->day < 1)) return std::nullopt;
    }
    if (in.eat('/') && !in.duration(c->seconds)) return std::nullopt;
  }
  if (!in.done()) return std::nullopt;
  return rule;
}

int PosixTzRule::offset_at(std::int64_t utc) const {
  if (!has_dst_) return std_offset_;
  const auto local_day = chr::floor<chr::days>(chr::sys_seconds{chr::seconds{utc + std_offset_}});
  const int year = static_cast<int>(chr::year_month_day{local_day}.year());
  // The start is written in standard time, the end in daylight time.
  const std::int64_t start = start_.local_seconds_in(year) - std_offset_;
  const std::int64_t end = end_.local_seconds_in(year) - dst_offset_;
  const bool dst = start < end ? (utc >= start && utc < end) : !(utc >= end && utc < start);
  return dst ? dst_offset_ : std_offset_;
}

}  // namespace seatsync
