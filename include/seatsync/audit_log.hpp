#pragma once
// The audit trail (docs/audit.md): every price decision, append-only, in a directory of JSON
// Lines segments — one file per UTC day, `audit-YYYYMMDD.jsonl`, so a query --since a day skips
// older files and old days can be archived by moving their files away.
//
// AuditLog writes and reads the directory; AsyncAuditWriter puts a bounded queue and a
// background thread in front of it, so that a request never waits for the disk.
//
// Every record is a JSON object with at least "kind" and "at" (ISO 8601 UTC with milliseconds,
// "2026-12-01T12:00:00.123Z"). The kinds and their fields are in audit_records.hpp.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace seatsync {

// A segment holds a line that is not a whole JSON record before its last line: not what a crash
// leaves (a crash can only cut the last line short), so the file was damaged. Names FILE:LINE.
class AuditLogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct AuditQuery {
  // Records of this game — and the records that concern every game and so carry no game_id
  // (model promotions, rejections and rollbacks, snapshot loads). None: every record.
  std::optional<std::string> game_id;
  // "YYYY-MM-DD" (from that day's 00:00 UTC) or an ISO 8601 date-time (an offset is honoured,
  // none means UTC): records at or after it. Anything else: std::invalid_argument.
  std::optional<std::string> since;
  std::optional<std::string> kind;  // "score", "plan", "promotion", "rejection", "rollback", …
};

// One record serialised: a JSON object on one line (without the newline), and the UTC day of its
// "at" ("20261201"), which names its segment. audit_line() makes one from a JSON object; a hot
// path may write the text itself (score_audit_line): then the writer only copies bytes.
struct AuditLine {
  std::string text;
  std::string day;
};

// `record` (a JSON object) with "at" = `now` when it has none, or its "at" rewritten in the
// canonical form, serialised (strings that are not UTF-8 replaced, never a reason to lose the
// record). std::invalid_argument when it is not an object or its "at" is not ISO 8601.
AuditLine audit_line(const nlohmann::json& record, std::chrono::system_clock::time_point now);

class AuditLog {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Touches nothing on disk: append() creates the directory, read() requires it.
  explicit AuditLog(std::filesystem::path dir, Clock clock = {});
  const std::filesystem::path& dir() const { return dir_; }

  // Appends the records (JSON objects; std::invalid_argument otherwise), each stamped with "at"
  // from the clock when it has none; an "at" given in another ISO 8601 form is rewritten in the
  // canonical one (an unparseable one: std::invalid_argument). Under an exclusive flock of the
  // directory's `audit.lock`, the lines of each day's segment go in one write(2), then
  // fdatasync — so across processes appends never interleave and a returned append is on disk.
  // A torn last line left by a crash is cut off first, so it never ends up mid-file. A failed
  // write is undone (the segment truncated back) and thrown as std::runtime_error naming the
  // file. Records of different UTC days go to different segments: one write each, in order.
  void append(std::span<const nlohmann::json> records);
  // The same for records already serialised, all of the UTC day `day` ("20261201"): `lines` are
  // whole lines, each a JSON object holding its "at" and ending in '\n'. One write(2).
  void append_day(std::string_view day, std::string_view lines);

  // Creates the directory and takes its lock once, so that a log that cannot be written is
  // refused at start rather than at the first decision: throws what append() would.
  void check_writable() const;

  // The records matching `q`, oldest first ("at", then file order). A last line without its
  // newline (a crash mid-write) is skipped; any other line that is not a JSON object throws
  // AuditLogError naming FILE:LINE. A directory that does not exist: std::invalid_argument.
  std::vector<nlohmann::json> read(const AuditQuery& q = {}) const;

  static constexpr const char* kLockFileName = "audit.lock";

 private:
  std::filesystem::path dir_;
  Clock clock_;
};

// The file name of the segment holding records of the UTC day of `at` (a canonical "at").
std::string audit_segment_name(const std::string& at);
// "2026-12-01T12:00:00.123Z": how "at" is written.
std::string audit_timestamp(std::chrono::system_clock::time_point t);

struct AuditWriterOptions {
  std::size_t capacity = 65536;              // records waiting; beyond it submit() drops
  std::size_t batch = 1024;                  // the writer wakes when this many wait ...
  std::chrono::milliseconds interval{50};    // ... or this long after the first one arrived
};

// Counts since the writer started, read together: submitted = written + dropped + pending.
struct AuditWriterCounters {
  std::uint64_t submitted = 0;      // submit() calls
  std::uint64_t written = 0;        // records appended (on disk)
  std::uint64_t dropped = 0;        // records lost: queue full (or after close) + write failures
  std::uint64_t dropped_queue_full = 0;  // the part of `dropped` refused by submit()
  std::uint64_t pending = 0;        // queued or being written
  std::uint64_t write_errors = 0;   // failed append attempts (each batch is tried twice)
};

class AsyncAuditWriter {
 public:
  // What the background thread hands each batch to: `records` whole lines of UTC day `day`, as
  // AuditLog::append_day takes them. Throwing means the write failed.
  using Sink = std::function<void(std::string_view day, std::string_view lines, std::size_t records)>;

  explicit AsyncAuditWriter(AuditLog log, AuditWriterOptions options = {});
  // A sink instead of a log (tests, or another store).
  explicit AsyncAuditWriter(Sink sink, AuditWriterOptions options = {});
  ~AsyncAuditWriter();  // close()
  AsyncAuditWriter(const AsyncAuditWriter&) = delete;
  AsyncAuditWriter& operator=(const AsyncAuditWriter&) = delete;

  // Queues `record` (a JSON object; "at" = now when absent) and returns at once: it never waits
  // for the disk or the writer. When the queue holds `capacity` records, after close(), or for a
  // record that is not an object, the record is dropped and counted (false); the first drop in
  // a minute is logged as a warning. Never throws. The record is serialised here, on the
  // caller's thread (audit_line).
  bool submit(const nlohmann::json& record) noexcept;
  // A record the caller serialised itself: `text` one JSON object on one line (no newline)
  // holding its "at", `day` that at's UTC day ("20261201"). Its bytes are copied into the
  // queue's buffer, so a caller that reuses its own buffer allocates nothing per record. Refused
  // (dropped and counted) like submit(), and also when `text` holds a newline.
  bool submit_line(std::string_view day, std::string_view text) noexcept;

  // Writes what is queued, then stops the thread; later submits are dropped. Idempotent.
  void close();

  AuditWriterCounters counters() const;

 private:
  // Queued lines are bytes in one buffer (runs of one day each), swapped whole with the writer's:
  // no allocation per record once the buffers have grown, and nothing freed across threads.
  struct Run {
    std::string day;
    std::size_t end = 0;  // the run's lines are [previous run's end, end) of the buffer
    std::size_t records = 0;
  };
  struct Queue {
    std::string bytes;
    std::vector<Run> runs;
    std::size_t records = 0;
  };
  void run();
  void write(const Queue& batch);
  void write_with_retry(std::string_view day, std::string_view lines, std::size_t records);
  void warn_dropped(std::uint64_t dropped) noexcept;

  Sink sink_;
  AuditWriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  Queue queue_;
  bool closing_ = false;
  std::uint64_t submitted_ = 0, written_ = 0, dropped_full_ = 0, dropped_failed_ = 0, pending_ = 0, write_errors_ = 0;
  std::atomic<std::int64_t> last_drop_warning_{0}, last_error_log_{0}, last_loss_log_{0};  // for the logs' rate limits
  std::mutex close_mutex_;
  std::thread thread_;
};

}  // namespace seatsync
