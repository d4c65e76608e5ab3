#include "test_support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace seatsync::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = fs::temp_directory_path() / ("seatsync-test-" + std::to_string(rd()));
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& file, const std::string& contents) {
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << contents;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

void copy_testdata(const std::string& name, const fs::path& dest) {
  fs::create_directories(dest);
  fs::copy(fs::path(SEATSYNC_TEST_DATA) / name, dest,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

std::vector<std::string> load_errors(const std::filesystem::path& dir, const CsvFormat& format) {
  try {
    load_season_dir(dir, nullptr, format);
  } catch (const ValidationError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics())
      if (!d.warning) out.push_back(d.format());
    return out;
  }
  return {};
}

namespace {
std::string slurp_fd(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}
}  // namespace

CommandResult run_seatsync(const std::vector<std::string>& args, const fs::path& cwd) {
  // stdout and stderr go to temporary files, so a chatty child can never block on a full pipe.
  TempDir capture;
  const auto out_path = capture / "stdout";
  const auto err_path = capture / "stderr";
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = open("/dev/null", O_RDONLY);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string binary = SEATSYNC_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int fd = open(out_path.c_str(), O_RDONLY);
  result.out = slurp_fd(fd);
  close(fd);
  fd = open(err_path.c_str(), O_RDONLY);
  result.err = slurp_fd(fd);
  close(fd);
  return result;
}

Eigen::MatrixXd matrix_of(std::initializer_list<std::initializer_list<double>> rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index r = 0;
  for (const auto& row : rows) {
    Eigen::Index c = 0;
    for (double v : row) m(r, c++) = v;
    ++r;
  }
  return m;
}

int spawn_seatsync(const std::vector<std::string>& args, const std::filesystem::path& out) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(SEATSYNC_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const std::string stdout_file = out.empty() ? "/dev/null" : out.string();
    if (!freopen(stdout_file.c_str(), "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(126);
    execv(SEATSYNC_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

const std::filesystem::path& simulated_season_dir() {
  static TempDir dir;
  static const bool written = [] {
    const auto r = run_seatsync({"simulate", "--out", dir.path().string(), "--seasons", "1", "--seed", "5"});
    if (r.exit_code != 0) throw std::runtime_error(r.err);
    return true;
  }();
  (void)written;
  return dir.path();
}

const SimulatedMarket& one_season_market() {
  static const SimulatedMarket market = [] {
    SimulationConfig config;
    config.seasons = 1;
    return simulate_market(config);
  }();
  return market;
}

}  // namespace seatsync::test
