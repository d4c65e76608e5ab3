#pragma once
// The HTTP request and response as the service's routes see them: plain values, so that routes
// are tested without a socket and the server library stays inside http_server.cpp.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace seatsync::service {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // the target without the query, percent-decoded
  std::map<std::string, std::string> query;  // decoded; a repeated key keeps the last value
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
  std::string header(const std::string& lowercase_name) const {
    auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// Splits "/a/b?x=1&y=%20" into the decoded path and query; false when the percent-encoding is
// malformed.
bool parse_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace seatsync::service
