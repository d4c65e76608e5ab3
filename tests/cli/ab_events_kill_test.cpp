// A killed `seatsync ab events` loses no committed event and leaves no half batch: SIGKILL at
// random points of a 40,000-event ingest leaves either none or all of them, and the database
// opens and reads afterwards. Also: the arms another process assigned are the ones this one would.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_store.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;

namespace {

long long stored_quotes(const ExperimentStore& store, const std::string& id) {
  long long n = 0;
  for (const auto& t : store.unit_totals(id)) n += t.quotes;
  return n;
}

}  // namespace

TEST(AbEventsKill, AKilledIngestLeavesNoneOrAll) {
  TempDir dir;
  const auto db = dir / "s.db";
  const std::string id = open_sqlite_experiment_store(db)->create(experiment_from_json({{"name", "k"}, {"ml_traffic_percentage", 50}})).id;
  constexpr int kEvents = 40000;
  std::ostringstream csv;
  csv << "event_id,type,unit,at\n";
  for (int i = 0; i < kEvents; ++i) csv << "q" << i << ",quote,s" << i << ",2026-12-02T10:00:00Z\n";
  seatsync::test::write_file(dir / "e.csv", csv.str());

  std::mt19937 rng(5);
  // The ingest takes about 0.3 s here: kills within 200 ms land before, during or (on a fast
  // machine, rarely) after parsing, and before the commit.
  std::uniform_int_distribution<int> delay_ms(0, 200);
  int whole = 0, none = 0;
  for (int run = 0; run < 8; ++run) {
    const pid_t pid = seatsync::test::spawn_seatsync({"ab", "events", "--db", db.string(), "--experiment", id, "--csv", (dir / "e.csv").string()});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    const auto store = open_sqlite_experiment_store(db);  // opens: no corrupt file
    const long long n = stored_quotes(*store, id);
    ASSERT_TRUE(n == 0 || n == kEvents) << "run " << run << ": " << n << " events after SIGKILL";
    (n == 0 ? none : whole) += 1;
  }
  // Finishing the ingest afterwards brings every event in, each once.
  const auto r = seatsync::test::run_seatsync({"ab", "events", "--db", db.string(), "--experiment", id, "--csv", (dir / "e.csv").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto store = open_sqlite_experiment_store(db);
  EXPECT_EQ(stored_quotes(*store, id), kEvents);
  // The events carried no arm: the CLI's process assigned them, and this process agrees.
  const Experiment e = *store->get(id);
  for (const auto& t : store->unit_totals(id)) ASSERT_EQ(t.arm, assign_arm(e, t.unit).name) << t.unit;
  EXPECT_GT(none, 0) << "no kill landed before the commit: the test checked nothing";
}
