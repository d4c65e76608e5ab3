#pragma once
// The crash tests' shared harness: start a command, SIGKILL it at a random point, check what it
// left behind, many times over, within a time budget.
//
// Kill points: each run waits a delay drawn from a fixed-seed RNG, uniformly over the command's
// measured duration (measure() runs it once to completion first). A write that is a small part
// of a long run (a model save after training) would rarely be hit that way, so a target may name
// an anchor, a condition polled every ~0.3 ms that becomes true once the write has begun (a
// temporary file appears): half the runs then draw their delay over the measured time from the
// anchor to the end, counted from the moment the anchor was seen (KillBudget::anchored_share).
//
// At the kill point the process group is stopped (SIGSTOP) before it is killed, so that the
// target's probe can look at the disk exactly as the kill finds it (is a transaction open, a lock
// held, a temporary file half-written?); SIGKILL then ends it where it stood. The check that
// follows asserts the state (with gtest assertions) and says where the kill landed: before the
// write (the previous state, nothing of the write begun), during it (the previous state, the
// write under way when the process died) or after it (the new state, whole).
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seatsync::test {

enum class KillLanding { Before, During, After };

// One killed (or finished) run, as the check sees it.
struct KillRun {
  int index = 0;
  std::chrono::microseconds delay{0};  // drawn: from the start, or from the anchor when anchored
  bool anchored = false;
  bool finished = false;          // the command ended by itself before the kill
  int exit_code = -1;             // when finished
  bool write_in_progress = false; // the probe's answer at the kill instant (false without one)
};

struct KillTarget {
  std::string name;                     // in the printed summary
  std::vector<std::string> args;        // the seatsync command line
  std::function<void(int run)> prepare; // restores the previous state before each run (-1: the measuring run)
  // After the process started, before the clock of the delay starts: a long-lived process
  // (serve) waits here until it is ready and triggers the write (SIGHUP). Returns false when
  // the process could not get there (the run then fails).
  std::function<bool(int pid)> started;
  std::function<bool()> anchor;         // optional: the write has begun
  std::function<bool()> done;           // optional: the write is complete though the process lives on
  std::function<bool()> probe;          // optional: at the kill instant, is a write in progress?
  // After each run: assert the state; set `landing` (default: Before).
  std::function<void(const KillRun&, KillLanding& landing)> check;
  std::filesystem::path out, log;       // optional: the process's stdout and stderr (default: /dev/null)
};

struct KillBudget {
  unsigned seed = 1;
  int max_runs = 30;
  int min_runs = 8;                                // run at least these, whatever the time
  std::chrono::milliseconds time{20'000};          // start no run after this much time
  double window_scale = 1.15;                      // delays over [0, scale × measured)
  double anchored_share = 0.5;                     // with an anchor: the share of runs anchored to it
};

struct KillMeasure {
  std::chrono::microseconds total{0};                 // start (after `started`) to exit or `done`
  std::optional<std::chrono::microseconds> anchor;    // start to the anchor, when it was seen
};

struct KillStats {
  int runs = 0, before = 0, during = 0, after = 0;
  int finished = 0;  // of `after`: the command had already ended when the kill came
  int anchored = 0;
  std::chrono::milliseconds elapsed{0};
  std::string summary(const std::string& name) const;
};

// Runs the target once to completion (prepare(-1) first) and times it. Fails the test (and
// returns a zero total) when the command does not succeed.
KillMeasure measure(const KillTarget& target);

// The kill runs. Stops early at the first failed check (its run is named in the failure).
// Prints the summary to stdout and returns it; the caller asserts on `during`.
KillStats run_kills(const KillTarget& target, const KillMeasure& measured, const KillBudget& budget);

// --- Probes and checks the crash tests share -------------------------------------------------

// Whether another connection holds the write lock of a SQLite database in WAL mode (a write
// transaction is open): BEGIN IMMEDIATE with no busy timeout is refused. False for a missing file.
bool sqlite_write_locked(const std::filesystem::path& db);
// The first column of every row `sql` returns (a failure as one row "error: ..."), read with a
// connection of its own that waits up to 10 s for a busy database.
std::vector<std::string> sqlite_query(const std::filesystem::path& db, const std::string& sql);
// PRAGMA integrity_check's rows ("ok" alone for a sound database).
inline std::vector<std::string> sqlite_integrity(const std::filesystem::path& db) {
  return sqlite_query(db, "PRAGMA integrity_check");
}
// Whether another process holds an exclusive flock(2) on `lock_file` (false when it is missing).
bool flock_held(const std::filesystem::path& lock_file);
// Names of the entries of `dir` (not recursive) that begin with `prefix`, sorted.
std::vector<std::string> entries_starting_with(const std::filesystem::path& dir, const std::string& prefix);
// Every regular file under `dir`, by path relative to it, with its bytes (empty when `dir` is missing).
std::map<std::string, std::string> read_tree(const std::filesystem::path& dir);
// Copies `from` over `to` (removed first) as a whole, or removes `to` when `from` is empty.
void replace_tree(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace seatsync::test
