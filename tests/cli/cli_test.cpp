// End-to-end runs of the built seatsync binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/version.hpp"
#include "test_support.hpp"

using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

TEST(Cli, VersionAndHelp) {
  auto v = run_seatsync({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_THAT(v.out, HasSubstr(seatsync::kVersion));
  auto h = run_seatsync({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  for (const char* cmd : {"demo", "simulate", "validate", "import", "summary"}) EXPECT_THAT(h.out, HasSubstr(cmd));
  auto sub = run_seatsync({"import", "--help"});
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_THAT(sub.out, HasSubstr("--db"));
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_seatsync({}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"import", "--data"}).exit_code, 2);
  auto both = run_seatsync({"summary"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("--data DIR or --db FILE"));
}

TEST(Cli, ValidateReportsEveryProblemAsFileLineColumn) {
  TempDir dir;
  seatsync::test::copy_testdata("tiny", dir.path());
  auto ok = run_seatsync({"validate", "--data", dir.path()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("ok (3 games, 4 price codes, 11 orders"));

  seatsync::test::write_file(dir / "transactions.csv",
                             "game_id,price_code,sold_at,quantity,price\nG1,A,2025-10-30,0,900\nG1,A,2025-10-30,1,-1\n");
  auto bad = run_seatsync({"validate", "--data", dir.path()});
  EXPECT_EQ(bad.exit_code, 2);
  const auto file = (dir / "transactions.csv").string();
  EXPECT_THAT(bad.err, HasSubstr(file + ":2: quantity: quantity must be >= 1, found 0\n"));
  EXPECT_THAT(bad.err, HasSubstr(file + ":3: price: price must be a finite number > 0, found -1.00\n"));
  EXPECT_TRUE(bad.out.empty());
}

TEST(Cli, ImportThenSummaryFromTheDatabaseMatchesTheDirectory) {
  TempDir dir;
  seatsync::test::copy_testdata("tiny", dir / "data");
  const auto db = (dir / "s.db").string();
  auto imp = run_seatsync({"import", "--data", (dir / "data").string(), "--db", db});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_THAT(imp.out, HasSubstr("imported 3 games, 4 price codes, 11 orders"));
  auto from_db = run_seatsync({"summary", "--db", db});
  auto from_dir = run_seatsync({"summary", "--data", (dir / "data").string()});
  ASSERT_EQ(from_db.exit_code, 0) << from_db.err;
  EXPECT_EQ(from_db.out, from_dir.out);
  EXPECT_THAT(from_db.out, HasSubstr("Total: 11 orders, 24 tickets"));
}

TEST(Cli, BadImportWritesNothingAndKeepsTheDatabase) {
  TempDir dir;
  seatsync::test::copy_testdata("tiny", dir / "data");
  const auto db = (dir / "s.db").string();
  seatsync::test::write_file(dir / "bad" / "games.csv", "game_id,game_date,tier\nG1,2025-11-01,0\n");
  auto none = run_seatsync({"import", "--data", (dir / "bad").string(), "--db", db});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_FALSE(fs::exists(db)) << "a failed import must not create the database";

  ASSERT_EQ(run_seatsync({"import", "--data", (dir / "data").string(), "--db", db}).exit_code, 0);
  auto before = run_seatsync({"summary", "--db", db}).out;
  EXPECT_EQ(run_seatsync({"import", "--data", (dir / "bad").string(), "--db", db}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"summary", "--db", db}).out, before);
  auto missing = run_seatsync({"summary", "--db", (dir / "nope.db").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("does not exist"));
}

TEST(Cli, SimulateIsDeterministicPerSeedAndValid) {
  TempDir dir;
  auto a = run_seatsync({"simulate", "--out", (dir / "a").string(), "--seed", "7", "--seasons", "1"});
  auto b = run_seatsync({"simulate", "--out", (dir / "b").string(), "--seed", "7", "--seasons", "1"});
  auto c = run_seatsync({"simulate", "--out", (dir / "c").string(), "--seed", "8", "--seasons", "1"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  ASSERT_EQ(c.exit_code, 0) << c.err;
  for (const char* f : {"games.csv", "seats.csv", "transactions.csv", "inventory.csv", "truth.json"}) {
    EXPECT_EQ(seatsync::test::read_file(dir / "a" / f), seatsync::test::read_file(dir / "b" / f)) << f;
  }
  EXPECT_NE(seatsync::test::read_file(dir / "a" / "transactions.csv"),
            seatsync::test::read_file(dir / "c" / "transactions.csv"));
  auto v = run_seatsync({"validate", "--data", (dir / "a").string()});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_EQ(run_seatsync({"simulate", "--out", (dir / "x").string(), "--scenario", "wild"}).exit_code, 2);
}

TEST(Cli, DemoSimulatesImportsAndSummarises) {
  TempDir cwd;
  auto r = run_seatsync({"demo"}, cwd.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(cwd / "seatsync-demo" / "seatsync.db"));
  EXPECT_TRUE(fs::exists(cwd / "seatsync-demo" / "truth.json"));
  EXPECT_THAT(r.out, HasSubstr("Games: "));
  EXPECT_THAT(r.out, HasSubstr("Average price per ticket"));
  EXPECT_THAT(r.out, HasSubstr("Price plan for "));
  for (const char* f : {"index.html", "guide.xlsx", "guide.html", "projection.xlsx", "plans.json"})
    EXPECT_TRUE(fs::exists(cwd / "seatsync-demo" / "daily" / f)) << f;
  EXPECT_THAT(r.out, HasSubstr("seatsync-demo/daily/index.html"));
  // Running it again replaces the demo rather than piling up rows.
  auto again = run_seatsync({"demo"}, cwd.path());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, r.out);
}
