#include "serve_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "http_client.hpp"
#include "test_support.hpp"

extern char** environ;

namespace seatsync::test {

ServeProcess::ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& log) : log_(log) {
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

ServeProcess::~ServeProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

unsigned short ServeProcess::port() {
  static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
  const auto m = wait_for_log(listening);
  return m.empty() ? 0 : static_cast<unsigned short>(std::stoi(m[1]));
}

bool ServeProcess::wait_ready(int seconds) {
  const unsigned short p = port();
  if (p == 0) return false;
  HttpClient c(p);
  for (int i = 0; i < seconds * 20; ++i) {
    if (c.get("/health").status == 200) return true;
    if (!alive()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::smatch ServeProcess::wait_for_log(const std::regex& pattern, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    text_ = log();  // kept: the match refers into it
    std::smatch m;
    if (std::regex_search(text_, m, pattern)) return m;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "not in the log: " << log();
  return {};
}

std::string ServeProcess::log() const { return std::filesystem::exists(log_) ? read_file(log_) : ""; }

void ServeProcess::signal(int sig) { kill(pid_, sig); }

bool ServeProcess::alive() const {
  if (pid_ <= 0) return false;
  int status = 0;
  return waitpid(pid_, &status, WNOHANG) == 0;
}

int ServeProcess::wait() {
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

long rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  long value = 0;
  while (in >> key) {
    if (key == "VmRSS:") {
      in >> value;
      return value;
    }
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

}  // namespace seatsync::test
