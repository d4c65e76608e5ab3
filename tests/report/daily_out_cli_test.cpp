// End-to-end: what `seatsync daily --out` may replace. It owns only what it wrote: a directory
// holding anything else, an existing file, the current directory and a mount point are refused
// (exit 2) and left exactly as they were; its own previous output is replaced whole.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "seatsync/daily_run.hpp"
#include "test_support.hpp"

using seatsync::test::read_file;
using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using seatsync::test::write_file;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

const fs::path& tiny_data() {
  static TempDir dir;
  static bool copied = false;
  if (!copied) {
    seatsync::test::copy_testdata("tiny", dir.path());
    copied = true;
  }
  return dir.path();
}

seatsync::test::CommandResult daily(const std::string& out, const fs::path& cwd = {}) {
  return run_seatsync({"daily", "--data", tiny_data().string(), "--as-of", "2025-12-01", "--out", out}, cwd);
}

}  // namespace

TEST(DailyOutCli, UserFilesInTheDirectorySurviveAndTheRunIsRefused) {
  TempDir dir;
  write_file(dir / "reports" / "budget.xlsx", "the analyst's spreadsheet");
  write_file(dir / "reports" / "notes.txt", "notes");
  const auto r = daily((dir / "reports").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("holds files seatsync did not write (budget.xlsx, notes.txt)"));
  EXPECT_EQ(read_file(dir / "reports" / "budget.xlsx"), "the analyst's spreadsheet");
  EXPECT_EQ(read_file(dir / "reports" / "notes.txt"), "notes");
  EXPECT_FALSE(fs::exists(dir / "reports" / "plans.json"));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u) << "no staging directory may be left beside it";
}

TEST(DailyOutCli, AnExistingFileIsNeverReplaced) {
  TempDir dir;
  write_file(dir / "plans.csv", "game,code\n");
  const auto r = daily((dir / "plans.csv").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("is an existing file"));
  ASSERT_TRUE(fs::is_regular_file(dir / "plans.csv"));
  EXPECT_EQ(read_file(dir / "plans.csv"), "game,code\n");
}

TEST(DailyOutCli, ARerunReplacesItsOwnPreviousOutputWhole) {
  TempDir dir;
  const auto out = dir / "daily";
  const auto first = daily(out.string());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto manifest = nlohmann::json::parse(read_file(out / seatsync::kOutputManifest));
  EXPECT_EQ(manifest["written_by"], "seatsync daily");
  std::vector<std::string> files = manifest["files"];
  for (const auto& f : files) EXPECT_TRUE(fs::is_regular_file(out / f)) << f;
  EXPECT_THAT(files, ::testing::Contains("plans.json"));
  // A stale file seatsync wrote earlier (listed in the manifest) is replaced with the rest.
  write_file(out / "plans.json", "stale");
  const auto again = daily(out.string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(read_file(out / "plans.json"), "stale");
  // The user adds a file to a previous output: from then on it is theirs, and kept.
  write_file(out / "my-notes.txt", "mine");
  const auto refused = daily(out.string());
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("my-notes.txt"));
  EXPECT_EQ(read_file(out / "my-notes.txt"), "mine");
}

TEST(DailyOutCli, AnEmptyDirectoryIsUsed) {
  TempDir dir;
  fs::create_directories(dir / "empty");
  const auto r = daily((dir / "empty").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "empty" / "index.html"));
}

TEST(DailyOutCli, TheCurrentDirectoryIsRefusedClearlyAndLeftAlone) {
  TempDir dir;
  // Even an empty current directory: replacing it would leave the shell in a deleted directory.
  const auto r = daily(".", dir.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("is the current directory"));
  EXPECT_THAT(r.err, HasSubstr("--out ./daily"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("busy")));
  EXPECT_TRUE(fs::is_empty(dir.path()));
  // Its subdirectory, as the message suggests, works.
  const auto inside = daily("./daily", dir.path());
  ASSERT_EQ(inside.exit_code, 0) << inside.err;
  EXPECT_TRUE(fs::exists(dir / "daily" / "index.html"));
  // A parent of the current directory is refused the same way.
  const auto parent = daily("..", dir / "daily");
  EXPECT_EQ(parent.exit_code, 2) << parent.err;
  EXPECT_TRUE(fs::exists(dir / "daily" / "index.html"));
}

TEST(DailyOutCli, AnOutputFromBeforeTheManifestIsReplacedButALoneIndexPageIsNot) {
  TempDir dir;
  const auto out = dir / "daily";
  ASSERT_EQ(daily(out.string()).exit_code, 0);
  fs::remove(out / seatsync::kOutputManifest);  // as an older seatsync left it
  const auto again = daily(out.string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(fs::exists(out / seatsync::kOutputManifest));
  // A directory holding only an index.html is somebody's web page.
  write_file(dir / "site" / "index.html", "<h1>mine</h1>");
  const auto refused = daily((dir / "site").string());
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_EQ(read_file(dir / "site" / "index.html"), "<h1>mine</h1>");
}

TEST(DailyOutCli, ALinkToADirectoryIsFollowedAndADanglingOneRefused) {
  TempDir dir;
  fs::create_directories(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "link");
  const auto r = daily((dir / "link").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link"));
  EXPECT_TRUE(fs::exists(dir / "real" / "index.html"));
  fs::create_symlink(dir / "nowhere", dir / "dangling");
  const auto refused = daily((dir / "dangling").string());
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_TRUE(fs::is_symlink(dir / "dangling"));
}
