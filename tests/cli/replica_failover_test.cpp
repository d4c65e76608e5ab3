// Two `seatsync serve` replicas on one PostgreSQL store behind nginx, configured by
// deploy/nginx/seatsync.conf itself (only its addresses and log path are replaced). One replica
// is SIGKILLed five seconds into a 20 s wrk load of /score requests and event POSTs: the clients
// see no failed request, every event acknowledged is stored exactly once, and the surviving
// replica answers everything after the kill. nginx and wrk are required, not optional: the
// documented deployment is what this checks (make test installs them, scripts/deps.sh).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "pg_test_server.hpp"
#include "seatsync/dataset.hpp"
#include "seatsync/experiment_store.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

const fs::path kSourceDir = fs::path(SEATSYNC_TEST_DATA).parent_path().parent_path();
const std::string kKey = "failover-key-0123456789abcdef";

// Every child this test starts, killed (with its process group: nginx's workers too) and reaped
// however the test ends: an ASSERT, an exception or success.
class Children {
 public:
  Children() = default;
  Children(const Children&) = delete;
  Children& operator=(const Children&) = delete;
  ~Children() {
    for (auto it = pids_.rbegin(); it != pids_.rend(); ++it) reap(*it, true);
  }
  pid_t add(pid_t pid) {
    if (pid <= 0) throw std::runtime_error("cannot start a child process");
    pids_.push_back(pid);
    return pid;
  }
  void kill_now(pid_t pid) {
    reap(pid, true);
    std::erase(pids_, pid);
  }
  // True when `pid` has exited (it is then reaped and forgotten); `status` its wait status.
  bool exited(pid_t pid, int& status) {
    siginfo_t info{};
    // Looked at without reaping, so its group id cannot have been reused when the group is killed.
    if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid != pid) return false;
    kill(-pid, SIGKILL);  // anything it left in its group (nginx's workers)
    waitpid(pid, &status, 0);
    std::erase(pids_, pid);
    return true;
  }

 private:
  static void reap(pid_t pid, bool force) {
    if (force) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
    }
    waitpid(pid, nullptr, 0);
  }
  std::vector<pid_t> pids_;
};

// `text` with the one occurrence of `from` replaced: a config that no longer has the literal
// (or has it twice) fails loudly instead of running something other than the documented file.
std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos)
    throw std::runtime_error("deploy/nginx/seatsync.conf: expected '" + from + "' exactly once");
  return text.replace(at, from.size(), to);
}

std::string tail_of(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return "(no " + file.string() + ")";
  const std::string text = read_file(file);
  return text.size() > 3000 ? text.substr(text.size() - 3000) : text;
}

// One line of the seatsync_upstream access log: when it was answered, and which replicas were
// tried ($upstream_addr: "A" or "A, B" for a retried request).
struct LoggedRequest {
  double at = 0;
  int status = 0;
  std::vector<std::string> upstreams;
};

std::vector<LoggedRequest> read_access_log(const fs::path& file) {
  std::vector<LoggedRequest> out;
  std::istringstream in(read_file(file));
  for (std::string line; std::getline(in, line);) {
    LoggedRequest r;
    std::istringstream fields(line);
    fields >> r.at >> r.status;
    const auto from = line.find("upstream="), to = line.find(" upstream_status=");
    if (!fields || from == std::string::npos || to == std::string::npos) continue;
    std::istringstream addrs(line.substr(from + 9, to - from - 9));
    for (std::string a; std::getline(addrs, a, ',');) r.upstreams.push_back(a.substr(a.find_first_not_of(' ')));
    out.push_back(std::move(r));
  }
  return out;
}

double epoch_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TEST(ReplicaFailover, KillingAReplicaUnderLoadFailsNoRequestAndLosesNoEvent) {
  const fs::path nginx = find_program("nginx"), wrk = find_program("wrk");
  ASSERT_FALSE(nginx.empty()) << "nginx not found (PATH, /usr/sbin): this test runs deploy/nginx/seatsync.conf in a real "
                                 "nginx; install nginx-light (scripts/deps.sh, which `make test` runs)";
  ASSERT_FALSE(wrk.empty()) << "wrk not found: this test loads the replicas with it; install wrk (scripts/deps.sh, which "
                               "`make test` runs)";

  TempDir dir;
  const std::string url = fresh_postgres_database();
  const auto imported = run_seatsync({"import", "--data", simulated_season_dir().string(), "--db", url});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  // A game a few days out with seats and a price: the situation every /score asks about.
  const Dataset data = load_season_dir(simulated_season_dir());
  const Date as_of = day_after_last_sale(data);
  const InventoryRow* row = nullptr;
  for (const auto& r : data.inventory)
    if (data.games[r.game].date >= as_of + 3 && r.remaining > 2 && r.current_price > 0) {
      row = &r;
      break;
    }
  ASSERT_NE(row, nullptr);
  const std::string game = data.games[row->game].id, code = data.codes[row->code].code;
  const std::string quote_time = as_of.str() + "T12:00:00Z";
  write_file(dir / "keys", kKey + "\n");

  Children children;
  // Three distinct free ports (nothing stops the kernel handing out the same one twice).
  std::vector<unsigned short> ports;
  for (int i = 0; i < 50 && ports.size() < 3; ++i)
    if (const unsigned short p = free_loopback_port(); std::find(ports.begin(), ports.end(), p) == ports.end()) ports.push_back(p);
  ASSERT_EQ(ports.size(), 3u);
  const unsigned short front = ports[0], port_a = ports[1], port_b = ports[2];
  auto serve = [&](unsigned short port, const std::string& name) {
    return children.add(spawn_process(SEATSYNC_BINARY,
                                      {"serve", "--db", url, "--port", std::to_string(port), "--api-keys", (dir / "keys").string(),
                                       "--registry", "", "--as-of", as_of.str()},
                                      {}, dir / (name + ".log")));
  };
  const pid_t survivor = serve(port_a, "replica_a");
  const pid_t victim = serve(port_b, "replica_b");
  const std::string survivor_addr = "127.0.0.1:" + std::to_string(port_a), victim_addr = "127.0.0.1:" + std::to_string(port_b);

  // nginx as a foreground child with everything of its own under dir/nginx: the documented
  // http-context file, included from a minimal main configuration.
  const fs::path prefix = dir / "nginx";
  fs::create_directories(prefix / "logs");
  std::string site = read_file(kSourceDir / "deploy/nginx/seatsync.conf");
  site = replace_once(site, "listen 127.0.0.1:8080;", "listen 127.0.0.1:" + std::to_string(front) + ";");
  site = replace_once(site, "server 127.0.0.1:8081 ", "server " + survivor_addr + " ");
  site = replace_once(site, "server 127.0.0.1:8082 ", "server " + victim_addr + " ");
  site = replace_once(site, "/var/log/nginx/seatsync.access.log", (prefix / "logs/access.log").string());
  write_file(prefix / "seatsync.conf", site);
  std::string main_conf = "daemon off;\nworker_processes 1;\npid " + (prefix / "nginx.pid").string() + ";\nerror_log " +
                          (prefix / "logs/error.log").string() + " warn;\nevents { worker_connections 1024; }\nhttp {\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
    main_conf += std::string("  ") + temp + "_temp_path " + (prefix / temp).string() + ";\n";
  main_conf += "  include " + (prefix / "seatsync.conf").string() + ";\n}\n";
  write_file(prefix / "nginx.conf", main_conf);
  const pid_t nginx_pid = children.add(spawn_process(nginx,
                                                     {"-p", prefix.string(), "-c", (prefix / "nginx.conf").string(), "-e",
                                                      (prefix / "logs/error.log").string()},
                                                     prefix / "stdout", prefix / "stderr"));

  // Ready: each replica answers /health 200 directly, and nginx in front of them.
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  for (;;) {
    int status = 0;
    for (pid_t pid : {survivor, victim, nginx_pid})
      ASSERT_FALSE(children.exited(pid, status)) << "a child exited before the load (status " << status << ")\nreplica a:\n"
                                                 << tail_of(dir / "replica_a.log") << "\nreplica b:\n"
                                                 << tail_of(dir / "replica_b.log") << "\nnginx:\n"
                                                 << tail_of(prefix / "stderr") << tail_of(prefix / "logs/error.log");
    if (http_request(port_a, "GET", "/health").status == 200 && http_request(port_b, "GET", "/health").status == 200 &&
        http_request(front, "GET", "/health").status == 200)
      break;
    ASSERT_LT(Clock::now(), deadline) << "not ready within 120 s\n" << tail_of(dir / "replica_a.log") << tail_of(prefix / "logs/error.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }

  // The experiment is created through nginx too (a write, so with the key; not retried).
  const json definition{{"name", "replica failover"},
                        {"randomization_unit", "session"},
                        {"arms", {{{"name", "control"}, {"share", 0.5}}, {{"name", "up10"}, {"share", 0.5}, {"multiplier", 1.1}}}}};
  const auto created = http_request(front, "POST", "/ab/experiments", definition.dump(), {"Authorization: Bearer " + kKey});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string experiment = json::parse(created.body)["experiment_id"];

  // 20 s of load; events only in the first 16 s, so every event request is answered before
  // wrk stops (replica_mix.lua explains why that makes the event count exact).
  const pid_t load = children.add(spawn_process(wrk,
                                                {"-t2", "-c16", "-d20s", "--timeout", "10s", "-s",
                                                 (kSourceDir / "tests/cli/replica_mix.lua").string(),
                                                 "http://127.0.0.1:" + std::to_string(front), "--", experiment, game, code,
                                                 quote_time, kKey, "16"},
                                                dir / "wrk.out", dir / "wrk.err"));
  std::this_thread::sleep_for(std::chrono::seconds(5));
  const double killed_at = epoch_seconds();
  children.kill_now(victim);  // SIGKILL: no drain, connections reset mid-request

  int wrk_status = 0;
  const auto wrk_deadline = Clock::now() + std::chrono::seconds(45);
  while (!children.exited(load, wrk_status)) {
    ASSERT_LT(Clock::now(), wrk_deadline) << "wrk did not finish its 20 s run within 40 s";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(WIFEXITED(wrk_status) && WEXITSTATUS(wrk_status) == 0) << read_file(dir / "wrk.err");
  const std::string wrk_out = read_file(dir / "wrk.out");
  const auto line = wrk_out.find("REPLICA_MIX ");
  ASSERT_NE(line, std::string::npos) << "no summary from replica_mix.lua:\n" << wrk_out << read_file(dir / "wrk.err");
  const json summary = json::parse(wrk_out.substr(line + 12, wrk_out.find('\n', line) - line - 12));
  std::cout << "wrk summary: " << summary.dump() << "\n";

  // No failed request. Everything this load sends is retried by the config (/score is a read,
  // events are idempotent), so nothing nginx could not retry is expected: a request fails only
  // if its replica dies after nginx started passing the answer on, and seatsync writes each
  // small answer in one piece. The bound is therefore zero.
  const long long requests = summary["requests"];
  EXPECT_GT(requests, 2000) << "the load hardly ran: the test checked little";
  for (const auto& [status, count] : summary["statuses"].items())
    EXPECT_TRUE(status.starts_with("2")) << count << " answers with status " << status;
  for (const auto& [kind, count] : summary["errors"].items()) EXPECT_EQ(count, 0) << "wrk " << kind << " errors";

  // Every event request was answered 2xx, so each sent event id is acknowledged: the store must
  // hold exactly those, once each (a retried batch is a duplicate, not a second row).
  const long long sent = summary["events_sent"], acked = summary["events_acked"];
  EXPECT_GT(sent, 500);
  EXPECT_EQ(acked, sent);
  EXPECT_EQ(summary["inserted"].get<long long>() + summary["duplicates"].get<long long>(), acked);
  const auto store = open_experiment_store(url);
  long long stored = 0;
  for (const auto& t : store->unit_totals(experiment)) stored += t.quotes;
  EXPECT_EQ(stored, acked);

  // The kill happened under traffic, and the survivor answered everything after it. A request
  // that was in flight on the victim shows both addresses (retried); its answer is the survivor's.
  const auto logged = read_access_log(prefix / "logs/access.log");
  long long victim_before = 0, after = 0, retried = 0;
  for (const auto& r : logged) {
    if (r.upstreams.empty()) continue;
    if (r.upstreams.size() > 1) ++retried;
    if (r.at < killed_at && r.upstreams.back() == victim_addr) ++victim_before;
    if (r.at > killed_at + 0.5) {
      ++after;
      ASSERT_EQ(r.upstreams.back(), survivor_addr) << "answered after the kill by another replica at " << r.at;
    }
  }
  std::cout << "access log: " << logged.size() << " requests, " << retried << " retried, " << victim_before
            << " answered by the victim before the kill, " << after << " by the survivor after it\n";
  EXPECT_GT(victim_before, 100) << "the killed replica had no traffic: the kill tested nothing";
  EXPECT_GT(after, requests / 2);
  EXPECT_EQ(http_request(front, "GET", "/health").status, 200);
}

}  // namespace
}  // namespace seatsync::test
