#pragma once
// Shared helpers for the test binaries: scratch directories, file I/O and running the CLI.
#include <Eigen/Core>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "seatsync/season_io.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync::test {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& file);
void write_file(const std::filesystem::path& file, const std::string& contents);

// Copies a directory under tests/testdata/ into `dest`.
void copy_testdata(const std::string& name, const std::filesystem::path& dest);
// Loads a season directory and returns every error message (warnings and notes left out);
// empty when it loads.
std::vector<std::string> load_errors(const std::filesystem::path& dir, const CsvFormat& format = {});

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built seatsync binary with `args` (no shell involved), capturing both streams.
CommandResult run_seatsync(const std::vector<std::string>& args,
                           const std::filesystem::path& cwd = {});

// Starts the built seatsync binary with `args` and returns at once (for tests that kill it):
// stdout goes to `out` (or /dev/null when empty), stderr to /dev/null. Reap it with waitpid.
int spawn_seatsync(const std::vector<std::string>& args, const std::filesystem::path& out = {});

// Starts `program` (a path) with `args` in a process group of its own (so kill(-pid, SIGKILL)
// also reaches any children it forks), stdin from /dev/null, stdout and stderr to the files
// given (/dev/null when empty). Returns the pid, or -1 when it cannot be started.
int spawn_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                  const std::filesystem::path& out = {}, const std::filesystem::path& err = {});

// `name` looked up in PATH and then in /usr/sbin and /sbin (where nginx lives); empty when absent.
std::filesystem::path find_program(const std::string& name);

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
unsigned short free_loopback_port();

// One HTTP/1.0 exchange with 127.0.0.1:port (no keep-alive, 5 s timeout). status is 0 when the
// connection failed or the answer is not HTTP.
struct HttpReply {
  int status = 0;
  std::string body;
};
HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = {}, const std::vector<std::string>& headers = {});

// A matrix written row by row: matrix_of({{1, 2}, {3, 4}}).
Eigen::MatrixXd matrix_of(std::initializer_list<std::initializer_list<double>> rows);

// `seatsync simulate --seasons 1 --seed 5` written once per test binary (a directory).
const std::filesystem::path& simulated_season_dir();

// The default simulated market with one past season, simulated once per test binary.
const SimulatedMarket& one_season_market();

}  // namespace seatsync::test
