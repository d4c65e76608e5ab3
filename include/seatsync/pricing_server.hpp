#pragma once
// `seatsync serve` as a library object: the pricing service's routes (docs/service.md) on an
// HTTP server. The CLI and the tests drive this, so the tests run the real server on loopback.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "seatsync/pricing_snapshot.hpp"

namespace seatsync {

// Builds a fresh snapshot (the data source read again, policies solved), telling `on_load`
// about every model it loads. Called at start and on every reload.
using SnapshotFactory = std::function<std::shared_ptr<const PricingSnapshot>(ServingModels::LoadObserver on_load)>;

struct PricingServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = any free port
  int threads = 2;
  // A stalled or trickling client is cut when the phase it is in takes longer than this
  // (docs/security.md "Slow clients"); each deadline is set once, a byte does not extend it.
  std::chrono::milliseconds idle_timeout{30000};    // keep-alive: waiting for a request's first byte
  std::chrono::milliseconds header_timeout{5000};   // from the first byte to the end of the header
  std::chrono::milliseconds body_timeout{10000};    // the whole body, after the header
  std::size_t max_connections = 4096;               // open at once; more wait in the listen backlog
  std::optional<std::filesystem::path> api_keys;     // keys of the write routes; none = writes refused
  std::vector<std::string> api_key_values;           // keys given directly (tests)
  // Where the /ab routes keep experiments and events (a seatsync SQLite database); none = the
  // /ab routes answer 503 and /score runs no experiment.
  std::optional<std::string> experiments_db;  // a store location (store.hpp)
  // How old the running experiments /score applies may be (pricing_service.hpp); 0 = read on
  // every request.
  std::chrono::milliseconds experiments_refresh{1000};
  // The store replicas share (store.hpp location): a reload here is announced there, and every
  // `reload_poll` the server checks for a reload announced by another replica and follows it.
  // None = a lone server.
  std::optional<std::string> shared_store;
  std::chrono::milliseconds reload_poll{2000};
  // The audit trail's directory (docs/audit.md): every /score answer and every snapshot loaded
  // is recorded there, written in batches off the request path. None = nothing is recorded.
  std::optional<std::filesystem::path> audit_dir;
  // Records waiting to be written at most; a record beyond it is dropped and counted in /metrics
  // (seatsync_audit_dropped_total), the request still answered.
  std::size_t audit_queue = 65536;
};

class PricingServer {
 public:
  PricingServer(PricingServerOptions options, SnapshotFactory factory);  // reads the key file
  ~PricingServer();

  void start();  // listening: /health answers 503 until load() returns
  void load();   // the first snapshot, then following other replicas' reloads; throws what the factory throws
  bool reload(std::string& message);  // as POST /admin/reload (SIGHUP)
  unsigned short port() const;
  // Stops accepting, answers what was received, closes the rest; at most `drain`. Then writes
  // the audit records still queued.
  void stop(std::chrono::milliseconds drain = std::chrono::milliseconds(10000));
  std::string take_minute_summary();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seatsync
