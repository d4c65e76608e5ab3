#include "kill_harness.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <random>
#include <thread>

#include "test_support.hpp"

namespace seatsync::test {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::microseconds;

namespace {

constexpr microseconds kPoll{300};

microseconds since(Clock::time_point t) { return std::chrono::duration_cast<microseconds>(Clock::now() - t); }

int spawn(const KillTarget& target) {
  // Gone before the child opens them afresh: a reader never takes the last run's lines for its.
  std::error_code ignored;
  if (!target.out.empty()) fs::remove(target.out, ignored);
  if (!target.log.empty()) fs::remove(target.log, ignored);
  return spawn_process(SEATSYNC_BINARY, target.args, target.out, target.log);
}

std::string log_of(const KillTarget& target) {
  if (target.log.empty() || !fs::exists(target.log)) return "(no log kept)";
  return read_file(target.log);
}

// Reaps `pid` if it has ended: its exit code (128 + signal when signalled), or nullopt.
std::optional<int> reaped(int pid, int flags = WNOHANG) {
  int status = 0;
  const int r = ::waitpid(pid, &status, flags);
  if (r != pid) return std::nullopt;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return std::nullopt;  // stopped (WUNTRACED)
}

// Kills the group of a process that is still ours when a run is abandoned (a failed ASSERT).
class Child {
 public:
  explicit Child(int pid) : pid_(pid) {}
  ~Child() {
    if (pid_ > 0) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  int pid() const { return pid_; }
  void release() { pid_ = -1; }

 private:
  int pid_;
};

}  // namespace

std::string KillStats::summary(const std::string& name) const {
  return fmt::format("crash[{}]: {} runs in {:.1f} s ({} anchored to the write): {} kills before the write, {} during, "
                     "{} after ({} of them after the command had ended)",
                     name, runs, elapsed.count() / 1000.0, anchored, before, during, after, finished);
}

KillMeasure measure(const KillTarget& target) {
  KillMeasure m;
  if (target.prepare) target.prepare(-1);
  Child child(spawn(target));
  if (child.pid() <= 0) {
    ADD_FAILURE() << target.name << ": cannot start seatsync";
    return m;
  }
  if (target.started && !target.started(child.pid())) {
    ADD_FAILURE() << target.name << ": the measuring run did not get ready: " << log_of(target);
    return m;
  }
  const auto t0 = Clock::now();
  const auto give_up = t0 + std::chrono::minutes(3);
  std::optional<int> code;
  for (;;) {
    if (!m.anchor && target.anchor && target.anchor()) m.anchor = since(t0);
    if (target.done && target.done()) break;
    if ((code = reaped(child.pid()))) {
      child.release();
      break;
    }
    if (Clock::now() > give_up) {
      ADD_FAILURE() << target.name << ": the measuring run did not finish within 3 minutes";
      return m;
    }
    std::this_thread::sleep_for(kPoll);
  }
  m.total = since(t0);
  if (target.done) {  // a long-lived process: its write is done, stop it
    ::kill(-child.pid(), SIGTERM);
    code = reaped(child.pid(), 0);
    child.release();
  }
  if (!target.done && code != 0) {
    ADD_FAILURE() << target.name << ": the measuring run exited " << code.value_or(-1) << ": " << log_of(target);
    m.total = microseconds{0};
  }
  if (target.anchor && !m.anchor) ADD_FAILURE() << target.name << ": the measuring run never reached its anchor";
  std::cout << fmt::format("crash[{}]: one whole run takes {:.3f} s{}\n", target.name, m.total.count() / 1e6,
                           m.anchor ? fmt::format(", its write begins at {:.3f} s", m.anchor->count() / 1e6) : "");
  return m;
}

KillStats run_kills(const KillTarget& target, const KillMeasure& measured, const KillBudget& budget) {
  KillStats stats;
  if (measured.total.count() <= 0) {
    ADD_FAILURE() << target.name << ": nothing measured, no kill runs";
    return stats;
  }
  std::mt19937 rng(budget.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto begin = Clock::now();
  const microseconds anchor_at = measured.anchor.value_or(microseconds{0});
  const microseconds tail = std::max(measured.total - anchor_at, microseconds{1000});
  for (int run = 0; run < budget.max_runs && (run < budget.min_runs || Clock::now() - begin < budget.time); ++run) {
    SCOPED_TRACE(fmt::format("{} kill run {}", target.name, run));
    if (target.prepare) target.prepare(run);
    if (::testing::Test::HasFailure()) break;
    KillRun r;
    r.index = run;
    r.anchored = target.anchor && measured.anchor && unit(rng) < budget.anchored_share;
    const double span = budget.window_scale * static_cast<double>((r.anchored ? tail : measured.total).count());
    r.delay = microseconds(static_cast<long long>(unit(rng) * span));

    Child child(spawn(target));
    if (child.pid() <= 0) {
      ADD_FAILURE() << "cannot start seatsync";
      break;
    }
    if (target.started && !target.started(child.pid())) {
      ADD_FAILURE() << "the process did not get ready: " << log_of(target);
      break;
    }
    std::optional<int> code;
    auto t0 = Clock::now();
    if (r.anchored) {
      const auto give_up = t0 + std::max<Clock::duration>(std::chrono::seconds(10), 10 * measured.total);
      while (!target.anchor() && !(code = reaped(child.pid())) && Clock::now() < give_up) std::this_thread::sleep_for(kPoll);
      t0 = Clock::now();
    }
    if (!code) {
      std::this_thread::sleep_until(t0 + r.delay);
      ::kill(-child.pid(), SIGSTOP);
      code = reaped(child.pid(), WUNTRACED);  // stopped (nullopt), or it had ended
      if (!code) {
        if (target.probe) r.write_in_progress = target.probe();
        ::kill(-child.pid(), SIGKILL);
        const auto killed = reaped(child.pid(), 0);
        if (killed != 128 + SIGKILL) ADD_FAILURE() << "the kill ended it with " << killed.value_or(-1);
      }
    }
    child.release();
    if (code) {
      r.finished = true;
      r.exit_code = *code;
    }

    KillLanding landing = KillLanding::Before;
    {
      SCOPED_TRACE(fmt::format("killed {} µs after {}{}", r.delay.count(), r.anchored ? "its write began" : "it started",
                               r.finished ? fmt::format(" (it had already exited {})", r.exit_code) : ""));
      target.check(r, landing);
    }
    ++stats.runs;
    stats.anchored += r.anchored;
    stats.finished += r.finished;
    (landing == KillLanding::Before ? stats.before : landing == KillLanding::During ? stats.during : stats.after) += 1;
    if (::testing::Test::HasFailure()) break;
  }
  stats.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - begin);
  std::cout << stats.summary(target.name) << '\n';
  return stats;
}

bool sqlite_write_locked(const fs::path& db) {
  if (!fs::exists(db)) return false;
  sqlite3* c = nullptr;
  if (sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(c);
    return false;
  }
  sqlite3_busy_timeout(c, 0);
  const int rc = sqlite3_exec(c, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) sqlite3_exec(c, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(c);
  return rc == SQLITE_BUSY;
}

std::vector<std::string> sqlite_query(const fs::path& db, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3* c = nullptr;
  if (sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    rows.push_back(std::string("error: cannot open: ") + sqlite3_errmsg(c));
    sqlite3_close(c);
    return rows;
  }
  sqlite3_busy_timeout(c, 10'000);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(c, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
    rows.push_back(std::string("error: ") + sqlite3_errmsg(c));
  } else {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(s, 0);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    if (rc != SQLITE_DONE) rows.push_back(std::string("error: ") + sqlite3_errmsg(c));
  }
  sqlite3_finalize(s);
  sqlite3_close(c);
  return rows;
}

bool flock_held(const fs::path& lock_file) {
  const int fd = ::open(lock_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // releases it if we took it
  return held;
}

std::vector<std::string> entries_starting_with(const fs::path& dir, const std::string& prefix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, std::string> read_tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
  return out;
}

void replace_tree(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  if (!from.empty()) fs::copy(from, to, fs::copy_options::recursive);
}

}  // namespace seatsync::test
