// HttpFetcher on libcurl's multi interface: every request is one easy handle added to one
// multi handle; wait() drives them all with curl_multi_poll and hands back the finished ones.
// What is sent is exactly the caller's URL and user agent: no cookies, no invented headers,
// HTTP/1.1, http(s) only, and no redirect followed (each hop is the collector's decision).
#include "seatsync/http_fetch.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace seatsync {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  });
}

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// One request in flight: its easy handle and what has arrived so far.
struct Transfer {
  HttpRequest request;
  EasyHandle easy;
  std::size_t max_body_bytes = 0;
  bool body_cut = false;  // the body reached max_body_bytes and the rest was refused
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  const std::size_t room = transfer.max_body_bytes - std::min(transfer.max_body_bytes, transfer.body.size());
  if (bytes > room) {
    transfer.body.append(data, room);
    transfer.body_cut = true;
    return 0;  // stops the transfer (CURLE_WRITE_ERROR), taken as success with the body cut
  }
  transfer.body.append(data, bytes);
  return bytes;
}

// Called once per header line of every response, 1xx interim ones included: a status line
// starts a new response, so only the final response's headers remain.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    transfer.headers.clear();
  } else if (auto colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
    transfer.headers.emplace_back(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
  }
  return bytes;
}

bool is_proxy_error(CURLcode code, CURL* easy, bool proxied) {
  if (!proxied) return false;
  if (code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_PROXY) return true;
  // Through a proxy, the only TCP connection curl opens is to the proxy.
  if (code == CURLE_COULDNT_CONNECT) return true;
  long connect_code = 0;
  curl_easy_getinfo(easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
  return connect_code >= 300;  // the proxy refused the CONNECT tunnel
}

void set_option(CURL* easy, CURLoption option, auto value) {
  if (curl_easy_setopt(easy, option, value) != CURLE_OK)
    throw std::runtime_error("curl_easy_setopt failed for option " + std::to_string(static_cast<int>(option)));
}

}  // namespace

struct HttpFetcher::Impl {
  FetchSettings settings;
  MultiHandle multi;
  std::map<CURL*, std::unique_ptr<Transfer>> transfers;

  HttpResponse finish(CURL* easy, CURLcode code);
};

HttpFetcher::HttpFetcher(FetchSettings settings) : impl_(std::make_unique<Impl>()) {
  global_init_once();
  impl_->settings = std::move(settings);
  impl_->multi.reset(curl_multi_init());
  if (!impl_->multi) throw std::runtime_error("curl_multi_init failed");
}

HttpFetcher::~HttpFetcher() {
  // Easy handles must leave the multi handle before either is cleaned up.
  for (auto& [easy, transfer] : impl_->transfers) curl_multi_remove_handle(impl_->multi.get(), easy);
}

void HttpFetcher::start(HttpRequest request) {
  auto transfer = std::make_unique<Transfer>();
  transfer->request = std::move(request);
  transfer->max_body_bytes = impl_->settings.max_body_bytes;
  transfer->easy.reset(curl_easy_init());
  CURL* easy = transfer->easy.get();
  if (!easy) throw std::runtime_error("curl_easy_init failed");

  set_option(easy, CURLOPT_URL, transfer->request.url.c_str());
  set_option(easy, CURLOPT_USERAGENT, impl_->settings.user_agent.c_str());
  set_option(easy, CURLOPT_HTTP_VERSION, long{CURL_HTTP_VERSION_1_1});
  set_option(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  // libcurl's default, stated: a redirect followed inside a transfer would skip the target's
  // robots.txt and rate, so the 3xx goes back to the collector.
  set_option(easy, CURLOPT_FOLLOWLOCATION, 0L);
  set_option(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(impl_->settings.timeout_s * 1000.0));
  set_option(easy, CURLOPT_NOSIGNAL, 1L);
  // "" = direct, also overriding any http_proxy in the environment: egress is what is configured.
  set_option(easy, CURLOPT_PROXY, transfer->request.proxy.c_str());
  set_option(easy, CURLOPT_WRITEFUNCTION, on_body);
  set_option(easy, CURLOPT_WRITEDATA, transfer.get());
  set_option(easy, CURLOPT_HEADERFUNCTION, on_header);
  set_option(easy, CURLOPT_HEADERDATA, transfer.get());
  set_option(easy, CURLOPT_PRIVATE, transfer.get());

  if (curl_multi_add_handle(impl_->multi.get(), easy) != CURLM_OK) throw std::runtime_error("curl_multi_add_handle failed");
  impl_->transfers.emplace(easy, std::move(transfer));
}

std::size_t HttpFetcher::in_flight() const { return impl_->transfers.size(); }

HttpResponse HttpFetcher::Impl::finish(CURL* easy, CURLcode code) {
  auto node = transfers.extract(easy);
  Transfer& transfer = *node.mapped();
  curl_multi_remove_handle(multi.get(), easy);

  HttpResponse response;
  response.id = transfer.request.id;
  response.url = transfer.request.url;
  curl_off_t micros = 0;
  curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME_T, &micros);
  response.seconds = static_cast<double>(micros) / 1e6;

  const bool ok = code == CURLE_OK || (code == CURLE_WRITE_ERROR && transfer.body_cut);
  if (ok) {
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    response.answer.status = static_cast<int>(status);
    response.answer.headers = std::move(transfer.headers);
    response.answer.body = std::move(transfer.body);
  } else {
    response.answer.status = 0;
    response.answer.timed_out = code == CURLE_OPERATION_TIMEDOUT;
    response.answer.error = curl_easy_strerror(code);
    response.proxy_failed = is_proxy_error(code, easy, !transfer.request.proxy.empty());
  }
  return response;
}

std::vector<HttpResponse> HttpFetcher::wait(std::chrono::milliseconds max_wait) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + max_wait;
  std::vector<HttpResponse> done;
  for (;;) {
    int running = 0;
    if (curl_multi_perform(impl_->multi.get(), &running) != CURLM_OK) throw std::runtime_error("curl_multi_perform failed");
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(impl_->multi.get(), &queued)) {
      if (message->msg == CURLMSG_DONE) done.push_back(impl_->finish(message->easy_handle, message->data.result));
    }
    const auto now = Clock::now();
    if (!done.empty() || now >= deadline) return done;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    // With no transfer this simply sleeps: the caller waits for a rate slot the same way.
    if (curl_multi_poll(impl_->multi.get(), nullptr, 0, static_cast<int>(std::max<long long>(1, left)), nullptr) != CURLM_OK)
      throw std::runtime_error("curl_multi_poll failed");
  }
}

namespace {

// The URL parsed by libcurl (the same parser that will fetch it); null when it does not parse.
UrlHandle parse_url(const std::string& url) {
  global_init_once();
  UrlHandle handle(curl_url());
  if (!handle) throw std::runtime_error("curl_url failed");
  if (curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return nullptr;
  return handle;
}

std::optional<std::string> url_part(CURLU* url, CURLUPart part) {
  char* text = nullptr;
  if (curl_url_get(url, part, &text, 0) != CURLUE_OK || !text) return std::nullopt;
  std::string value(text);
  curl_free(text);
  return value;
}

}  // namespace

std::string url_authority(const std::string& url) {
  auto handle = parse_url(url);
  if (!handle) return "";
  auto host = url_part(handle.get(), CURLUPART_HOST);
  if (!host || host->empty()) return "";
  std::string authority = lower(*host);
  if (auto port = url_part(handle.get(), CURLUPART_PORT)) authority += ":" + *port;
  return authority;
}

std::string url_path_and_query(const std::string& url) {
  auto handle = parse_url(url);
  if (!handle) return "/";
  std::string path = url_part(handle.get(), CURLUPART_PATH).value_or("/");
  if (path.empty()) path = "/";
  if (auto query = url_part(handle.get(), CURLUPART_QUERY)) path += "?" + *query;
  return path;
}

std::string robots_url(const std::string& url) {
  auto handle = parse_url(url);
  if (!handle) return "";
  // The same scheme, host and port; nothing of the page's path, query, fragment or credentials.
  if (curl_url_set(handle.get(), CURLUPART_PATH, "/robots.txt", 0) != CURLUE_OK) return "";
  for (CURLUPart part : {CURLUPART_QUERY, CURLUPART_FRAGMENT, CURLUPART_USER, CURLUPART_PASSWORD, CURLUPART_OPTIONS})
    curl_url_set(handle.get(), part, nullptr, 0);
  return url_part(handle.get(), CURLUPART_URL).value_or("");
}

bool is_redirect_status(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

RedirectTarget resolve_redirect(const std::string& base, const std::string& location) {
  const std::string value = trim(location);
  auto handle = parse_url(base);
  if (!handle) return {"", "invalid base URL \"" + base + "\""};
  // Set on a handle holding the base, a relative reference is resolved against it; any scheme
  // is parsed (CURLU_NON_SUPPORT_SCHEME) so the refusal below can name it.
  if (value.empty() || curl_url_set(handle.get(), CURLUPART_URL, value.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
    return {"", "invalid Location \"" + value + "\""};
  const std::string scheme = lower(url_part(handle.get(), CURLUPART_SCHEME).value_or(""));
  if (scheme != "http" && scheme != "https") {
    return {"", "Location to another scheme (" + scheme + "): " + value};
  }
  auto host = url_part(handle.get(), CURLUPART_HOST);
  if (!host || host->empty()) return {"", "invalid Location \"" + value + "\" (no host)"};
  curl_url_set(handle.get(), CURLUPART_FRAGMENT, nullptr, 0);
  auto url = url_part(handle.get(), CURLUPART_URL);
  if (!url) return {"", "invalid Location \"" + value + "\""};
  return {*url, ""};
}

}  // namespace seatsync
