#pragma once
// Routes by method and path pattern ("/model/metrics/{scope}"): a path that matches no pattern
// is 404, one that matches with another method is 405 with an Allow header.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http_message.hpp"

namespace seatsync::service {

struct RouteRequest {
  const HttpRequest& http;
  std::map<std::string, std::string> params;  // {name} segments of the pattern
};

struct Route {
  std::string method;
  std::string pattern;
  bool write = false;  // needs an API key
  bool slow = false;   // runs off the event loop
  std::function<HttpResponse(const RouteRequest&)> handler;
};

class Router {
 public:
  void add(Route route) { routes_.push_back(std::move(route)); }
  struct Match {
    const Route* route = nullptr;  // nullptr: see `allow`
    std::map<std::string, std::string> params;
    std::vector<std::string> allow;  // methods the path accepts (empty: no such path)
  };
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace seatsync::service
