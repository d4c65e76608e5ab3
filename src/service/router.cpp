#include "router.hpp"

#include <algorithm>
#include <string_view>

namespace seatsync::service {
namespace {

// Walks pattern and path segment by segment without allocating (it runs three times a request:
// to pick the pool, to answer, to label the metrics). A {name} segment takes any non-empty one.
bool matches(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  if (path.empty() || path[0] != '/') return false;
  std::size_t i = 1, j = 1;
  for (;;) {
    const std::size_t ie = std::min(pattern.find('/', i), pattern.size());
    const std::size_t je = std::min(path.find('/', j), path.size());
    const std::string_view want = pattern.substr(i, ie - i), got = path.substr(j, je - j);
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      if (got.empty()) return false;
      if (params) (*params)[std::string(want.substr(1, want.size() - 2))] = std::string(got);
    } else if (want != got) {
      return false;
    }
    const bool pattern_done = ie == pattern.size(), path_done = je == path.size();
    if (pattern_done || path_done) return pattern_done && path_done;
    i = ie + 1;
    j = je + 1;
  }
}

}  // namespace

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  for (const auto& r : routes_) {
    if (!matches(r.pattern, path, nullptr)) continue;
    if (r.method == method) {
      m.route = &r;
      matches(r.pattern, path, &m.params);
      return m;
    }
    m.allow.push_back(r.method);
  }
  return m;
}

}  // namespace seatsync::service
