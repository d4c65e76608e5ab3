#pragma once
// Many HTTP GETs at once on libcurl's multi interface, one event loop, no threads: the
// collector decides *when* each request may start (robots.txt, per-domain rate); this only
// runs them. Responses are capped in size. Redirects are not followed: a 3xx comes back as it is,
// Location header included, because each hop is a request of its own that the collector
// schedules like any other (robots.txt of its host, that host's rate, max_requests).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "seatsync/retry_policy.hpp"

namespace seatsync {

struct HttpRequest {
  std::uint64_t id = 0;       // the caller's, returned with the response
  std::string url;
  std::string proxy;          // "" = direct
};

struct HttpResponse {
  std::uint64_t id = 0;
  std::string url;            // the URL requested (redirects are never followed here)
  HttpAnswer answer;          // status 0 with error/timed_out set when the transport failed
  bool proxy_failed = false;  // the transport error was reaching the proxy (CURLE_COULDNT_RESOLVE_PROXY, a CONNECT failure…)
  double seconds = 0.0;
};

struct FetchSettings {
  std::string user_agent;             // sent on every request, unchanged
  double timeout_s = 20.0;
  std::size_t max_body_bytes = 8u << 20;  // larger bodies are cut here (robots.txt: its 500 KiB cap is applied by the parser)
};

class HttpFetcher {
 public:
  explicit HttpFetcher(FetchSettings settings);
  ~HttpFetcher();
  HttpFetcher(const HttpFetcher&) = delete;
  HttpFetcher& operator=(const HttpFetcher&) = delete;

  // Starts the request now (it runs while the caller waits in wait()).
  void start(HttpRequest request);
  std::size_t in_flight() const;
  // Runs transfers until at least one finishes or `max_wait` passes; returns the finished ones.
  std::vector<HttpResponse> wait(std::chrono::milliseconds max_wait);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "http://Host:8099/a?b" → "host:8099" (the rate and robots.txt key: scheme-less, lower-case,
// port when given); "" when the URL has no host.
std::string url_authority(const std::string& url);
// "http://host:8099/a?b#c" → "/a?b" (what robots.txt rules match); "/" when empty.
std::string url_path_and_query(const std::string& url);
// "http://host:8099/a?b" → "http://host:8099/robots.txt".
std::string robots_url(const std::string& url);

// 301, 302, 303, 307, 308: the statuses whose Location a client follows (RFC 9110 15.4). 300
// and 304 are not: they stay answers (the collector fails them).
bool is_redirect_status(int status);

// Where a redirect leads: `location` (a Location header value, absolute or relative) resolved
// against `base` by libcurl's URL parser (RFC 3986 5.2), fragment dropped (never sent). `error`
// says why there is nowhere to go: an unparsable value, or a scheme other than http/https.
struct RedirectTarget {
  std::string url;    // absolute, "" when error is set
  std::string error;  // e.g. `invalid Location "http://[x"`, `Location to another scheme (ftp): ftp://h/f`
};
RedirectTarget resolve_redirect(const std::string& base, const std::string& location);

}  // namespace seatsync
