// AsyncAuditWriter: the request path only moves a record into a bounded queue; one thread
// writes the queue out in batches, so the disk's latency (fdatasync) is never a request's.
#include <spdlog/spdlog.h>

#include "seatsync/audit_log.hpp"

namespace seatsync {
namespace {

std::int64_t steady_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// True at most once a minute per `last` (shared by the threads that would log).
bool once_a_minute(std::atomic<std::int64_t>& last) {
  const std::int64_t now = steady_seconds();
  std::int64_t seen = last.load();
  return (seen == 0 || now - seen >= 60) && last.compare_exchange_strong(seen, now);
}

}  // namespace

AsyncAuditWriter::AsyncAuditWriter(AuditLog log, AuditWriterOptions options)
    : AsyncAuditWriter([log = std::move(log)](std::span<const AuditLine> lines) mutable { log.append(lines); }, options) {}

AsyncAuditWriter::AsyncAuditWriter(Sink sink, AuditWriterOptions options) : sink_(std::move(sink)), options_(options) {
  if (options_.capacity == 0) throw std::invalid_argument("the audit queue's capacity must be at least 1");
  if (options_.batch == 0) options_.batch = 1;
  thread_ = std::thread([this] { run(); });
}

AsyncAuditWriter::~AsyncAuditWriter() { close(); }

bool AsyncAuditWriter::submit(const nlohmann::json& record) noexcept {
  AuditLine line;
  try {
    // Stamped here, not when written: "at" is when the decision was made.
    line = audit_line(record, std::chrono::system_clock::now());
  } catch (...) {  // not a record, a bad "at", out of memory: counted as dropped
    line.day.clear();
  }
  return submit_line(std::move(line));
}

bool AsyncAuditWriter::submit_line(AuditLine line) noexcept {
  const bool valid = line.day.size() == 8 && !line.text.empty();
  bool accepted = false, wake = false;
  std::uint64_t dropped = 0;
  {
    // Every count changes under this lock, so counters() always adds up.
    std::lock_guard lock(mutex_);
    ++submitted_;
    if (valid && !closing_ && queue_.size() < options_.capacity) {
      try {
        queue_.push_back(std::move(line));
        accepted = true;
        ++pending_;
        // The writer sleeps until a first record arrives, then until a batch is full or the
        // interval passed: two wake-ups per batch at most, none per record.
        wake = queue_.size() == 1 || queue_.size() == options_.batch;
      } catch (...) {
      }
    }
    if (!accepted) dropped = ++dropped_full_;
  }
  if (wake) wake_.notify_one();
  if (!accepted) warn_dropped(dropped);
  return accepted;
}

void AsyncAuditWriter::warn_dropped(std::uint64_t dropped) noexcept {
  if (!once_a_minute(last_drop_warning_)) return;
  try {
    spdlog::warn("audit queue full ({} records waiting) or closed: a decision was not recorded ({} dropped so far); "
                 "requests are still answered",
                 options_.capacity, dropped);
  } catch (...) {
  }
}

void AsyncAuditWriter::close() {
  std::lock_guard close_lock(close_mutex_);
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

AuditWriterCounters AsyncAuditWriter::counters() const {
  std::lock_guard lock(mutex_);
  return {.submitted = submitted_,
          .written = written_,
          .dropped = dropped_full_ + dropped_failed_,
          .dropped_queue_full = dropped_full_,
          .pending = pending_,
          .write_errors = write_errors_};
}

void AsyncAuditWriter::run() {
  std::vector<AuditLine> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (!closing_)
        wake_.wait_for(lock, options_.interval, [this] { return closing_ || queue_.size() >= options_.batch; });
      if (queue_.empty()) return;  // closing, and everything is written
      batch.swap(queue_);
    }
    write(batch);
    batch.clear();
  }
}

// One append per UTC day and at most `batch` records each: an append is then one write(2) to
// one segment, all or nothing, and a retry never writes a record twice.
void AsyncAuditWriter::write(std::vector<AuditLine>& lines) {
  std::size_t start = 0;
  while (start < lines.size()) {
    std::size_t end = start + 1;
    while (end < lines.size() && end - start < options_.batch && lines[end].day == lines[start].day) ++end;
    write_with_retry(std::span<const AuditLine>(lines).subspan(start, end - start));
    start = end;
  }
}

void AsyncAuditWriter::write_with_retry(std::span<const AuditLine> records) {
  for (int attempt = 1;; ++attempt) {
    std::string error;
    try {
      sink_(records);
      std::lock_guard lock(mutex_);
      written_ += records.size();
      pending_ -= records.size();
      return;
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "unknown error";
    }
    std::unique_lock lock(mutex_);
    ++write_errors_;
    if (attempt == 2) {
      dropped_failed_ += records.size();
      pending_ -= records.size();
      lock.unlock();
      if (once_a_minute(last_loss_log_))
        spdlog::error("audit log: {} record(s) lost after two failed writes: {}", records.size(), error);
      return;
    }
    lock.unlock();
    if (once_a_minute(last_error_log_)) spdlog::error("audit log: a write failed, trying once more: {}", error);
    // A moment for the cause (a full disk being cleaned) to pass; none when closing.
    lock.lock();
    wake_.wait_for(lock, options_.interval, [this] { return closing_; });
  }
}

}  // namespace seatsync
