// End-to-end: the `seatsync serve` binary on a loopback port — 503 then 200, SIGHUP reloads,
// SIGTERM drains and exits 0; bad options exit 2 before listening.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fcntl.h>
#include <regex>
#include <thread>

#include "service_fixture.hpp"

extern char** environ;

using namespace seatsync::test;
using ::testing::HasSubstr;

namespace {

// `seatsync serve ARGS` with stderr to a file; stopped with SIGKILL if a test leaves it running.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& log) : log_(log) {
    std::vector<std::string> argv{SEATSYNC_BINARY, "serve"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (auto& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, SEATSYNC_BINARY, &actions, nullptr, raw.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // The port it logged ("listening on http://127.0.0.1:PORT"), waiting up to 30 s.
  unsigned short port() {
    static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
    return static_cast<unsigned short>(std::stoi(wait_for_log(listening)[1]));
  }
  std::smatch wait_for_log(const std::regex& pattern, int seconds = 60) {
    for (int i = 0; i < seconds * 20; ++i) {
      text_ = log();  // kept: the match refers into it
      std::smatch m;
      if (std::regex_search(text_, m, pattern)) return m;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "not in the log: " << log();
    return {};
  }
  std::string log() const { return std::filesystem::exists(log_) ? read_file(log_) : ""; }
  void signal(int sig) { kill(pid_, sig); }
  // The exit code, waiting up to 30 s (then SIGKILL and -1).
  int wait() {
    for (int i = 0; i < 600; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

 private:
  std::filesystem::path log_;
  std::string text_;
  pid_t pid_ = -1;
};

}  // namespace

TEST(ServeCli, ServesReloadsOnSighupAndDrainsOnSigterm) {
  const auto& w = service_world();
  TempDir tmp;
  ServeProcess serve({"--data", w.data_dir.string(), "--port", "0", "--as-of", w.as_of.str(), "--registry",
                      w.registry_dir.string()},
                     tmp / "serve.log");
  HttpClient c(serve.port());
  int status = 0;
  for (int i = 0; i < 600 && (status = c.get("/health").status) != 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(status, 200) << serve.log();
  auto score = c.post("/score", score_body().dump());
  EXPECT_EQ(score.status, 200) << score.body;
  EXPECT_THAT(serve.log(), HasSubstr("sha256"));  // the model's checksum, logged at start
  serve.signal(SIGHUP);
  serve.wait_for_log(std::regex(R"(SIGHUP: reloading[\s\S]*snapshot as of)"));
  EXPECT_EQ(c.get("/health").status, 200);
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0) << serve.log();
  EXPECT_THAT(serve.log(), HasSubstr("stopped"));
}

TEST(ServeCli, BadOptionsExitTwoAndBadDataExitsNonZero) {
  auto port = run_seatsync({"serve", "--data", service_world().data_dir.string(), "--port", "70000"});
  EXPECT_EQ(port.exit_code, 2) << port.err;
  auto as_of = run_seatsync({"serve", "--data", service_world().data_dir.string(), "--as-of", "someday"});
  EXPECT_EQ(as_of.exit_code, 2);
  EXPECT_THAT(as_of.err, HasSubstr("--as-of"));
  TempDir empty;
  auto missing = run_seatsync({"serve", "--data", (empty / "nothing").string(), "--port", "0"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("nothing"));
}
