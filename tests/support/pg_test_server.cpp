#include "pg_test_server.hpp"

#include <pqxx/pqxx>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace seatsync::test {

namespace {

std::string read_first_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

bool answers(const std::string& url) {
  try {
    pqxx::connection c(url);
    return c.is_open();
  } catch (const std::exception&) {
    return false;
  }
}

// The cluster this process started itself, stopped when the process exits.
std::filesystem::path g_own_cluster;
void stop_own_cluster() {
  const std::string command = std::string(SEATSYNC_TEST_PG_SCRIPT) + " stop " + g_own_cluster.string() + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) std::fprintf(stderr, "could not stop %s\n", g_own_cluster.c_str());
}

std::string start_own_cluster() {
  g_own_cluster = std::filesystem::temp_directory_path() / ("seatsync-pg-" + std::to_string(getpid()));
  const std::string command = std::string(SEATSYNC_TEST_PG_SCRIPT) + " start " + g_own_cluster.string() + " >/dev/null";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("could not start a PostgreSQL test cluster");
  std::atexit(stop_own_cluster);
  return read_first_line(g_own_cluster / "url");
}

// postgresql://user:pass@host:port/postgres: the server's maintenance database.
const std::string& server_url() {
  static const std::string url = [] {
    if (const char* env = std::getenv("SEATSYNC_TEST_POSTGRES_URL"); env && *env) return std::string(env);
    const std::string shared = read_first_line(std::filesystem::path(SEATSYNC_TEST_PG_DIR) / "url");
    if (!shared.empty() && answers(shared)) return shared;
    return start_own_cluster();
  }();
  return url;
}

}  // namespace

std::string fresh_postgres_database() {
  static std::atomic<int> counter{0};
  static std::mutex creating;  // CREATE DATABASE copies template1: one at a time per process
  const std::string& url = server_url();
  const std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  {
    std::lock_guard lock(creating);
    pqxx::connection c(url);
    pqxx::nontransaction tx(c);
    tx.exec("DROP DATABASE IF EXISTS " + name);
    tx.exec("CREATE DATABASE " + name);
  }
  return url.substr(0, url.rfind('/') + 1) + name;
}

std::string postgres_test_password() {
  const std::string& url = server_url();
  const auto colon = url.find(':', url.find("://") + 3), at = url.find('@');
  return colon < at ? url.substr(colon + 1, at - colon - 1) : std::string();
}

}  // namespace seatsync::test
