#include "test_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
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

int spawn_process(const fs::path& program, const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  std::vector<std::string> copy{program.string()};
  copy.insert(copy.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string out_file = out.empty() ? "/dev/null" : out.string(), err_file = err.empty() ? "/dev/null" : err.string();
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    setpgid(0, 0);
    const int in = open("/dev/null", O_RDONLY);
    const int o = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || o < 0 || e < 0) _exit(126);
    dup2(in, 0);
    dup2(o, 1);
    dup2(e, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also here, so the group exists before the caller may signal it
  return pid;
}

fs::path find_program(const std::string& name) {
  std::string dirs = std::getenv("PATH") ? std::getenv("PATH") : "";
  dirs += ":/usr/sbin:/sbin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
    if (end > start && access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

namespace {
sockaddr_in loopback(unsigned short port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}
}  // namespace

unsigned short free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in a = loopback(0);
  socklen_t len = sizeof a;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  close(fd);
  return ntohs(a.sin_port);
}

HttpReply http_request(unsigned short port, const std::string& method, const std::string& target, const std::string& body,
                       const std::vector<std::string>& headers) {
  HttpReply reply;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return reply;
  const timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  const sockaddr_in a = loopback(port);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return reply;
  }
  std::string request = method + " " + target + " HTTP/1.0\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n";
  for (const auto& h : headers) request += h + "\r\n";
  if (!body.empty() || method == "POST")
    request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string answer = sent == request.size() ? slurp_fd(fd) : std::string();  // HTTP/1.0: read to EOF
  close(fd);
  const auto header_end = answer.find("\r\n\r\n");
  if (!answer.starts_with("HTTP/1.") || answer.size() < 12 || header_end == std::string::npos) return reply;
  reply.status = std::atoi(answer.substr(9, 3).c_str());
  reply.body = answer.substr(header_end + 4);
  return reply;
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
