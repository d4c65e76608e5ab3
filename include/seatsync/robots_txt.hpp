#pragma once
// robots.txt as RFC 9309 reads it: the group for our product token (or "*"), the longest
// matching rule wins, allow wins a tie, "*" and "$" in patterns, at most 500 KiB parsed.
// Crawl-delay is not in the RFC but is widely used; we honour it when it asks for more time.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seatsync {

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // percent-encoding normalised as RFC 9309 2.2.2 asks
};

struct RobotsRules {
  std::vector<RobotsRule> rules;       // of the group that applies to us
  std::optional<double> crawl_delay_s;  // of that group, when given and a finite number ≥ 0
  bool disallow_all = false;            // 5xx or unreachable: nothing is allowed until it answers

  // `path` is the URL's path and query ("/events/1/listings?x=2"); "/robots.txt" is always allowed.
  bool allows(std::string_view path) const;
};

inline constexpr std::size_t kRobotsMaxBytes = 500 * 1024;

// `product_token` is the user agent's product name (the part before "/", e.g. "seatsync-collector"),
// matched case-insensitively; several groups naming it are merged (RFC 9309 2.2.1).
RobotsRules parse_robots_txt(std::string_view body, std::string_view product_token);

// What a fetch of /robots.txt means (RFC 9309 2.3.1): 2xx → the parsed body; 4xx → everything
// allowed; 5xx, or no answer (status 0) → everything disallowed. Redirects are followed by the
// collector (at most 5) before this is called; any other status left (1xx, a 3xx after 5 redirects,
// a redirect loop or one to nowhere) is read as unreachable too, the politer of the readings
// RFC 9309 2.3.1.2 permits.
RobotsRules robots_from_response(int status, std::string_view body, std::string_view product_token);

// "seatsync-collector/0.1 (+https://…)" → "seatsync-collector".
std::string product_token(std::string_view user_agent);

}  // namespace seatsync
