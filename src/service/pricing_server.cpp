// PricingServer: the service's routes on the HTTP server, with the limits of docs/service.md.
#include "seatsync/pricing_server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "http_server.hpp"
#include "pricing_service.hpp"

namespace seatsync {

struct PricingServer::Impl {
  std::unique_ptr<service::PricingService> service;
  std::unique_ptr<service::HttpServer> http;
  std::chrono::milliseconds reload_poll;
  std::mutex poll_mutex;
  std::condition_variable poll_stop;
  bool stopping = false;
  std::thread poller;

  // Follows other replicas' reloads until stopped. A failed reload (or a store that does not
  // answer) is tried again after a doubling wait, up to a minute, instead of every poll.
  void follow_reloads() {
    auto wait = reload_poll;
    std::unique_lock lock(poll_mutex);
    while (!poll_stop.wait_for(lock, wait, [this] { return stopping; })) {
      lock.unlock();
      bool failed = false;
      try {
        std::string message;
        failed = service->follow_reloads(message) && message != "reloaded";
      } catch (const std::exception& e) {
        spdlog::warn("cannot read the reload generation: {}", e.what());
        failed = true;
      }
      wait = failed ? std::min<std::chrono::milliseconds>(wait * 2, std::chrono::minutes(1)) : reload_poll;
      lock.lock();
    }
  }
};

namespace {

constexpr std::size_t kBodyLimit = 64 * 1024;
constexpr std::size_t kBatchBodyLimit = 1024 * 1024;  // 1,000 requests of about 1 KiB

service::ApiKeys read_keys(const PricingServerOptions& o) {
  if (o.api_keys) return service::ApiKeys::load(*o.api_keys);
  return service::ApiKeys::from_keys(o.api_key_values);
}

}  // namespace

PricingServer::PricingServer(PricingServerOptions options, SnapshotFactory factory) : impl_(std::make_unique<Impl>()) {
  std::unique_ptr<ExperimentStore> experiments;
  if (options.experiments_db) experiments = open_experiment_store(*options.experiments_db);
  std::unique_ptr<ReloadSignal> reloads;
  if (options.shared_store) reloads = open_reload_signal(*options.shared_store);
  impl_->reload_poll = options.reload_poll;
  impl_->service = std::make_unique<service::PricingService>(std::move(factory), read_keys(options), std::move(experiments),
                                                             std::move(reloads), options.experiments_refresh);
  if (options.audit_dir)
    impl_->service->enable_audit(AuditLog(*options.audit_dir), AuditWriterOptions{.capacity = options.audit_queue});
  service::HttpServerOptions http;
  http.host = options.host;
  http.port = options.port;
  http.threads = options.threads;
  http.idle_timeout = options.idle_timeout;
  http.header_timeout = options.header_timeout;
  http.body_timeout = options.body_timeout;
  http.write_timeout = options.body_timeout;  // an answer is smaller than the largest body
  http.max_connections = options.max_connections;
  http.body_limit = kBodyLimit;
  http.body_limit_for = [](const std::string& path) { return path == "/score/batch" ? kBatchBodyLimit : kBodyLimit; };
  auto* svc = impl_->service.get();
  impl_->http = std::make_unique<service::HttpServer>(
      http, [svc](const service::HttpRequest& r) { return svc->handle(r); },
      [svc](const service::HttpRequest& r) { return svc->is_slow(r); },
      [svc](const service::HttpRequest& r, int status, double seconds) { svc->observe(r, status, seconds); });
  svc->set_connection_counters([http = impl_->http.get()] { return http->counters(); });
}

PricingServer::~PricingServer() { stop(); }

void PricingServer::start() { impl_->http->start(); }
void PricingServer::load() {
  impl_->service->load();
  std::lock_guard lock(impl_->poll_mutex);
  if (impl_->service->reload_generation_shared() && !impl_->stopping && !impl_->poller.joinable())
    impl_->poller = std::thread([impl = impl_.get()] { impl->follow_reloads(); });
}
bool PricingServer::reload(std::string& message) { return impl_->service->reload(message); }
unsigned short PricingServer::port() const { return impl_->http->port(); }
void PricingServer::stop(std::chrono::milliseconds drain) {
  {
    std::lock_guard lock(impl_->poll_mutex);
    impl_->stopping = true;
  }
  impl_->poll_stop.notify_all();
  if (impl_->poller.joinable()) impl_->poller.join();
  impl_->http->stop(drain);
  impl_->service->close_audit();  // after the last answer: its record is queued by now
}
std::string PricingServer::take_minute_summary() { return impl_->service->take_minute_summary(); }

}  // namespace seatsync
