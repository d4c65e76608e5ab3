// Crash safety of the commands that write state (issue 19, section 3): each is SIGKILLed at
// random points, many times over, and afterwards the previous state or the new one is there,
// whole. One parametrised suite: each case builds its world, names the command, restores the
// previous state before every run, and checks what a kill left (tests/support/kill_harness.hpp
// draws the kill points and counts where they landed; a case passes only if some landed during
// the write itself). Experiment events and collect keep their own kill tests
// (ab_events_kill_test.cpp, collect_cli_test.cpp), on the same harness.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "dataset_compare.hpp"
#include "kill_harness.hpp"
#include "seatsync/model_registry.hpp"
#include "seatsync/store.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// What one case needs beyond the harness's target.
struct CrashCase {
  KillTarget target;
  KillBudget budget;
  int min_during = 2;                   // kills that must land during the write
  std::function<void()> after_measure;  // e.g. keep the new state the measuring run wrote
  std::function<void()> finish;         // after the kills: run to the end once more, all whole
};

struct Scenario {
  const char* name;
  void (*make)(const fs::path& dir, CrashCase& c);
  friend void PrintTo(const Scenario& s, std::ostream* os) { *os << s.name; }
};

void simulate(const fs::path& out, int games, int seed) {
  const auto r = run_seatsync({"simulate", "--out", out.string(), "--seasons", "1", "--games", std::to_string(games),
                               "--seed", std::to_string(seed)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// Entries of `dir` beginning with `prefix` that are not in `stale` (left by earlier kills).
bool new_entry(const fs::path& dir, const std::string& prefix, const std::set<std::string>& stale) {
  for (const auto& name : entries_starting_with(dir, prefix))
    if (!stale.count(name)) return true;
  return false;
}

std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// --- import: one transaction into the SQLite store -------------------------------------------

// The store opens, passes integrity_check and holds one of two whole datasets, row for row.
void make_import(const fs::path& dir, CrashCase& c) {
  struct State {
    fs::path db, pristine, next;
    Dataset previous, imported;
  };
  auto s = std::make_shared<State>();
  s->db = dir / "s.db";
  s->pristine = dir / "previous.db";
  s->next = dir / "next";
  simulate(dir / "previous", 20, 5);
  simulate(s->next, 20, 6);
  const auto r = run_seatsync({"import", "--data", (dir / "previous").string(), "--db", s->pristine.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  s->previous = open_sqlite_store(s->pristine)->load();

  c.target.name = "import";
  c.target.args = {"import", "--data", s->next.string(), "--db", s->db.string()};
  c.target.prepare = [s](int) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(s->db.string() + suffix);
    fs::copy_file(s->pristine, s->db);
  };
  c.target.probe = [s] { return sqlite_write_locked(s->db); };  // the import's transaction is open
  c.after_measure = [s] {
    s->imported = open_sqlite_store(s->db)->load();
    ASSERT_NE(s->imported.transactions.size(), s->previous.transactions.size());
  };
  c.target.check = [s](const KillRun& run, KillLanding& landing) {
    ASSERT_EQ(sqlite_integrity(s->db), std::vector<std::string>{"ok"});
    const Dataset now = open_sqlite_store(s->db)->load();
    const bool is_new = now.transactions.size() == s->imported.transactions.size();
    expect_same_dataset(is_new ? s->imported : s->previous, now);
    landing = is_new ? KillLanding::After : run.write_in_progress ? KillLanding::During : KillLanding::Before;
  };
  c.finish = [s] {
    const auto r = run_seatsync({"import", "--data", s->next.string(), "--db", s->db.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_same_dataset(s->imported, open_sqlite_store(s->db)->load());
  };
  c.budget = {.seed = 19, .max_runs = 40, .min_runs = 15, .time = std::chrono::seconds(20)};
}

// --- daily: a staged output directory swapped into place -------------------------------------

std::uint32_t le32(const std::string& b, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
  return v;
}

// The entries of a whole zip archive (an end record whose central directory ends right before
// it, every entry of that directory pointing at a local header); nullopt when it is not whole.
std::optional<std::vector<std::string>> zip_entries(const std::string& bytes) {
  auto le16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(bytes[at]) | static_cast<unsigned char>(bytes[at + 1]) << 8);
  };
  const std::size_t end = bytes.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos || end + 22 > bytes.size()) return std::nullopt;
  const std::size_t size = le32(bytes, end + 12), offset = le32(bytes, end + 16);
  if (offset + size != end) return std::nullopt;
  std::vector<std::string> names;
  for (std::size_t at = offset; at < end;) {
    if (at + 46 > end || le32(bytes, at) != 0x02014b50) return std::nullopt;
    const std::size_t local = le32(bytes, at + 42), name_length = le16(at + 28);
    if (local + 4 > offset || le32(bytes, local) != 0x04034b50 || at + 46 + name_length > end) return std::nullopt;
    names.push_back(bytes.substr(at + 46, name_length));
    at += 46 + name_length + le16(at + 30) + le16(at + 32);
  }
  return names;
}

// A daily output as compared: every file's bytes, but a workbook (which records the second it
// was written, so that even its compressed size varies) by its entries, once it is whole.
std::map<std::string, std::string> daily_tree(const fs::path& dir) {
  auto tree = read_tree(dir);
  for (auto& [name, bytes] : tree)
    if (name.ends_with(".xlsx")) {
      const auto entries = zip_entries(bytes);
      bytes = entries ? "a whole workbook of " + ::testing::PrintToString(*entries) : "NOT A WHOLE WORKBOOK";
    }
  return tree;
}

// The output directory is byte for byte the previous run's or the new run's, manifest included;
// what a killed run leaves beside it (its staging directory) the next run clears away.
void make_daily(const fs::path& dir, CrashCase& c) {
  struct State {
    fs::path data, parent, out, previous_dir;
    std::map<std::string, std::string> previous, written;
    std::set<std::string> stale;  // staging directories of earlier killed runs
    bool staging_busy() const {   // a staging directory of this run with something in it
      for (const auto& name : entries_starting_with(parent, ".daily.staging-"))
        if (!stale.count(name) && !fs::is_empty(parent / name)) return true;
      return false;
    }
  };
  auto s = std::make_shared<State>();
  s->data = dir / "data";
  s->parent = dir / "reports";
  s->out = s->parent / "daily";
  s->previous_dir = dir / "previous";
  simulate(s->data, 6, 5);
  const auto r = run_seatsync({"daily", "--data", s->data.string(), "--as-of", "2026-11-25", "--out", s->previous_dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  s->previous = daily_tree(s->previous_dir);
  ASSERT_TRUE(s->previous.count(".seatsync-manifest.json"));
  ASSERT_EQ(s->previous.at("guide.xlsx").find("NOT A WHOLE"), std::string::npos);
  const std::string workbook = read_file(s->previous_dir / "guide.xlsx");  // and a cut one is told apart
  ASSERT_FALSE(zip_entries(workbook.substr(0, workbook.size() - 30)));
  ASSERT_FALSE(zip_entries(workbook.substr(0, workbook.size() / 2)));

  c.target.name = "daily";
  c.target.args = {"daily", "--data", s->data.string(), "--as-of", "2026-12-01", "--out", s->out.string()};
  c.target.prepare = [s](int) {
    fs::create_directories(s->parent);
    replace_tree(s->previous_dir, s->out);
    s->stale = as_set(entries_starting_with(s->parent, ".daily.staging-"));
  };
  c.target.anchor = [s] { return s->staging_busy(); };  // the first output is being written
  c.target.probe = c.target.anchor;
  c.after_measure = [s] {
    s->written = daily_tree(s->out);
    ASSERT_NE(s->written, s->previous);
  };
  c.target.check = [s](const KillRun& run, KillLanding& landing) {
    const auto now = daily_tree(s->out);
    if (now == s->written) {
      landing = KillLanding::After;
      return;
    }
    landing = run.write_in_progress ? KillLanding::During : KillLanding::Before;
    if (now == s->previous) return;
    auto differing = [&](const std::map<std::string, std::string>& from) {
      std::vector<std::string> differ;
      for (const auto& [name, bytes] : now)
        if (!from.count(name) || from.at(name) != bytes) differ.push_back(name);
      for (const auto& [name, bytes] : from)
        if (!now.count(name)) differ.push_back(name + " (missing)");
      return ::testing::PrintToString(differ);
    };
    ADD_FAILURE() << "the output directory is neither the previous run's nor the new one's; differing from the "
                     "previous: "
                  << differing(s->previous) << "; from the new: " << differing(s->written);
  };
  c.finish = [s] {
    const auto r = run_seatsync({"daily", "--data", s->data.string(), "--as-of", "2026-12-01", "--out", s->out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(daily_tree(s->out), s->written);
    // The killed runs' staging directories are gone, and nothing half-written is anywhere.
    EXPECT_EQ(entries_starting_with(s->parent, "."), std::vector<std::string>{});
    for (const auto& [name, bytes] : read_tree(s->parent)) EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
  };
  c.budget = {.seed = 7, .max_runs = 40, .min_runs = 15, .time = std::chrono::seconds(20)};
}

// --- the model registry: train's save, models prune ------------------------------------------

// Every listed version loads (its checksum verified), latest of each (scope, type) too, the
// history reads; returns the listing.
std::vector<ModelEntry> check_registry(const fs::path& dir) {
  ModelRegistry registry(dir);
  std::vector<ModelEntry> listed;
  try {
    listed = registry.list();
    std::set<std::pair<std::string, std::string>> kinds;
    for (const auto& e : listed) {
      registry.load(e.scope, e.type, e.version.str());
      kinds.insert({e.scope, e.type});
    }
    for (const auto& [scope, type] : kinds) {
      const auto latest = registry.latest(scope, type);
      if (!latest) ADD_FAILURE() << scope << "_" << type << " has versions but no latest";
      else registry.load(scope, type, "latest");
    }
    registry.history();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "the registry is not consistent: " << e.what();
  }
  return listed;
}

std::vector<std::string> versions_of(const std::vector<ModelEntry>& listed) {
  std::vector<std::string> out;
  for (const auto& e : listed) out.push_back(e.scope + "_" + e.type + "_v" + e.version.str());
  std::sort(out.begin(), out.end());
  return out;
}

// Files of the registry that are neither a registered version's nor the registry's own:
// temporaries and model bytes without metadata, the litter of killed writers.
std::vector<std::string> registry_litter(const fs::path& dir) {
  std::set<std::string> registered;
  for (const auto& v : versions_of(ModelRegistry(dir).list())) {
    registered.insert(v + ".json");
    registered.insert(v + ".meta.json");
  }
  std::vector<std::string> litter;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (registered.count(name) || name == "registry.lock" || name == "history.jsonl" ||
        (name.size() > 12 && name.ends_with("_latest.json")))
      continue;
    litter.push_back(name);
  }
  std::sort(litter.begin(), litter.end());
  return litter;
}

// train's save: the model bytes (a temporary renamed into place), then the metadata, then the
// latest pointer, then the history line. A kill leaves latest on the previous model or the new
// one, and every listed version whole.
void make_train(const fs::path& dir, CrashCase& c) {
  struct State {
    fs::path data, registry;
    std::vector<std::string> before;  // versions listed before the run
    std::optional<ModelVersion> latest_before;
    std::set<std::string> stale;
  };
  auto s = std::make_shared<State>();
  s->data = dir / "data";
  s->registry = dir / "registry";
  simulate(s->data, 6, 5);
  fs::create_directories(s->registry);

  c.target.name = "train";
  c.target.args = {"train", "--data", s->data.string(), "--model", "demand", "--rounds", "3", "--registry", s->registry.string()};
  c.target.prepare = [s](int) {
    s->before = versions_of(ModelRegistry(s->registry).list());
    s->latest_before = ModelRegistry(s->registry).latest("season", "demand");
    s->stale = as_set(entries_starting_with(s->registry, "."));
  };
  c.target.anchor = [s] { return new_entry(s->registry, ".model.tmp-", s->stale); };  // the save began
  c.target.probe = [s] {
    return flock_held(s->registry / "registry.lock") || new_entry(s->registry, ".", s->stale);
  };
  c.target.check = [s](const KillRun& run, KillLanding& landing) {
    const auto listed = check_registry(s->registry);
    const auto now = versions_of(listed);
    const auto latest = ModelRegistry(s->registry).latest("season", "demand");
    if (now == s->before) {
      ASSERT_EQ(latest, s->latest_before);
      landing = run.write_in_progress ? KillLanding::During : KillLanding::Before;
      return;
    }
    std::vector<std::string> added;
    std::set_difference(now.begin(), now.end(), s->before.begin(), s->before.end(), std::back_inserter(added));
    ASSERT_EQ(added.size(), 1u) << ::testing::PrintToString(now);
    ASSERT_EQ(now.size(), s->before.size() + 1) << "a version disappeared: " << ::testing::PrintToString(now);
    // Registered, latest moved to it (whole), or registered and latest not moved yet.
    const bool moved = latest && added[0] == "season_demand_v" + latest->str();
    if (!moved) ASSERT_EQ(latest, s->latest_before);
    landing = moved ? KillLanding::After : KillLanding::During;
  };
  c.finish = [s] {
    const auto r = run_seatsync({"train", "--data", s->data.string(), "--model", "demand", "--rounds", "3", "--registry",
                                 s->registry.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    check_registry(s->registry);
    const auto listed = ModelRegistry(s->registry).list();
    ASSERT_FALSE(listed.empty());
    EXPECT_TRUE(listed.front().is_latest);  // the newest save is the one served
  };
  c.budget = {.seed = 3, .max_runs = 30, .min_runs = 10, .time = std::chrono::seconds(22), .window_scale = 1.3};
}

// models prune: metadata, then model bytes, version after version, under the registry's lock.
// A kill leaves a registry whose every listed version loads, with every version prune must keep.
void make_prune(const fs::path& dir, CrashCase& c) {
  struct State {
    fs::path registry, pristine;
    std::vector<std::string> all, kept;
  };
  auto s = std::make_shared<State>();
  s->registry = dir / "registry";
  s->pristine = dir / "pristine";
  {
    ModelRegistry registry(s->pristine);
    std::string bytes(8192, 'm');
    for (int i = 0; i < 60; ++i) {
      bytes[i] = 'v';  // each version its own bytes
      for (const char* type : {"demand", "conversion"}) registry.save("season", type, bytes, {{"i", i}});
    }
  }
  s->all = versions_of(ModelRegistry(s->pristine).list());

  c.target.name = "models prune";
  c.target.args = {"models", "prune", "--registry", s->registry.string(), "--keep", "2", "--watch-hours", "0"};
  c.target.prepare = [s](int) { replace_tree(s->pristine, s->registry); };
  c.target.anchor = [s] { return flock_held(s->registry / "registry.lock"); };
  c.target.probe = c.target.anchor;
  c.after_measure = [s] {
    s->kept = versions_of(ModelRegistry(s->registry).list());
    ASSERT_EQ(s->kept.size(), 6u) << ::testing::PrintToString(s->kept);  // 2 newest + 2 behind latest, per type
  };
  c.target.check = [s](const KillRun& run, KillLanding& landing) {
    const auto now = versions_of(check_registry(s->registry));
    ASSERT_TRUE(std::includes(now.begin(), now.end(), s->kept.begin(), s->kept.end()))
        << "a version prune keeps is gone: " << ::testing::PrintToString(now);
    ASSERT_TRUE(std::includes(s->all.begin(), s->all.end(), now.begin(), now.end()));
    for (const char* type : {"demand", "conversion"})
      ASSERT_EQ(ModelRegistry(s->registry).latest("season", type), ModelRegistry(s->pristine).latest("season", type));
    landing = now == s->kept ? KillLanding::After
              : now == s->all && !run.write_in_progress ? KillLanding::Before
                                                        : KillLanding::During;
  };
  c.finish = [s] {
    const auto r = run_seatsync({"models", "prune", "--registry", s->registry.string(), "--keep", "2", "--watch-hours", "0"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(versions_of(check_registry(s->registry)), s->kept);
    // What killed prunes left half-removed (model bytes whose metadata was already gone) goes too.
    EXPECT_EQ(registry_litter(s->registry), std::vector<std::string>{});
  };
  c.budget = {.seed = 11, .max_runs = 40, .min_runs = 15, .time = std::chrono::seconds(15)};
}

// --- serve: a reload killed while it runs ------------------------------------------------------

unsigned short logged_port(const fs::path& log, std::chrono::seconds within) {
  static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
  const auto until = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < until) {
    const std::string text = fs::exists(log) ? read_file(log) : "";
    std::smatch m;
    if (std::regex_search(text, m, listening)) return static_cast<unsigned short>(std::stoi(m[1]));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

std::optional<json> health_when_ready(unsigned short port, std::chrono::seconds within) {
  const auto until = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < until) {
    const auto r = http_request(port, "GET", "/health");
    if (r.status == 200) return json::parse(r.body);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

// `serve --db` reloads on SIGHUP: a new snapshot from the store, then the reload generation
// announced in the store for the other replicas. Killed while that runs, the store is sound, its
// generation is the old or the next, and a restarted server starts and serves the store's data.
void make_serve_reload(const fs::path& dir, CrashCase& c) {
  struct State {
    fs::path db, log, restart_log;
    std::vector<std::string> args;
    std::int64_t generation_before = 0;
    std::size_t games = 0;
    std::int64_t generation() const {  // 0 before the first announced reload
      const auto rows = sqlite_query(db, "SELECT generation FROM service_reloads");
      return rows.empty() ? 0 : std::stoll(rows.front());
    }
  };
  auto s = std::make_shared<State>();
  s->db = dir / "s.db";
  s->log = dir / "serve.log";
  s->restart_log = dir / "restart.log";
  simulate(dir / "data", 6, 5);
  const auto r = run_seatsync({"import", "--data", (dir / "data").string(), "--db", s->db.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  s->args = {"serve", "--db", s->db.string(), "--registry", "", "--as-of", "2026-12-01", "--port", "0"};

  c.target.name = "serve reload";
  c.target.args = s->args;
  c.target.log = s->log;
  c.target.prepare = [s](int) { s->generation_before = s->generation(); };
  c.target.started = [s](int pid) {
    const unsigned short port = logged_port(s->log, std::chrono::seconds(60));
    if (port == 0) return false;
    const auto health = health_when_ready(port, std::chrono::seconds(60));
    if (!health) return false;
    s->games = (*health)["games"].get<std::size_t>();
    return ::kill(pid, SIGHUP) == 0;
  };
  c.target.done = [s] { return s->generation() > s->generation_before; };  // reloaded and announced
  // The reload under way: SIGHUP taken, the new generation not yet committed.
  c.target.probe = [s] {
    return read_file(s->log).find("SIGHUP: reloading") != std::string::npos && s->generation() == s->generation_before;
  };
  c.target.check = [s](const KillRun& run, KillLanding& landing) {
    ASSERT_EQ(sqlite_integrity(s->db), std::vector<std::string>{"ok"});
    const std::int64_t now = s->generation();
    ASSERT_TRUE(now == s->generation_before || now == s->generation_before + 1) << now;
    landing = now > s->generation_before ? KillLanding::After
              : run.write_in_progress   ? KillLanding::During
                                        : KillLanding::Before;
    // Restarted on the same store, it starts and serves: the store's data, the store's generation.
    fs::remove(s->restart_log);  // so that the port read from it is this process's
    const int pid = spawn_process(SEATSYNC_BINARY, s->args, {}, s->restart_log);
    ASSERT_GT(pid, 0);
    const unsigned short port = logged_port(s->restart_log, std::chrono::seconds(60));
    const auto health = port ? health_when_ready(port, std::chrono::seconds(60)) : std::nullopt;
    ::kill(-pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(health) << "the restarted server did not start: " << read_file(s->restart_log);
    EXPECT_EQ((*health)["status"], "ok");
    EXPECT_EQ((*health)["games"].get<std::size_t>(), s->games);
    EXPECT_EQ((*health)["reload_generation"].get<std::int64_t>(), now);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(s->restart_log);
  };
  c.budget = {.seed = 5, .max_runs = 20, .min_runs = 8, .time = std::chrono::seconds(20)};
}

const Scenario kScenarios[] = {
    {"Import", make_import},  {"Daily", make_daily}, {"Train", make_train},
    {"ModelsPrune", make_prune}, {"ServeReload", make_serve_reload},
};

class CrashSafety : public ::testing::TestWithParam<Scenario> {};

TEST_P(CrashSafety, AKillLeavesThePreviousOrTheNewStateWhole) {
  TempDir dir;
  CrashCase c;
  GetParam().make(dir.path(), c);
  ASSERT_FALSE(HasFailure());
  const KillMeasure measured = measure(c.target);
  ASSERT_FALSE(HasFailure());
  if (c.after_measure) c.after_measure();
  ASSERT_FALSE(HasFailure());
  const KillStats stats = run_kills(c.target, measured, c.budget);
  ASSERT_FALSE(HasFailure());
  EXPECT_GE(stats.during, c.min_during) << stats.summary(c.target.name)
                                        << ": too few kills landed during the write, so the test checked little";
  if (c.finish) c.finish();
}

INSTANTIATE_TEST_SUITE_P(Commands, CrashSafety, ::testing::ValuesIn(kScenarios),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace seatsync::test
