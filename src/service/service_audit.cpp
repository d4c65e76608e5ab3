// The service's half of the audit trail: a record per /score answer and per snapshot loaded,
// handed to the AsyncAuditWriter so the request path never touches the disk.
#include <spdlog/spdlog.h>

#include "pricing_service.hpp"
#include "seatsync/audit_records.hpp"

namespace seatsync::service {

struct PricingService::AuditedSnapshot {
  // Compared by address while alive: a request holds its snapshot, so a live entry at the same
  // address is that snapshot (a freed one's weak_ptr has expired).
  const PricingSnapshot* address = nullptr;
  std::weak_ptr<const PricingSnapshot> snapshot;
  std::string reference;  // snapshot_reference(), dumped once: what each score record carries
  std::shared_ptr<const AuditedSnapshot> previous;
};

void PricingService::enable_audit(AuditLog log, AuditWriterOptions options) {
  log.check_writable();  // a directory that cannot be written is refused at start
  audit_capacity_ = options.capacity;
  audit_ = std::make_unique<AsyncAuditWriter>(std::move(log), options);
}

void PricingService::audit_snapshot_loaded(const std::shared_ptr<const PricingSnapshot>& snap) noexcept {
  try {
    const nlohmann::json identity = dataset_identity(snap->data());
    auto entry = std::make_shared<AuditedSnapshot>();
    entry->address = snap.get();
    entry->snapshot = snap;
    entry->reference = snapshot_reference(*snap, identity.value("sha256", "")).dump();
    if (auto current = audited_.load()) {
      auto previous = std::make_shared<AuditedSnapshot>(*current);
      previous->previous.reset();  // two entries at most
      entry->previous = std::move(previous);
    }
    audited_.store(std::move(entry));
    audit_->submit(snapshot_audit_record(*snap, identity, "serve"));
  } catch (...) {
    audit_->submit(nlohmann::json());  // not an object: counted as a dropped record
  }
}

void PricingService::audit_score(const PricingSnapshot& snap, const nlohmann::json& inputs, const ScoreRequest& request,
                                 const ScoreResult& result) noexcept {
  if (!audit_) return;
  try {
    const std::string* reference = nullptr;
    std::string older;
    for (auto e = audited_.load(); e; e = e->previous)
      if (e->address == &snap && !e->snapshot.expired()) {
        reference = &e->reference;
        break;
      }
    if (!reference) reference = &(older = snapshot_reference(snap, std::nullopt).dump());  // older than the last reload
    // One buffer per event-loop thread, reused: a record costs no allocation once it has grown.
    thread_local std::string line;
    const std::string day =
        score_audit_line(line, inputs, request, result, snap, *reference, "serve", std::chrono::system_clock::now());
    audit_->submit_line(day, line);
  } catch (...) {
    audit_->submit(nlohmann::json());  // out of memory: counted as dropped, the answer goes out
  }
}

std::optional<AuditWriterCounters> PricingService::audit_counters() const {
  if (!audit_) return std::nullopt;
  return audit_->counters();
}

void PricingService::close_audit() {
  if (!audit_ || audit_closed_.exchange(true)) return;
  audit_->close();
  const auto c = audit_->counters();
  spdlog::info("audit trail closed: {} record(s) written, {} dropped (queue full: {}), {} failed write(s)", c.written,
               c.dropped, c.dropped_queue_full, c.write_errors);
}

}  // namespace seatsync::service
