// A killed `seatsync ab events` loses no committed event and leaves no half batch: SIGKILL at
// random points of a 40,000-event ingest (15 to 40 runs, on the shared kill harness) leaves
// either none or all of them, and the database opens, passes integrity_check and reads
// afterwards. Also: the arms another process assigned are the ones this one would.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kill_harness.hpp"
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
  const auto db = dir / "s.db", pristine = dir / "pristine.db";
  const std::string id = open_sqlite_experiment_store(pristine)->create(experiment_from_json({{"name", "k"}, {"ml_traffic_percentage", 50}})).id;
  constexpr int kEvents = 40000;
  std::ostringstream csv;
  csv << "event_id,type,unit,at\n";
  for (int i = 0; i < kEvents; ++i) csv << "q" << i << ",quote,s" << i << ",2026-12-02T10:00:00Z\n";
  seatsync::test::write_file(dir / "e.csv", csv.str());
  const std::vector<std::string> ingest{"ab", "events", "--db", db.string(), "--experiment", id, "--csv", (dir / "e.csv").string()};

  // SIGKILL at random points of the ingest (tests/support/kill_harness.hpp), each run on the
  // store as it was before: afterwards it opens and holds none of the events or all of them.
  seatsync::test::KillTarget target;
  target.name = "ab events";
  target.args = ingest;
  target.prepare = [&](int) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
    std::filesystem::copy_file(pristine, db);
  };
  target.probe = [&] { return seatsync::test::sqlite_write_locked(db); };  // the batch's transaction is open
  target.check = [&](const seatsync::test::KillRun& run, seatsync::test::KillLanding& landing) {
    const auto store = open_sqlite_experiment_store(db);  // opens: no corrupt file
    const long long n = stored_quotes(*store, id);
    ASSERT_TRUE(n == 0 || n == kEvents) << n << " events after SIGKILL";
    EXPECT_EQ(seatsync::test::sqlite_integrity(db), std::vector<std::string>{"ok"});
    using seatsync::test::KillLanding;
    landing = n == kEvents ? KillLanding::After : run.write_in_progress ? KillLanding::During : KillLanding::Before;
  };
  const auto measured = seatsync::test::measure(target);
  ASSERT_FALSE(HasFailure());
  const auto stats = seatsync::test::run_kills(target, measured, {.seed = 5, .max_runs = 40, .min_runs = 15, .time = std::chrono::seconds(15)});
  ASSERT_FALSE(HasFailure());
  EXPECT_GE(stats.during, 2) << stats.summary(target.name) << ": too few kills landed inside the ingest's transaction";
  EXPECT_GT(stats.before, 0) << "no kill landed before the commit: the test checked little";

  // Finishing the ingest afterwards brings every event in, each once.
  const auto r = seatsync::test::run_seatsync(ingest);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto store = open_sqlite_experiment_store(db);
  EXPECT_EQ(stored_quotes(*store, id), kEvents);
  // The events carried no arm: the CLI's process assigned them, and this process agrees.
  const Experiment e = *store->get(id);
  for (const auto& t : store->unit_totals(id)) ASSERT_EQ(t.arm, assign_arm(e, t.unit).name) << t.unit;
}
