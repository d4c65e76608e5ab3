// AsyncAuditWriter: the request path only copies a serialised record into a bounded buffer; one
// thread writes the buffer out in batches, so the disk's latency (fdatasync) is never a request's.
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

bool valid_line(std::string_view day, std::string_view text) {
  return day.size() == 8 && day.find_first_not_of("0123456789") == std::string_view::npos && !text.empty() &&
         text.front() == '{' && text.find('\n') == std::string_view::npos;  // a newline would split the record
}

}  // namespace

AsyncAuditWriter::AsyncAuditWriter(AuditLog log, AuditWriterOptions options)
    : AsyncAuditWriter([log = std::move(log)](std::string_view day, std::string_view lines,
                                              std::size_t) mutable { log.append_day(day, lines); },
                       options) {}

AsyncAuditWriter::AsyncAuditWriter(Sink sink, AuditWriterOptions options) : sink_(std::move(sink)), options_(options) {
  if (options_.capacity == 0) throw std::invalid_argument("the audit queue's capacity must be at least 1");
  if (options_.batch == 0) options_.batch = 1;
  thread_ = std::thread([this] { run(); });
}

AsyncAuditWriter::~AsyncAuditWriter() { close(); }

bool AsyncAuditWriter::submit(const nlohmann::json& record) noexcept {
  try {
    // Stamped here, not when written: "at" is when the decision was made.
    const AuditLine line = audit_line(record, std::chrono::system_clock::now());
    return submit_line(line.day, line.text);
  } catch (...) {  // not a record, a bad "at", out of memory: counted as dropped
    return submit_line({}, {});
  }
}

bool AsyncAuditWriter::submit_line(std::string_view day, std::string_view text) noexcept {
  const bool valid = valid_line(day, text);
  bool accepted = false, wake = false;
  std::uint64_t dropped = 0;
  {
    // Every count changes under this lock, so counters() always adds up.
    std::lock_guard lock(mutex_);
    ++submitted_;
    Queue& q = queue_;
    if (valid && !closing_ && q.records < options_.capacity) {
      const std::size_t before = q.bytes.size();
      try {
        q.bytes.reserve(before + text.size() + 1);  // the only step that may throw, before any change
        if (q.runs.empty() || q.runs.back().day != day) q.runs.push_back({std::string(day), before, 0});
        q.bytes.append(text);
        q.bytes += '\n';
        q.runs.back().end = q.bytes.size();
        ++q.runs.back().records;
        ++q.records;
        ++pending_;
        accepted = true;
        // The writer sleeps until a first record arrives, then until a batch is full or the
        // interval passed: two wake-ups per batch at most, none per record.
        wake = q.records == 1 || q.records == options_.batch;
      } catch (...) {  // out of memory
        q.bytes.resize(before);
        if (!q.runs.empty() && q.runs.back().records == 0) q.runs.pop_back();
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
  Queue batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return closing_ || queue_.records > 0; });
      if (!closing_)
        wake_.wait_for(lock, options_.interval, [this] { return closing_ || queue_.records >= options_.batch; });
      if (queue_.records == 0) return;  // closing, and everything is written
      std::swap(batch, queue_);  // the submitters continue in the buffer this thread emptied last time
    }
    write(batch);
    batch.bytes.clear();  // keeps its capacity
    batch.runs.clear();
    batch.records = 0;
  }
}

// One append per run of one UTC day: one write(2) to one segment, all or nothing, so a retry
// never writes a record twice.
void AsyncAuditWriter::write(const Queue& batch) {
  std::size_t start = 0;
  for (const Run& run : batch.runs) {
    write_with_retry(run.day, std::string_view(batch.bytes).substr(start, run.end - start), run.records);
    start = run.end;
  }
}

void AsyncAuditWriter::write_with_retry(std::string_view day, std::string_view lines, std::size_t records) {
  for (int attempt = 1;; ++attempt) {
    std::string error;
    try {
      sink_(day, lines, records);
      std::lock_guard lock(mutex_);
      written_ += records;
      pending_ -= records;
      return;
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "unknown error";
    }
    std::unique_lock lock(mutex_);
    ++write_errors_;
    if (attempt == 2) {
      dropped_failed_ += records;
      pending_ -= records;
      lock.unlock();
      if (once_a_minute(last_loss_log_))
        spdlog::error("audit log: {} record(s) lost after two failed writes: {}", records, error);
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
