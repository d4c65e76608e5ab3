// An import that does not finish -- an exception mid-way, or the process killed -- leaves
// the database exactly as it was before the import started.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "seatsync/store.hpp"
#include "store_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

TEST(SqliteStoreInterrupted, ExceptionFromProgressCallbackRollsBack) {
  TempDir dir;
  const auto db = dir / "season.db";
  const Dataset sample = sample_dataset();
  auto store = open_sqlite_store(db);
  store->replace(sample);
  const auto before = dump_dataset_tables(db);

  bool thrown = false;
  const auto cancel_midway = [&](std::string_view, std::size_t done, std::size_t total) {
    if (done > total / 2) {
      thrown = true;
      throw std::runtime_error("cancelled by the user");
    }
  };
  EXPECT_THROW(store->replace(synthetic_dataset(20'000), cancel_midway), std::runtime_error);
  ASSERT_TRUE(thrown);

  EXPECT_EQ(dump_dataset_tables(db), before);
  EXPECT_EQ(query_column(db, "SELECT COUNT(*) FROM imports"), (std::vector<std::string>{"1"}));
  expect_same_dataset(sample, store->load());
  // The same store stays usable: the failed transaction did not leave it stuck.
  const Dataset other = other_dataset();
  store->replace(other);
  expect_same_dataset(other, store->load());
}

// Kills the child and reaps it if the test ends early, so no process outlives the test.
class ChildProcess {
 public:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  ~ChildProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // SIGKILL, then the wait status.
  int kill_and_wait() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_;
};

TEST(SqliteStoreInterrupted, KilledImportLeavesThePreviousDataset) {
  TempDir dir;
  const auto db = dir / "season.db";
  const Dataset sample = sample_dataset();
  open_sqlite_store(db)->replace(sample);  // closed again: the child must open its own connection
  const auto before = dump_dataset_tables(db);
  const Dataset big = synthetic_dataset(200'000);

  int inside[2];
  ASSERT_EQ(pipe(inside), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(inside[0]);
    try {
      open_sqlite_store(db)->replace(big, [&](std::string_view, std::size_t done, std::size_t total) {
        if (done < total * 3 / 4) return;
        const char byte = 'x';
        (void)!write(inside[1], &byte, 1);  // tell the parent: deep inside the transaction
        for (;;) pause();                    // and stay there until killed
      });
    } catch (...) {
    }
    _exit(3);  // only reached when the import was not interrupted
  }
  ChildProcess child(pid);
  close(inside[1]);
  char byte = 0;
  ASSERT_EQ(read(inside[0], &byte, 1), 1) << "the child never reached the middle of its import";
  close(inside[0]);

  // The child's uncommitted pages have spilled into the WAL file: the kill lands on a
  // database with half an import on disk, not merely in the child's memory.
  const auto wal = std::filesystem::path(db.string() + "-wal");
  ASSERT_TRUE(std::filesystem::exists(wal));
  EXPECT_GT(std::filesystem::file_size(wal), 1'000'000u);

  const int status = child.kill_and_wait();
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  auto reopened = open_sqlite_store(db);
  expect_same_dataset(sample, reopened->load());
  EXPECT_EQ(dump_dataset_tables(db), before);
  EXPECT_EQ(query_column(db, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
  EXPECT_EQ(query_column(db, "PRAGMA foreign_key_check"), std::vector<std::string>{});
  // And the next import works.
  reopened->replace(big);
  EXPECT_EQ(reopened->load().transactions.size(), big.transactions.size());
}

}  // namespace
}  // namespace seatsync::test
