// kill -9 of a process appending to the audit log, ten times over one directory: afterwards
// every line of every segment is a whole record except at most a torn final line, which read()
// skips and the next writer cuts off; the records of each run are a prefix of what it appended,
// and every append that had returned is there (fdatasync before the acknowledgement).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <random>
#include <thread>

#include "seatsync/audit_log.hpp"
#include "test_support.hpp"

using namespace seatsync;
using nlohmann::json;
using seatsync::test::read_file;
using seatsync::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Large batches (about 3 MB per write) so that some kills land inside a write(2).
constexpr int kBatch = 4000;

// The child: appends batches of numbered records until killed, writing to `ack` how many
// records its returned appends hold.
[[noreturn]] void append_until_killed(const fs::path& dir, int run, int ack) {
  try {
    AuditLog log(dir);
    const std::string pad(700, 'x');
    for (std::int64_t seq = 0;;) {
      std::vector<json> batch;
      for (int i = 0; i < kBatch; ++i, ++seq)
        batch.push_back({{"kind", "score"}, {"game_id", "G1"}, {"run", run}, {"seq", seq}, {"pad", pad}});
      log.append(batch);
      if (::write(ack, &seq, sizeof seq) != sizeof seq) _exit(4);
    }
  } catch (...) {
    _exit(3);
  }
}

struct SegmentCheck {
  std::size_t whole = 0;
  bool torn_tail = false;
};

// Every line but a final one without its newline must parse as a JSON object.
SegmentCheck check_segment(const fs::path& file) {
  SegmentCheck out;
  const std::string text = read_file(file);
  std::size_t start = 0, line = 1;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1, ++line) {
    json r;
    EXPECT_NO_THROW(r = json::parse(text.substr(start, end - start))) << file << ":" << line;
    EXPECT_TRUE(r.is_object()) << file << ":" << line;
    ++out.whole;
  }
  out.torn_tail = start < text.size();
  return out;
}

}  // namespace

TEST(AuditKill, KilledWritersLeaveWholeRecordsAndAPrefix) {
  TempDir dir;
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> delay_ms(0, 120);
  constexpr int kRuns = 10;
  std::vector<std::int64_t> acknowledged(kRuns, 0);
  int torn = 0;
  for (int run = 0; run < kRuns; ++run) {
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(pipe_fds[0]);
      append_until_killed(dir.path(), run, pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    // Every other run is killed only after its first append returned, so that the check of
    // acknowledged appends always has some to check, however slow the machine is.
    if (run % 2 == 1) {
      pollfd ready{pipe_fds[0], POLLIN, 0};
      ASSERT_EQ(::poll(&ready, 1, 60'000), 1) << "run " << run << ": no append returned within a minute";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "run " << run << ": the writer exited by itself (status " << status << ")";
    for (std::int64_t n = 0; ::read(pipe_fds[0], &n, sizeof n) == sizeof n;) acknowledged[run] = n;
    ::close(pipe_fds[0]);

    for (const auto& e : fs::directory_iterator(dir.path()))
      if (e.path().extension() == ".jsonl") torn += check_segment(e.path()).torn_tail;
    // read() skips a torn tail; each run's records are 0, 1, 2, … in file order, at least every
    // acknowledged one.
    const auto records = AuditLog(dir.path()).read();
    std::vector<std::int64_t> next(kRuns, 0);
    for (const auto& r : records) {
      const int of = r.at("run");
      ASSERT_EQ(r.at("seq").get<std::int64_t>(), next[of]) << "run " << of << ": not a prefix";
      ++next[of];
    }
    for (int r = 0; r <= run; ++r)
      ASSERT_GE(next[r], acknowledged[r]) << "run " << r << ": an acknowledged append is missing";
  }
  // A writer after the last kill cuts a torn tail off: the segment ends whole.
  const std::vector<json> last{{{"kind", "plan"}, {"game_id", "G1"}, {"run", -1}}};
  AuditLog(dir.path()).append(last);
  for (const auto& e : fs::directory_iterator(dir.path()))
    if (e.path().extension() == ".jsonl") EXPECT_FALSE(check_segment(e.path()).torn_tail) << e.path();
  std::int64_t total = 0;
  for (auto n : acknowledged) total += n;
  EXPECT_GT(total, 0);
  std::cout << "kills inside a write (torn tails seen): " << torn << " of " << kRuns << "; acknowledged records: " << total
            << '\n';
}
