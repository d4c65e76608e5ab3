// The commands on PostgreSQL, end to end: import, read, plan, the experiment commands, the
// default from SEATSYNC_DATABASE_URL, a killed import, and never a password on the terminal.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "pg_test_server.hpp"
#include "seatsync/store.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void expect_no_password(const CommandResult& r) {
  const std::string password = postgres_test_password();
  ASSERT_FALSE(password.empty());
  EXPECT_THAT(r.out, Not(HasSubstr(password)));
  EXPECT_THAT(r.err, Not(HasSubstr(password)));
}

TEST(PostgresCli, ImportThenEveryReaderAndPlanIsByteIdenticalToSqlite) {
  TempDir dir;
  const std::string data = simulated_season_dir().string(), sqlite = (dir / "s.db").string();
  const std::string url = fresh_postgres_database();
  const auto imported = run_seatsync({"import", "--data", data, "--db", url});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  expect_no_password(imported);
  EXPECT_THAT(imported.out, HasSubstr("postgresql://seatsync:***@"));
  ASSERT_EQ(run_seatsync({"import", "--data", data, "--db", sqlite}).exit_code, 0);

  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"summary"}, {"plan", "--as-of", "2026-12-01"}, {"matrix", "--tier", "1", "--group", "Club"}}) {
    auto with = [&](const std::string& db) {
      auto args = command;
      args.insert(args.begin() + 1, {"--db", db});
      return run_seatsync(args);
    };
    const auto from_pg = with(url), from_sqlite = with(sqlite);
    ASSERT_EQ(from_pg.exit_code, 0) << command[0] << ": " << from_pg.err;
    ASSERT_EQ(from_sqlite.exit_code, 0) << from_sqlite.err;
    EXPECT_EQ(from_pg.out, from_sqlite.out) << command[0];
    EXPECT_FALSE(from_pg.out.empty());
    expect_no_password(from_pg);
  }
}

TEST(PostgresCli, DatabaseUrlVariableIsTheDefaultStore) {
  const std::string url = fresh_postgres_database();
  ASSERT_EQ(run_seatsync({"import", "--data", simulated_season_dir().string(), "--db", url}).exit_code, 0);
  setenv("SEATSYNC_DATABASE_URL", url.c_str(), 1);
  const auto summary = run_seatsync({"summary"});
  const auto created = run_seatsync({"ab", "create", "--json", R"({"name":"env","ml_traffic_percentage":20})"});
  const auto listed = run_seatsync({"ab", "list", "--format", "json"});
  // --data still wins over the variable rather than clashing with it.
  const auto from_dir = run_seatsync({"summary", "--data", simulated_season_dir().string()});
  unsetenv("SEATSYNC_DATABASE_URL");
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_EQ(summary.out, from_dir.out);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_THAT(listed.out, HasSubstr("\"env\""));
  expect_no_password(summary);
}

TEST(PostgresCli, ConnectionErrorsNameTheServerButNotThePassword) {
  std::string url = fresh_postgres_database();
  const std::string wrong_db = url.substr(0, url.rfind('/')) + "/no_such_database";
  const auto missing = run_seatsync({"summary", "--db", wrong_db});
  EXPECT_EQ(missing.exit_code, 1);  // not bad input: the server said no
  EXPECT_THAT(missing.err, HasSubstr("no_such_database"));
  EXPECT_THAT(missing.err, HasSubstr("***"));
  expect_no_password(missing);
  const std::string password = postgres_test_password();
  std::string wrong_password = url;
  wrong_password.replace(wrong_password.find(password), password.size(), password + "x");
  const auto refused = run_seatsync({"summary", "--db", wrong_password});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("password authentication failed"));
  EXPECT_THAT(refused.err, Not(HasSubstr(password)));
  const auto empty = run_seatsync({"summary", "--db", url});
  EXPECT_NE(empty.exit_code, 0);
  EXPECT_THAT(empty.err, HasSubstr("nothing has been imported"));
}

// SIGKILL at random moments of an import over a stored season: afterwards the store holds the
// old season or the new one, whole — never a mix, never nothing.
TEST(PostgresCli, KilledImportLeavesTheOldDatasetOrTheNewOne) {
  TempDir dir;
  const std::string url = fresh_postgres_database();
  ASSERT_EQ(run_seatsync({"simulate", "--out", (dir / "small").string(), "--games", "5", "--seasons", "1"}).exit_code, 0);
  ASSERT_EQ(run_seatsync({"import", "--data", (dir / "small").string(), "--db", url}).exit_code, 0);
  const std::string old_summary = run_seatsync({"summary", "--db", url}).out;
  const std::string new_summary = run_seatsync({"summary", "--data", simulated_season_dir().string()}).out;
  std::mt19937 rng(16);
  int old_seen = 0, new_seen = 0;
  for (int run = 0; run < 6; ++run) {
    const pid_t pid = spawn_seatsync({"import", "--data", simulated_season_dir().string(), "--db", url});
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 1500)(rng)));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    const auto now = run_seatsync({"summary", "--db", url});
    ASSERT_EQ(now.exit_code, 0) << now.err;
    if (now.out == old_summary) ++old_seen;
    else if (now.out == new_summary) ++new_seen;
    else FAIL() << "run " << run << ": neither the old dataset nor the new one:\n" << now.out;
    if (now.out == new_summary)  // put the old one back for the next kill
      ASSERT_EQ(run_seatsync({"import", "--data", (dir / "small").string(), "--db", url}).exit_code, 0);
  }
  EXPECT_GT(old_seen, 0);  // at least one kill landed mid-import
}

}  // namespace
}  // namespace seatsync::test
