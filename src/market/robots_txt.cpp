// robots.txt by RFC 9309: parsing (2.2), group selection (2.2.1), matching (2.2.2, 2.2.3) and what a
// fetch's status means (2.3.1). Written from the RFC's text.
#include "seatsync/robots_txt.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

namespace seatsync {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_unreserved(unsigned char c) {  // RFC 3986 2.3
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void append_encoded(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// One canonical spelling for rule patterns and request paths alike (RFC 9309 2.2.2): octets outside
// printable ASCII are percent-encoded, an encoded unreserved character is decoded ("%62" → "b"), other
// escapes keep their encoding with upper-case hex digits ("%2f" → "%2F", so an encoded "/" never matches
// a literal one), and a stray "%" becomes "%25". `encode_specials` also encodes "*" and "$", which a
// request path may contain literally but which mean wildcards in a pattern (2.2.3).
std::string normalise(std::string_view s, bool encode_specials) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      const int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        const auto octet = static_cast<unsigned char>(hi * 16 + lo);
        if (is_unreserved(octet)) out += static_cast<char>(octet);
        else append_encoded(out, octet);
        i += 2;
      } else {
        append_encoded(out, '%');
      }
    } else if (c <= 0x20 || c >= 0x7F || (encode_specials && (c == '*' || c == '$'))) {
      append_encoded(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// A pattern's "*" stays a wildcard and a final "$" an end anchor; a "$" anywhere else is a literal
// dollar (2.2.3), so it is encoded to match the request path's encoded "$".
std::string normalise_pattern(std::string_view pattern) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::string out;
  std::size_t start = 0;
  while (start <= pattern.size()) {
    const std::size_t star = pattern.find('*', start);
    const std::string_view piece = pattern.substr(start, star == std::string_view::npos ? std::string_view::npos : star - start);
    out += normalise(piece, true);  // encodes any literal "$" in the piece
    if (star == std::string_view::npos) break;
    out += '*';
    start = star + 1;
  }
  if (anchored) out += '$';
  return out;
}

// Does `pattern` (normalised, with "*" and a final "$") match a prefix of `path` (normalised)?
// Greedy matching with backtracking to the last "*": linear in practice, O(n·m) at worst.
bool pattern_matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::size_t p = 0, s = 0;
  std::size_t star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      // Anchored but text remains: let the last "*" swallow more, if there was one.
    } else if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || star_s >= path.size()) return false;
    p = star + 1;
    s = ++star_s;
  }
}

// The user-agent value's name: "Googlebot/2.1 (+http://…)" → "Googlebot".
std::string_view agent_name(std::string_view value) {
  value = trim(value);
  const std::size_t end = value.find_first_of(" \t/(;,");
  return value.substr(0, end);
}

// Keys by their RFC 9309 names, with the misspellings common enough in the wild that reading them
// as meant keeps us politer (2.2.4 allows leniency with typos).
enum class Key { user_agent, allow, disallow, crawl_delay, other };

Key key_of(std::string_view name) {
  struct Spelling {
    std::string_view text;
    Key key;
  };
  static constexpr Spelling kSpellings[] = {
      {"user-agent", Key::user_agent}, {"useragent", Key::user_agent}, {"user agent", Key::user_agent},
      {"allow", Key::allow},           {"disallow", Key::disallow},    {"dissallow", Key::disallow},
      {"dissalow", Key::disallow},     {"disalow", Key::disallow},     {"crawl-delay", Key::crawl_delay},
      {"crawldelay", Key::crawl_delay}};
  for (const auto& s : kSpellings) {
    if (iequals(name, s.text)) return s.key;
  }
  return Key::other;
}

std::optional<double> parse_crawl_delay(std::string_view value) {
  const std::string text(value);
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

// The body up to kRobotsMaxBytes, cut after the last complete line within the limit so that a line
// cut in half (a shorter, broader pattern) is never read.
std::string_view within_limit(std::string_view body) {
  if (body.size() <= kRobotsMaxBytes) return body;
  const std::string_view head = body.substr(0, kRobotsMaxBytes);
  if (body[kRobotsMaxBytes] == '\n' || body[kRobotsMaxBytes] == '\r') return head;
  const std::size_t last_end = head.find_last_of("\r\n");
  return last_end == std::string_view::npos ? std::string_view{} : head.substr(0, last_end + 1);
}

struct GroupAccumulator {
  std::vector<RobotsRule> rules;
  std::optional<double> crawl_delay_s;
  bool seen = false;  // some group named this agent (an empty group still counts: it allows all)

  void add_delay(double d) { crawl_delay_s = crawl_delay_s ? std::max(*crawl_delay_s, d) : d; }
};

}  // namespace

RobotsRules parse_robots_txt(std::string_view body, std::string_view product_token) {
  std::string_view text = within_limit(body);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  GroupAccumulator ours, global;
  // The current group's agent lines: whether they name us and whether they say "*".
  bool group_is_ours = false, group_is_global = false;
  bool in_agent_lines = false;  // the last significant line was a user-agent line

  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;  // "\r\n" leaves an empty line behind, which is skipped like any blank line

    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // blank, comment-only or not a record
    const Key key = key_of(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));

    if (key == Key::user_agent) {
      if (!in_agent_lines) group_is_ours = group_is_global = false;  // a new group starts
      in_agent_lines = true;
      const std::string_view name = agent_name(value);
      if (name == "*") {
        group_is_global = true;
        global.seen = true;
      } else if (!product_token.empty() && iequals(name, product_token)) {
        group_is_ours = true;
        ours.seen = true;
      }
      continue;
    }
    if (key == Key::other) continue;  // sitemap and unknown records neither end nor join a group
    in_agent_lines = false;
    if (!group_is_ours && !group_is_global) continue;  // another agent's rule, or before any group

    if (key == Key::crawl_delay) {
      if (const auto d = parse_crawl_delay(value)) {
        if (group_is_ours) ours.add_delay(*d);
        if (group_is_global) global.add_delay(*d);
      }
      continue;
    }
    if (value.empty()) continue;  // "Disallow:" disallows nothing; an empty "Allow:" adds nothing
    // A pattern must start with "/" or "*" (2.2.2); "private" is read as "/private", the reading that
    // disallows what its author most likely meant.
    std::string pattern;
    if (value.front() != '/' && value.front() != '*') pattern += '/';
    pattern += value;
    RobotsRule rule{key == Key::allow, normalise_pattern(pattern)};
    if (group_is_ours) ours.rules.push_back(rule);
    if (group_is_global) global.rules.push_back(rule);
  }

  const GroupAccumulator& chosen = ours.seen ? ours : global;
  RobotsRules result;
  result.rules = chosen.rules;
  result.crawl_delay_s = chosen.crawl_delay_s;
  return result;
}

bool RobotsRules::allows(std::string_view path) const {
  std::string target = path.empty() ? std::string("/") : normalise(path, true);
  if (target == "/robots.txt") return true;  // 2.2.2: implicitly allowed
  if (disallow_all) return false;
  // Longest pattern wins (2.2.2: "the most octets"); allow wins a tie.
  std::size_t best_length = 0;
  bool best_allow = true, matched = false;
  for (const auto& rule : rules) {
    if (!pattern_matches(rule.pattern, target)) continue;
    const std::size_t length = rule.pattern.size();
    if (!matched || length > best_length) {
      best_length = length;
      best_allow = rule.allow;
      matched = true;
    } else if (length == best_length && rule.allow) {
      best_allow = true;
    }
  }
  return !matched || best_allow;
}

RobotsRules robots_from_response(int status, std::string_view body, std::string_view product_token) {
  if (status >= 200 && status < 300) return parse_robots_txt(body, product_token);
  if (status >= 400 && status < 500) return RobotsRules{};  // "unavailable": crawl as if none
  // 5xx, no answer, or anything else unexpected (1xx, a 3xx the fetcher did not follow): "unreachable",
  // so nothing is fetched until robots.txt answers.
  RobotsRules closed;
  closed.disallow_all = true;
  return closed;
}

std::string product_token(std::string_view user_agent) { return std::string(agent_name(user_agent)); }

}  // namespace seatsync
