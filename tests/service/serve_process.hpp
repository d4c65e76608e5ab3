#pragma once
// `seatsync serve ARGS` as a child process on a loopback port, its stderr in a file: for the
// end-to-end tests of the binary (serve_cli_test, serve_stress_test, serve_security_test).
#include <sys/types.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

namespace seatsync::test {

class ServeProcess {
 public:
  // Started at once; stopped with SIGKILL if a test leaves it running.
  ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& log);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // The port it logged ("listening on http://127.0.0.1:PORT"), waiting up to 60 s.
  unsigned short port();
  // Polls /health until 200 (up to `seconds`); false when it never came.
  bool wait_ready(int seconds = 120);
  std::smatch wait_for_log(const std::regex& pattern, int seconds = 60);
  std::string log() const;
  void signal(int sig);
  pid_t pid() const { return pid_; }
  bool alive() const;
  // The exit code, waiting up to 30 s (then -1).
  int wait();

 private:
  std::filesystem::path log_;
  std::string text_;
  pid_t pid_ = -1;
};

// VmRSS of a process in KiB, from /proc/PID/status; 0 when it cannot be read.
long rss_kib(pid_t pid);

}  // namespace seatsync::test
