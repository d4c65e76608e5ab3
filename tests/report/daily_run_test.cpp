#include <gtest/gtest.h>

#include "seatsync/daily_run.hpp"
#include "seatsync/simulator.hpp"
#include "test_support.hpp"

using namespace seatsync;
namespace fs = std::filesystem;

namespace {
const SimulatedMarket& market() { return test::one_season_market(); }

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST(DailyRun, WritesEveryOutputAndIsIdempotent) {
  test::TempDir dir;
  const fs::path out = dir / "daily";
  const auto r = run_daily(market().dataset, market().truth.as_of, out);
  EXPECT_EQ(r.games, 30u);
  EXPECT_GT(r.plans, 700u);
  for (const char* f : {"plans.json", "guide.xlsx", "guide.html", "projection.xlsx", "index.html",
                        "charts/matrices-observed.svg", "charts/matrices-completed.svg"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  const auto index = test::read_file(out / "index.html");
  for (const auto& f : r.files)
    if (f != "index.html") EXPECT_NE(index.find(f), std::string::npos) << "index.html does not link " << f;
  const auto first = listing(out);
  const auto plans = test::read_file(out / "plans.json");
  run_daily(market().dataset, market().truth.as_of, out);
  EXPECT_EQ(listing(out), first);
  EXPECT_EQ(test::read_file(out / "plans.json"), plans);
  // Nothing is left beside the output.
  std::size_t siblings = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) siblings += e.path().filename() != "daily";
  EXPECT_EQ(siblings, 0u);
}

TEST(DailyRun, AFailedRunLeavesThePreviousOutputsIntact) {
  test::TempDir dir;
  const fs::path out = dir / "daily";
  run_daily(market().dataset, market().truth.as_of, out);
  const auto before = test::read_file(out / "plans.json");
  const auto files = listing(out);
  // A failure in the middle of planning (here: the progress callback throws).
  auto failing = [](std::string_view, std::size_t done, std::size_t) {
    if (done > 100) throw std::runtime_error("disk full");
  };
  EXPECT_THROW(run_daily(market().dataset, market().truth.as_of + 1, out, failing), std::runtime_error);
  EXPECT_EQ(test::read_file(out / "plans.json"), before);
  EXPECT_EQ(listing(out), files);
  std::size_t siblings = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) siblings += e.path().filename() != "daily";
  EXPECT_EQ(siblings, 0u) << "the staging directory must be removed";
}

TEST(DailyRun, SwapReplacesADirectoryWhole) {
  test::TempDir dir;
  test::write_file(dir / "target" / "old.txt", "old");
  test::write_file(dir / "staging" / "new.txt", "new");
  swap_directory_into_place(dir / "staging", dir / "target");
  EXPECT_FALSE(fs::exists(dir / "staging"));
  EXPECT_FALSE(fs::exists(dir / "target" / "old.txt"));
  EXPECT_EQ(test::read_file(dir / "target" / "new.txt"), "new");
  test::write_file(dir / "fresh" / "a.txt", "a");
  swap_directory_into_place(dir / "fresh", dir / "created");
  EXPECT_EQ(test::read_file(dir / "created" / "a.txt"), "a");
}
