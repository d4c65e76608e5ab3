// AsyncAuditWriter: everything submitted is written in order by close(); a full queue drops and
// counts without waiting; a failed write is retried once, then its records are counted lost.
// The sinks here block or fail on command, so nothing depends on timing.
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <mutex>

#include "seatsync/audit_log.hpp"
#include "test_support.hpp"

using namespace seatsync;
using nlohmann::json;
using seatsync::test::TempDir;

namespace {

json record(int seq) { return {{"kind", "score"}, {"game_id", "G1"}, {"seq", seq}}; }

// Records every batch it is given; the first call can be held until released.
struct RecordingSink {
  std::mutex mutex;
  std::vector<int> seqs;
  std::vector<std::size_t> batch_sizes;
  int failures_left = 0;  // calls that throw (a full disk)
  int calls = 0;
  std::promise<void> entered, release;
  bool hold_first = false;

  AsyncAuditWriter::Sink sink() {
    return [this](std::string_view day, std::string_view lines, std::size_t records) {
      bool hold = false;
      {
        std::lock_guard lock(mutex);
        hold = hold_first && calls == 0;
        ++calls;
      }
      if (hold) {
        entered.set_value();
        release.get_future().wait();
      }
      std::lock_guard lock(mutex);
      if (failures_left > 0) {
        --failures_left;
        throw std::runtime_error("No space left on device");
      }
      batch_sizes.push_back(records);
      // Whole lines of one day, as many as it says.
      EXPECT_EQ(day.size(), 8u);
      EXPECT_EQ(lines.back(), '\n');
      EXPECT_EQ(static_cast<std::size_t>(std::count(lines.begin(), lines.end(), '\n')), records);
      for (std::size_t start = 0, end; (end = lines.find('\n', start)) != std::string_view::npos; start = end + 1)
        seqs.push_back(json::parse(lines.substr(start, end - start)).at("seq"));
    };
  }
};

void expect_adds_up(const AuditWriterCounters& c) {
  EXPECT_EQ(c.submitted, c.written + c.dropped + c.pending);
}

}  // namespace

TEST(AsyncAuditWriter, WritesEverythingInOrderByClose) {
  TempDir dir;
  AsyncAuditWriter writer(AuditLog(dir.path()), {.capacity = 100000, .batch = 256});
  constexpr int kRecords = 5000;
  for (int i = 0; i < kRecords; ++i) ASSERT_TRUE(writer.submit(record(i)));
  writer.close();
  const auto c = writer.counters();
  EXPECT_EQ(c.submitted, static_cast<std::uint64_t>(kRecords));
  EXPECT_EQ(c.written, static_cast<std::uint64_t>(kRecords));
  EXPECT_EQ(c.dropped, 0u);
  EXPECT_EQ(c.pending, 0u);
  EXPECT_EQ(c.write_errors, 0u);
  const auto back = AuditLog(dir.path()).read();
  ASSERT_EQ(back.size(), static_cast<std::size_t>(kRecords));
  for (int i = 0; i < kRecords; ++i) {
    ASSERT_EQ(back[i].at("seq"), i);
    ASSERT_TRUE(back[i].at("at").is_string());  // stamped at submit
  }
}

TEST(AsyncAuditWriter, SerialisedLinesAreQueuedAsTheyAre) {
  RecordingSink s;
  AsyncAuditWriter writer(s.sink(), {.capacity = 10000, .batch = 100});
  for (int i = 0; i < 1050; ++i)
    ASSERT_TRUE(writer.submit_line("20261201", R"({"kind":"score","at":"2026-12-01T12:00:00.000Z","seq":)" +
                                                   std::to_string(i) + "}"));
  // What would break the file's framing or name no segment is refused and counted.
  EXPECT_FALSE(writer.submit_line("20261201", "{\"kind\":\"score\",\n\"seq\":1}"));
  EXPECT_FALSE(writer.submit_line("2026-12-01", R"({"kind":"score","seq":1})"));
  EXPECT_FALSE(writer.submit_line("20261201", ""));
  writer.close();
  ASSERT_EQ(s.seqs.size(), 1050u);
  for (int i = 0; i < 1050; ++i) ASSERT_EQ(s.seqs[i], i);
  EXPECT_EQ(writer.counters().dropped, 3u);
  expect_adds_up(writer.counters());
}

TEST(AsyncAuditWriter, AFullQueueDropsAndCountsWithoutWaiting) {
  RecordingSink s;
  s.hold_first = true;
  AsyncAuditWriter writer(s.sink(), {.capacity = 4, .batch = 1});
  ASSERT_TRUE(writer.submit(record(0)));
  // The writer holds record 0 in a write that does not return (a stalled disk).
  ASSERT_EQ(s.entered.get_future().wait_for(std::chrono::seconds(60)), std::future_status::ready);
  for (int i = 1; i <= 4; ++i) EXPECT_TRUE(writer.submit(record(i))) << i;
  EXPECT_FALSE(writer.submit(record(5)));  // the queue holds 4: dropped, and submit returned
  EXPECT_FALSE(writer.submit(record(6)));
  auto c = writer.counters();
  EXPECT_EQ(c.submitted, 7u);
  EXPECT_EQ(c.dropped, 2u);
  EXPECT_EQ(c.dropped_queue_full, 2u);
  EXPECT_EQ(c.pending, 5u);  // 1 being written + 4 queued
  EXPECT_EQ(c.written, 0u);
  expect_adds_up(c);
  s.release.set_value();
  writer.close();
  c = writer.counters();
  EXPECT_EQ(c.written, 5u);
  EXPECT_EQ(c.pending, 0u);
  expect_adds_up(c);
  EXPECT_EQ(s.seqs, (std::vector<int>{0, 1, 2, 3, 4}));
  // After close, a record is dropped the same way.
  EXPECT_FALSE(writer.submit(record(7)));
  EXPECT_EQ(writer.counters().dropped, 3u);
}

TEST(AsyncAuditWriter, AFailedWriteIsRetriedOnceWithoutDuplicates) {
  RecordingSink s;
  s.failures_left = 1;
  AsyncAuditWriter writer(s.sink(), {.capacity = 100, .batch = 10, .interval = std::chrono::milliseconds(1)});
  for (int i = 0; i < 3; ++i) writer.submit(record(i));
  writer.close();
  const auto c = writer.counters();
  EXPECT_EQ(c.write_errors, 1u);
  EXPECT_EQ(c.written, 3u);
  EXPECT_EQ(c.dropped, 0u);
  EXPECT_EQ(s.seqs, (std::vector<int>{0, 1, 2}));
}

TEST(AsyncAuditWriter, TwoFailedWritesLoseTheBatchAndCountIt) {
  RecordingSink s;
  s.failures_left = 1000;
  AsyncAuditWriter writer(s.sink(), {.capacity = 100, .batch = 10, .interval = std::chrono::milliseconds(1)});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(writer.submit(record(i)));  // submit never sees the disk
  writer.close();
  const auto c = writer.counters();
  EXPECT_EQ(c.written, 0u);
  EXPECT_EQ(c.dropped, 3u);
  EXPECT_EQ(c.dropped_queue_full, 0u);
  // However the three were batched, each batch was tried exactly twice.
  EXPECT_EQ(c.write_errors, static_cast<std::uint64_t>(s.calls));
  EXPECT_EQ(s.calls % 2, 0);
  EXPECT_GE(s.calls, 2);
  expect_adds_up(c);
}

TEST(AsyncAuditWriter, RefusesWhatIsNotARecord) {
  RecordingSink s;
  AsyncAuditWriter writer(s.sink());
  EXPECT_FALSE(writer.submit(json::array()));
  EXPECT_FALSE(writer.submit({{"kind", "score"}, {"seq", 1}, {"at", "teatime"}}));
  EXPECT_TRUE(writer.submit({{"kind", "score"}, {"seq", 2}, {"at", "2026-12-01T12:00:00Z"}}));
  writer.close();
  const auto c = writer.counters();
  EXPECT_EQ(c.dropped, 2u);
  EXPECT_EQ(c.written, 1u);
  EXPECT_EQ(s.seqs, std::vector<int>{2});
}

TEST(AsyncAuditWriter, ABatchAcrossMidnightGoesToBothDays) {
  TempDir dir;
  AsyncAuditWriter writer(AuditLog(dir.path()));
  writer.submit({{"kind", "score"}, {"seq", 1}, {"at", "2026-12-01T23:59:59.999Z"}});
  writer.submit({{"kind", "score"}, {"seq", 2}, {"at", "2026-12-02T00:00:00.000Z"}});
  writer.close();
  EXPECT_EQ(AuditLog(dir.path()).read({.since = "2026-12-02"}).size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir / "audit-20261201.jsonl"));
  EXPECT_TRUE(std::filesystem::exists(dir / "audit-20261202.jsonl"));
}
