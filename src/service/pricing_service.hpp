#pragma once
// The pricing service: the routes of docs/service.md over an atomically swapped, immutable
// PricingSnapshot. A request takes the snapshot in force when it starts and keeps it to the end,
// so a reload never changes an answer half-way and never fails a request.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "api_keys.hpp"
#include "http_server.hpp"
#include "http_message.hpp"
#include "model_health_cache.hpp"
#include "router.hpp"
#include "seatsync/audit_log.hpp"
#include "seatsync/pricing_server.hpp"
#include "seatsync/experiment_store.hpp"
#include "seatsync/pricing_snapshot.hpp"
#include "seatsync/reload_signal.hpp"
#include "seatsync/score.hpp"
#include "service_metrics.hpp"

namespace seatsync::service {

class PricingService {
 public:
  // With `reloads`, this is one of several replicas sharing a store: a reload here is announced
  // to the others, and follow_reloads() picks up theirs.
  PricingService(SnapshotFactory factory, ApiKeys keys, std::unique_ptr<ExperimentStore> experiments = {},
                 std::unique_ptr<ReloadSignal> reloads = {},
                 std::chrono::milliseconds experiments_refresh = std::chrono::milliseconds(1000));

  // Builds the first snapshot; until it returns, /health answers 503 and pricing routes 503.
  // Throws what the factory throws.
  void load();
  // Builds a new snapshot and swaps it in; the old one stays in use when building fails
  // (the message is returned). One reload at a time: a second concurrent one returns false
  // at once with "a reload is in progress". A successful reload announces a new generation
  // to the other replicas.
  bool reload(std::string& message);
  // Reloads when another replica announced a reload this one has not followed yet; true when
  // it did (or tried and failed: `message` says). Called by the server's poller.
  bool follow_reloads(std::string& message);
  // The reload generation this replica's snapshot follows (0 without a shared store).
  std::int64_t reload_generation() const { return generation_seen_; }
  bool reload_generation_shared() const { return reloads_ != nullptr; }

  std::shared_ptr<const PricingSnapshot> snapshot() const { return snapshot_.load(); }
  HttpResponse handle(const HttpRequest& request);
  bool is_slow(const HttpRequest& request) const;
  // Counted by the HTTP server's observer, so answers the server makes itself (413) count too.
  void observe(const HttpRequest& request, int status, double seconds);
  ServiceMetrics& metrics() { return metrics_; }
  // The HTTP server's connection counters, for /metrics (set by PricingServer; none in tests
  // that call handle() directly).
  void set_connection_counters(std::function<HttpServerCounters()> read) { connection_counters_ = std::move(read); }
  std::optional<HttpServerCounters> connection_counters() const {
    return connection_counters_ ? std::optional(connection_counters_()) : std::nullopt;
  }
  const ApiKeys& keys() const { return keys_; }
  // nullptr when the server was started without an experiment store.
  ExperimentStore* experiments() const { return experiments_.get(); }
  // The running experiments /score applies: read from the store at most once per
  // `experiments_refresh` (0 = on every call), so that /score costs no database round trip;
  // a start or stop on another replica applies within that time, one through this replica's
  // /ab routes at once (they call experiments_changed()). While one thread refreshes the list,
  // the others keep using the previous one.
  std::shared_ptr<const std::vector<Experiment>> running_experiments();
  void experiments_changed() { ++experiment_changes_; }
  // The monitor's report on the snapshot's models (GET /model/health/{scope}, /metrics).
  ModelHealthCache& health() { return health_; }
  // "1234 requests in the last minute (…)", then the counters start again.
  std::string take_minute_summary();

  // The audit trail (docs/audit.md, service_audit.cpp): call before load(). From then on every
  // snapshot loaded and every /score answer is queued for `log`, written off the request path.
  void enable_audit(AuditLog log, AuditWriterOptions options);
  // Queues the record of one answered /score request; nothing without an audit trail. Never
  // throws and never waits: a full queue drops the record and counts it.
  void audit_score(const PricingSnapshot& snap, const nlohmann::json& inputs, const ScoreRequest& request,
                   const ScoreResult& result) noexcept;
  std::optional<AuditWriterCounters> audit_counters() const;
  std::size_t audit_capacity() const { return audit_capacity_; }
  // Writes what is queued and stops recording (the server's stop()).
  void close_audit();

 private:
  struct AuditedSnapshot;
  void audit_snapshot_loaded(const std::shared_ptr<const PricingSnapshot>& snap) noexcept;
  std::string route_label(const HttpRequest& request) const;
  bool reload_locked(std::string& message);

  SnapshotFactory factory_;
  ApiKeys keys_;
  std::unique_ptr<ExperimentStore> experiments_;
  std::unique_ptr<ReloadSignal> reloads_;
  std::chrono::milliseconds experiments_refresh_;
  std::atomic<std::shared_ptr<const std::vector<Experiment>>> running_;
  std::atomic<std::chrono::steady_clock::time_point> running_read_at_{};
  // Counts this replica's own /ab writes: a list read before the latest one is stale at once.
  std::atomic<std::uint64_t> experiment_changes_{0}, running_read_after_{0};
  std::mutex running_refresh_;
  std::atomic<std::int64_t> generation_seen_{0};
  Router router_;
  ServiceMetrics metrics_;
  std::function<HttpServerCounters()> connection_counters_;
  std::atomic<std::shared_ptr<const PricingSnapshot>> snapshot_;
  ModelHealthCache health_;  // its lift source reads experiments_
  std::mutex reload_mutex_;
  std::atomic<std::uint64_t> minute_requests_{0}, minute_errors_{0};
  std::atomic<std::uint64_t> minute_micros_{0};
  std::unique_ptr<AsyncAuditWriter> audit_;
  std::size_t audit_capacity_ = 0;
  std::atomic<bool> audit_closed_{false};
  // The identity of the snapshot in force and of the one before it (requests still finishing
  // on it), computed once at load so a score record only copies it.
  std::atomic<std::shared_ptr<const AuditedSnapshot>> audited_;
};

// The routes, one file each area (routes_*.cpp).
void add_score_routes(Router& router, PricingService& service);
void add_plan_routes(Router& router, PricingService& service);
void add_model_routes(Router& router, PricingService& service);
void add_admin_routes(Router& router, PricingService& service);
void add_ab_routes(Router& router, PricingService& service);

// The snapshot in force, or RequestError(503) while the service is still loading.
std::shared_ptr<const PricingSnapshot> ready_snapshot(const PricingService& service);
// The request body as JSON (RequestError 400 "malformed_json" naming the position otherwise;
// also for a number out of range and for nesting deeper than kMaxBodyNesting).
inline constexpr std::size_t kMaxBodyNesting = 32;
nlohmann::json parse_body(const HttpRequest& request);

}  // namespace seatsync::service
