#include "pricing_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "json_error.hpp"

namespace seatsync::service {

PricingService::PricingService(SnapshotFactory factory, ApiKeys keys, std::unique_ptr<ExperimentStore> experiments,
                               std::unique_ptr<ReloadSignal> reloads, std::chrono::milliseconds experiments_refresh)
    : factory_(std::move(factory)), keys_(std::move(keys)), experiments_(std::move(experiments)),
      reloads_(std::move(reloads)), experiments_refresh_(experiments_refresh),
      health_([this]() -> std::optional<double> {
        return experiments_ ? running_model_lift(*experiments_, *running_experiments()) : std::nullopt;
      }) {
  // Read before the first load: a reload announced while this replica loads is followed.
  if (reloads_) generation_seen_ = reloads_->generation();
  add_score_routes(router_, *this);
  add_plan_routes(router_, *this);
  add_model_routes(router_, *this);
  add_admin_routes(router_, *this);
  add_ab_routes(router_, *this);
}

void PricingService::load() {
  auto observer = [this](const ServingModelInfo& info) {
    metrics_.model_load(info.type, std::string(to_string(info.status)));
    if (info.status == ModelStatus::loaded)
      spdlog::info("model {}_{} v{} loaded ({}, {} features), sha256 {} verified", info.scope, info.type, info.version,
                   info.algo, info.num_features, info.checksum);
    else
      spdlog::warn("model {}_{}: {}: {}", info.scope, info.type, to_string(info.status), info.message);
  };
  auto snap = factory_(observer);
  if (audit_) audit_snapshot_loaded(snap);  // before any request can see it
  snapshot_.store(std::move(snap));
}

bool PricingService::reload(std::string& message) {
  std::unique_lock lock(reload_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) {
    message = "a reload is in progress";
    return false;
  }
  if (!reload_locked(message)) return false;
  if (reloads_) {
    try {
      generation_seen_ = reloads_->announce();
    } catch (const std::exception& e) {
      // This replica reloaded; the others keep their snapshot until the store is back.
      spdlog::error("reloaded, but could not tell the other replicas: {}", e.what());
    }
  }
  return true;
}

bool PricingService::follow_reloads(std::string& message) {
  if (!reloads_) return false;
  const std::int64_t announced = reloads_->generation();  // throws when the store is away
  if (announced <= generation_seen_) return false;
  std::unique_lock lock(reload_mutex_);  // a local reload in progress finishes first
  if (announced <= generation_seen_) return false;
  spdlog::info("reload generation {} announced by another replica: reloading", announced);
  if (reload_locked(message)) generation_seen_ = announced;
  return true;
}

bool PricingService::reload_locked(std::string& message) {
  try {
    load();
    metrics_.reload(true);
    message = "reloaded";
    return true;
  } catch (const std::exception& e) {
    metrics_.reload(false);
    message = e.what();
    spdlog::error("reload failed, the previous snapshot stays in use: {}", message);
    return false;
  }
}

std::shared_ptr<const std::vector<Experiment>> PricingService::running_experiments() {
  static const auto none = std::make_shared<const std::vector<Experiment>>();
  if (!experiments_) return none;
  auto fresh = [this] {
    return running_read_after_ == experiment_changes_ &&
           std::chrono::steady_clock::now() - running_read_at_.load() < experiments_refresh_;
  };
  auto list = running_.load();
  if (list && fresh()) return list;
  std::unique_lock lock(running_refresh_, std::defer_lock);
  if (list) {
    if (!lock.try_lock()) return list;  // another thread is reading it
  } else {
    lock.lock();  // nothing to answer with yet: wait for the first read
  }
  if (running_.load() == list || !fresh()) {
    const auto read_at = std::chrono::steady_clock::now();
    const std::uint64_t changes = experiment_changes_;
    running_.store(std::make_shared<const std::vector<Experiment>>(experiments_->list(true)));
    running_read_at_ = read_at;
    running_read_after_ = changes;
  }
  return running_.load();
}

std::shared_ptr<const PricingSnapshot> ready_snapshot(const PricingService& service) {
  auto s = service.snapshot();
  if (!s) throw RequestError(503, "loading", "the service is still loading its data and policies");
  return s;
}

namespace {

// How deep the body's arrays and objects nest, brackets inside strings left out. No request
// nests more than a few levels; a deep one would cost stack in every recursive walk of the value
// (copying it into the audit record, writing it out), so it is refused before it is parsed.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

nlohmann::json parse_body(const HttpRequest& request) {
  if (nesting_depth(request.body) > kMaxBodyNesting)
    throw RequestError(400, "malformed_json", fmt::format("the body nests arrays and objects deeper than {} levels", kMaxBodyNesting),
                       "body");
  try {
    return nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    throw RequestError(400, "malformed_json", fmt::format("the body is not valid JSON (at byte {})", e.byte), "body");
  } catch (const nlohmann::json::exception&) {
    // Valid syntax the parser still refuses: a number too large for a double (1e400).
    throw RequestError(400, "malformed_json", "the body is not valid JSON: a number is out of range", "body");
  }
}

bool PricingService::is_slow(const HttpRequest& request) const {
  const auto m = router_.match(request.method, request.path);
  return m.route && m.route->slow;
}

std::string PricingService::route_label(const HttpRequest& request) const {
  const auto m = router_.match(request.method, request.path);
  if (m.route) return m.route->pattern;
  if (!m.allow.empty()) return router_.match(m.allow[0], request.path).route->pattern;  // a 405
  return "unmatched";
}

namespace {

// The method as a metrics label: any token is a valid HTTP method, so one a client makes up
// ("FOO1", "FOO2", …) would be a new series each time, growing memory and /metrics unboundedly.
std::string method_label(const std::string& method) {
  for (const char* known : {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"})
    if (method == known) return method;
  return method.empty() ? "-" : "other";
}

}  // namespace

void PricingService::observe(const HttpRequest& request, int status, double seconds) {
  metrics_.request(route_label(request), method_label(request.method), status, seconds);
  ++minute_requests_;
  if (status >= 400) ++minute_errors_;
  minute_micros_ += static_cast<std::uint64_t>(seconds * 1e6);
  spdlog::debug("{} {} -> {} in {:.3f} ms", request.method, request.path, status, seconds * 1e3);
}

std::string PricingService::take_minute_summary() {
  const auto n = minute_requests_.exchange(0), errors = minute_errors_.exchange(0), micros = minute_micros_.exchange(0);
  return fmt::format("{} requests in the last minute, {} errors, mean {:.3f} ms", n, errors,
                     n ? micros / 1e3 / static_cast<double>(n) : 0.0);
}

HttpResponse PricingService::handle(const HttpRequest& request) {
  const auto m = router_.match(request.method, request.path);
  if (!m.route) {
    if (m.allow.empty()) return error_response(404, "not_found", "no route " + request.path);
    auto r = error_response(405, "method_not_allowed", request.method + " is not allowed on " + request.path);
    std::string allow;
    for (const auto& a : m.allow) allow += (allow.empty() ? "" : ", ") + a;
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  if (m.route->write && !keys_.allows(request.header("authorization"))) {
    auto r = error_response(401, "unauthorized", keys_.empty() ? "write routes need --api-keys FILE on the server and Authorization: Bearer KEY"
                                                               : "Authorization: Bearer KEY with a valid key is required");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  try {
    return m.route->handler(RouteRequest{request, m.params});
  } catch (const RequestError& e) {
    return error_response(e.status(), e.code(), e.what(), e.field());
  }
}

}  // namespace seatsync::service
