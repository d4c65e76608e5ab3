// kill -9 of `seatsync serve --audit DIR` while a client is being answered, four times over one
// directory: afterwards every segment holds whole records (bar a torn final line, skipped), and
// each run's score records are a prefix of the answers it gave — in order, none twice, none
// invented. (What was queued but not yet written when the process died is lost: at most the
// last ~50 ms of decisions; docs/audit.md.)
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <random>
#include <regex>
#include <thread>

#include "seatsync/audit_log.hpp"
#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The port `serve` logged, or 0 after `seconds`.
unsigned short logged_port(const fs::path& log, int seconds) {
  static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
  for (int i = 0; i < seconds * 20; ++i) {
    const std::string text = fs::exists(log) ? read_file(log) : "";
    std::smatch m;
    if (std::regex_search(text, m, listening)) return static_cast<unsigned short>(std::stoi(m[1]));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return 0;
}

bool healthy(unsigned short port, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (http_request(port, "GET", "/health").status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// Whether a score record of `run` is on disk yet (read while the server writes: a torn last line
// is skipped).
bool recorded_any(const fs::path& audit, int run) {
  for (const auto& r : AuditLog(audit).read({.kind = "score"}))
    if (r.at("inputs").at("audit_test").at("run") == run) return true;
  return false;
}

}  // namespace

TEST(AuditServeKill, KilledServiceLeavesWholeRecordsAndAPrefixOfItsAnswers) {
  const auto& w = service_world();
  TempDir dir;
  const fs::path audit = dir / "audit";
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> delay_ms(0, 150);
  constexpr int kRuns = 4;
  std::vector<int> answered(kRuns, 0);
  for (int run = 0; run < kRuns; ++run) {
    const fs::path log = dir / ("serve-" + std::to_string(run) + ".log");
    const int pid = spawn_process(SEATSYNC_BINARY,
                                  {"serve", "--data", w.data_dir.string(), "--registry", w.registry_dir.string(), "--as-of",
                                   w.as_of.str(), "--port", "0", "--audit", audit.string()},
                                  {}, log);
    ASSERT_GT(pid, 0);
    const unsigned short port = logged_port(log, 60);
    ASSERT_NE(port, 0) << read_file(log);
    ASSERT_TRUE(healthy(port, 60)) << read_file(log);

    // One client, one request at a time: the order answers leave in is the order recorded.
    std::atomic<int> done{0};
    std::thread client([&, run] {
      for (int seq = 0;; ++seq) {
        const auto body = score_body({{"audit_test", {{"run", run}, {"seq", seq}}}});  // ignored by /score, kept in inputs
        const auto r = http_request(port, "POST", "/score", body.dump());
        if (r.status != 200) return;  // the server is gone
        done = seq + 1;
      }
    });
    for (int i = 0; i < 600 && done < 200; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // Every other run is killed only once some of its records are on disk, so the prefix check
    // always has records to check, however slow the machine is.
    for (int i = 0; run % 2 == 1 && i < 600 && !recorded_any(audit, run); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    client.join();
    answered[run] = done;
    ASSERT_GE(answered[run], 200) << "run " << run << ": the service answered too little to test anything";

    // read() parses every line (a damaged one throws) and skips a torn final line.
    const auto records = AuditLog(audit).read({.kind = "score"});
    std::vector<int> next(kRuns, 0);
    for (const auto& r : records) {
      const json& tag = r.at("inputs").at("audit_test");
      const int of = tag.at("run");
      ASSERT_EQ(tag.at("seq").get<int>(), next[of]) << "run " << of << ": the records are not a prefix of the answers";
      ++next[of];
    }
    for (int r = 0; r <= run; ++r)
      // The request the client was waiting on may have been recorded, its answer never received.
      ASSERT_LE(next[r], answered[r] + 1) << "run " << r << ": more records than answers";
    std::cout << "run " << run << ": " << answered[run] << " answers, " << next[run] << " recorded before SIGKILL\n";
  }
  const auto all = AuditLog(audit).read({.kind = "score"});
  EXPECT_GT(all.size(), 0u);
}
