// The league daily run end to end: teams imported into schemas of one database, `daily --league`
// enqueueing, two `worker` processes sharing the jobs, each team's outputs the same as a
// single-team `daily`, and a worker killed mid-job whose job another worker takes over.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "pg_test_server.hpp"
#include "seatsync/store.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

using ::testing::HasSubstr;

const std::string kAsOf = "2026-12-01";  // simulated_season_dir's upcoming season is on sale

int wait_exit(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void import_team(const std::string& url, const std::string& team) {
  const auto r = run_seatsync({"import", "--data", simulated_season_dir().string(), "--db", postgres_url_with_schema(url, team)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

TEST(LeagueCli, TwoWorkersShareTheRunAndEachTeamGetsItsOwnDailyOutputs) {
  TempDir dir;
  const std::string url = fresh_postgres_database();
  for (const char* team : {"team_a", "team_b", "team_c"}) import_team(url, team);
  // The league's own schema (public) holding data too is not a team.
  ASSERT_EQ(run_seatsync({"import", "--data", simulated_season_dir().string(), "--db", url}).exit_code, 0);

  const auto enqueued = run_seatsync({"daily", "--league", "--db", url, "--as-of", kAsOf, "--out", (dir / "out").string()});
  ASSERT_EQ(enqueued.exit_code, 0) << enqueued.err;
  EXPECT_THAT(enqueued.out, HasSubstr("3 job(s) enqueued"));
  EXPECT_THAT(enqueued.out, Not(HasSubstr(postgres_test_password())));

  const int w1 = spawn_seatsync({"worker", "--db", url, "--exit-when-idle", "--poll", "0.1"}, dir / "w1.out");
  const int w2 = spawn_seatsync({"worker", "--db", url, "--exit-when-idle", "--poll", "0.1"}, dir / "w2.out");
  EXPECT_EQ(wait_exit(w1), 0);
  EXPECT_EQ(wait_exit(w2), 0);
  // Between them the two did each job once.
  const std::string said = read_file(dir / "w1.out") + read_file(dir / "w2.out");
  int done = 0;
  for (std::size_t at = 0; (at = said.find(" job(s) done", at)) != std::string::npos; ++at)
    done += said[at - 1] - '0';
  EXPECT_EQ(done, 3) << said;

  // A team's outputs are those of `daily` on that team's store alone.
  const auto single = run_seatsync({"daily", "--db", postgres_url_with_schema(url, "team_b"), "--as-of", kAsOf,
                                    "--out", (dir / "single").string()});
  ASSERT_EQ(single.exit_code, 0) << single.err;
  for (const char* team : {"team_a", "team_b", "team_c"})
    EXPECT_EQ(read_file(dir / "out" / team / "plans.json"), read_file(dir / "single" / "plans.json")) << team;
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "public"));

  pqxx::connection c(url);
  pqxx::read_transaction tx(c);
  EXPECT_EQ(tx.exec("SELECT COUNT(*) FROM league_jobs WHERE status = 'done' AND attempts = 1")[0][0].as<int>(), 3);
}

TEST(LeagueCli, AJobOfAKilledWorkerIsTakenOverWhenItsLeaseRunsOut) {
  TempDir dir;
  const std::string url = fresh_postgres_database();
  import_team(url, "team_a");
  ASSERT_EQ(run_seatsync({"daily", "--league", "--db", url, "--as-of", kAsOf, "--out", (dir / "out").string()}).exit_code, 0);

  // Killed within about 10 ms of its claim: the job (load and daily run, a second or more
  // here) is surely in hand.
  const int dead = spawn_seatsync({"worker", "--db", url, "--lease", "3", "--poll", "0.05"});
  pqxx::connection c(url);
  bool claimed = false;
  for (int i = 0; i < 400 && !claimed; ++i) {
    pqxx::read_transaction tx(c);
    claimed = !tx.exec("SELECT 1 FROM league_jobs WHERE status <> 'queued'").empty();
    if (!claimed) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(dead, SIGKILL);
  wait_exit(dead);
  ASSERT_TRUE(claimed);
  {
    pqxx::read_transaction tx(c);
    const auto row = tx.exec("SELECT status, attempts FROM league_jobs")[0];
    ASSERT_EQ(row[0].as<std::string>(), "running") << "the worker was not killed mid-job";
    ASSERT_EQ(row[1].as<int>(), 1);
  }

  const auto taker = run_seatsync({"worker", "--db", url, "--exit-when-idle", "--poll", "0.2"});
  ASSERT_EQ(taker.exit_code, 0) << taker.err;
  EXPECT_THAT(taker.out, HasSubstr("1 job(s) done"));
  pqxx::read_transaction tx(c);
  const auto row = tx.exec("SELECT status, attempts FROM league_jobs")[0];
  EXPECT_EQ(row[0].as<std::string>(), "done");
  EXPECT_EQ(row[1].as<int>(), 2);
  // The outputs are whole: what a daily run writes, manifest last.
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "team_a" / ".seatsync-manifest.json"));
  EXPECT_FALSE(read_file(dir / "out" / "team_a" / "plans.json").empty());
}

TEST(LeagueCli, RefusesWhatCannotBeALeague) {
  TempDir dir;
  const auto sqlite = run_seatsync({"daily", "--league", "--db", (dir / "x.db").string(), "--as-of", kAsOf, "--out", (dir / "o").string()});
  EXPECT_EQ(sqlite.exit_code, 2);
  EXPECT_THAT(sqlite.err, HasSubstr("--league needs --db postgresql://"));
  const std::string url = fresh_postgres_database();
  const auto empty = run_seatsync({"daily", "--league", "--db", url, "--as-of", kAsOf, "--out", (dir / "o").string()});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_THAT(empty.err, HasSubstr("no teams to enqueue"));
  const auto bad = run_seatsync({"summary", "--db", url + "?schema=Bad-Name"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("schema name"));
  const auto worker = run_seatsync({"worker", "--db", (dir / "x.db").string(), "--exit-when-idle"});
  EXPECT_EQ(worker.exit_code, 2);
  EXPECT_THAT(worker.err, HasSubstr("a league runs on PostgreSQL"));
}

}  // namespace
}  // namespace seatsync::test
