// PricingServer: the service's routes on the HTTP server, with the limits of docs/service.md.
#include "seatsync/pricing_server.hpp"

#include "http_server.hpp"
#include "pricing_service.hpp"

namespace seatsync {

struct PricingServer::Impl {
  std::unique_ptr<service::PricingService> service;
  std::unique_ptr<service::HttpServer> http;
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
  impl_->service = std::make_unique<service::PricingService>(std::move(factory), read_keys(options), std::move(experiments));
  service::HttpServerOptions http;
  http.host = options.host;
  http.port = options.port;
  http.threads = options.threads;
  http.request_timeout = options.request_timeout;
  http.body_limit = kBodyLimit;
  http.body_limit_for = [](const std::string& path) { return path == "/score/batch" ? kBatchBodyLimit : kBodyLimit; };
  auto* svc = impl_->service.get();
  impl_->http = std::make_unique<service::HttpServer>(
      http, [svc](const service::HttpRequest& r) { return svc->handle(r); },
      [svc](const service::HttpRequest& r) { return svc->is_slow(r); },
      [svc](const service::HttpRequest& r, int status, double seconds) { svc->observe(r, status, seconds); });
}

PricingServer::~PricingServer() { stop(); }

void PricingServer::start() { impl_->http->start(); }
void PricingServer::load() { impl_->service->load(); }
bool PricingServer::reload(std::string& message) { return impl_->service->reload(message); }
unsigned short PricingServer::port() const { return impl_->http->port(); }
void PricingServer::stop(std::chrono::milliseconds drain) { impl_->http->stop(drain); }
std::string PricingServer::take_minute_summary() { return impl_->service->take_minute_summary(); }

}  // namespace seatsync
