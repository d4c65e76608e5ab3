// AuditLog: records round-trip through day segments, queries by game, since and kind, and a
// torn last line (a crash mid-write) is skipped — then cut off by the next append — while a
// damaged line anywhere else is an error naming FILE:LINE.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "audit/audit_time.hpp"
#include "seatsync/audit_log.hpp"
#include "test_support.hpp"

using namespace seatsync;
using nlohmann::json;
using seatsync::test::read_file;
using seatsync::test::TempDir;
using seatsync::test::write_file;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

// 2026-12-01T12:00:00.250Z
std::chrono::system_clock::time_point noon() {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(1'796'126'400'250LL));
}

std::vector<std::string> kinds_of(const std::vector<json>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.at("kind").get<std::string>() + ":" + r.value("game_id", "-"));
  return out;
}

// Three days of decisions about two games, and a rollback that concerns every game.
void fill(AuditLog& log) {
  const std::vector<json> records{
      {{"kind", "plan"}, {"game_id", "G1"}, {"at", "2026-11-30T06:00:00.000Z"}},
      {{"kind", "score"}, {"game_id", "G1"}, {"at", "2026-12-01T09:00:00.000Z"}},
      {{"kind", "score"}, {"game_id", "G2"}, {"at", "2026-12-01T10:00:00.000Z"}},
      {{"kind", "rollback"}, {"model", "season_conversion"}, {"at", "2026-12-01T11:00:00.000Z"}},
      {{"kind", "plan"}, {"game_id", "G2"}, {"at", "2026-12-02T06:00:00.000Z"}},
      {{"kind", "score"}, {"game_id", "G1"}, {"at", "2026-12-02T08:30:00.000Z"}},
  };
  log.append(records);
}

}  // namespace

TEST(AuditTime, CanonicalFormIsFixedWidthUtcWithMilliseconds) {
  EXPECT_EQ(audit_timestamp(noon()), "2026-12-01T12:00:00.250Z");
  EXPECT_EQ(audit::canonical_time("2026-12-01"), "2026-12-01T00:00:00.000Z");
  EXPECT_EQ(audit::canonical_time("2026-12-01T12:00:00Z"), "2026-12-01T12:00:00.000Z");
  EXPECT_EQ(audit::canonical_time("2026-12-01T01:30:00.5+02:00"), "2026-11-30T23:30:00.500Z");
  EXPECT_EQ(audit::canonical_time("2026-12-01T12:00:00.1234Z"), "2026-12-01T12:00:00.123Z");
  EXPECT_EQ(audit::canonical_time("yesterday"), std::nullopt);
  EXPECT_EQ(audit::canonical_time("2026-02-30"), std::nullopt);
  EXPECT_EQ(audit_segment_name("2026-12-01T12:00:00.250Z"), "audit-20261201.jsonl");
}

TEST(AuditLog, RoundTripStampsAtAndKeepsEveryField) {
  TempDir dir;
  AuditLog log(dir / "audit", noon);
  const std::vector<json> records{{{"kind", "score"}, {"game_id", "G1"}, {"output", {{"price", 184.0}}}},
                                  {{"kind", "plan"}, {"game_id", "G1"}, {"price_code", "A"}}};
  log.append(records);
  const auto back = log.read();
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].at("at"), "2026-12-01T12:00:00.250Z");
  EXPECT_EQ(back[0].at("output").at("price"), 184.0);
  EXPECT_EQ(back[1].at("price_code"), "A");
  EXPECT_TRUE(fs::exists(dir / "audit" / "audit-20261201.jsonl"));
  EXPECT_TRUE(fs::exists(dir / "audit" / AuditLog::kLockFileName));
}

TEST(AuditLog, AnAtInAnotherIsoFormIsRewrittenAndAnUnreadableOneRefused) {
  TempDir dir;
  AuditLog log(dir.path());
  const std::vector<json> offset{{{"kind", "score"}, {"at", "2026-12-01T12:00:00+02:00"}}};
  log.append(offset);
  EXPECT_EQ(log.read().at(0).at("at"), "2026-12-01T10:00:00.000Z");
  const std::vector<json> bad{{{"kind", "score"}, {"at", "noon"}}};
  EXPECT_THROW(log.append(bad), std::invalid_argument);
  const std::vector<json> not_object{json::array()};
  EXPECT_THROW(log.append(not_object), std::invalid_argument);
  EXPECT_EQ(log.read().size(), 1u);  // a refused batch wrote nothing
}

TEST(AuditLog, OneSegmentPerUtcDay) {
  TempDir dir;
  AuditLog log(dir.path());
  fill(log);
  std::vector<std::string> segments;
  for (const auto& e : fs::directory_iterator(dir.path()))
    if (e.path().extension() == ".jsonl") segments.push_back(e.path().filename().string());
  std::sort(segments.begin(), segments.end());
  EXPECT_THAT(segments, ::testing::ElementsAre("audit-20261130.jsonl", "audit-20261201.jsonl", "audit-20261202.jsonl"));
  const std::string day = read_file(dir / "audit-20261201.jsonl");
  EXPECT_EQ(std::count(day.begin(), day.end(), '\n'), 3);
}

TEST(AuditLog, QueriesByGameSinceAndKindOldestFirst) {
  TempDir dir;
  AuditLog log(dir.path());
  fill(log);
  EXPECT_THAT(kinds_of(log.read()), ::testing::ElementsAre("plan:G1", "score:G1", "score:G2", "rollback:-", "plan:G2", "score:G1"));
  // A game's decisions, with the model decision that concerned every game.
  EXPECT_THAT(kinds_of(log.read({.game_id = "G1"})), ::testing::ElementsAre("plan:G1", "score:G1", "rollback:-", "score:G1"));
  EXPECT_THAT(kinds_of(log.read({.since = "2026-12-02"})), ::testing::ElementsAre("plan:G2", "score:G1"));
  // An offset is honoured: 11:30+01:00 is 10:30Z.
  EXPECT_THAT(kinds_of(log.read({.since = "2026-12-01T11:30:00+01:00"})),
              ::testing::ElementsAre("rollback:-", "plan:G2", "score:G1"));
  EXPECT_THAT(kinds_of(log.read({.game_id = "G2", .kind = "score"})), ::testing::ElementsAre("score:G2"));
  EXPECT_THAT(kinds_of(log.read({.game_id = "G3", .kind = "score"})), ::testing::IsEmpty());
}

TEST(AuditLog, RecordsOfSeveralWritersComeBackInTimeOrder) {
  TempDir dir;
  AuditLog log(dir.path());
  // A batch written later may hold an earlier decision (the service writes every 50 ms).
  const std::vector<json> first{{{"kind", "score"}, {"seq", 2}, {"at", "2026-12-01T10:00:00.300Z"}}};
  const std::vector<json> second{{{"kind", "plan"}, {"seq", 1}, {"at", "2026-12-01T10:00:00.100Z"}}};
  log.append(first);
  log.append(second);
  const auto back = log.read();
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].at("seq"), 1);
  EXPECT_EQ(back[1].at("seq"), 2);
}

TEST(AuditLog, SinceSkipsTheSegmentsOfEarlierDays) {
  TempDir dir;
  AuditLog log(dir.path());
  fill(log);
  // Damage the oldest day: a read that opened it would fail.
  write_file(dir / "audit-20261130.jsonl", "{\"kind\": \"plan\"}\nnot json\n{\"kind\": \"plan\"}\n");
  EXPECT_THROW(log.read(), AuditLogError);
  EXPECT_EQ(log.read({.since = "2026-12-01"}).size(), 5u);
}

TEST(AuditLog, ATornLastLineIsSkippedThenCutOffByTheNextAppend) {
  TempDir dir;
  AuditLog log(dir.path());
  const auto file = dir / "audit-20261201.jsonl";
  // What a crash mid-write leaves: whole lines, then part of one, no newline.
  write_file(file, "{\"kind\":\"score\",\"at\":\"2026-12-01T09:00:00.000Z\",\"seq\":1}\n"
                   "{\"kind\":\"score\",\"at\":\"2026-12-01T09:00:01.000Z\",\"seq\":2}\n"
                   "{\"kind\":\"score\",\"at\":\"2026-12-01T09:0");
  ASSERT_EQ(log.read().size(), 2u);
  const std::vector<json> next{{{"kind", "score"}, {"at", "2026-12-01T09:00:02.000Z"}, {"seq", 3}}};
  log.append(next);
  const auto back = log.read();
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[2].at("seq"), 3);
  const std::string text = read_file(file);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);
  EXPECT_EQ(text.find("09:0\""), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
}

TEST(AuditLog, ATornFirstAndOnlyLineLeavesAnEmptySegment) {
  TempDir dir;
  AuditLog log(dir.path());
  write_file(dir / "audit-20261201.jsonl", "{\"kind\":\"sc");
  EXPECT_TRUE(log.read().empty());
  const std::vector<json> next{{{"kind", "score"}, {"at", "2026-12-01T09:00:02.000Z"}}};
  log.append(next);
  EXPECT_EQ(log.read().size(), 1u);
}

TEST(AuditLog, ADamagedLineBeforeTheLastIsAnErrorNamingFileAndLine) {
  TempDir dir;
  AuditLog log(dir.path());
  write_file(dir / "audit-20261201.jsonl", "{\"kind\":\"score\",\"at\":\"2026-12-01T09:00:00.000Z\"}\n"
                                           "{\"kind\":\"sco\n"
                                           "{\"kind\":\"score\",\"at\":\"2026-12-01T09:00:01.000Z\"}\n");
  try {
    log.read();
    FAIL() << "a damaged middle line was accepted";
  } catch (const AuditLogError& e) {
    EXPECT_THAT(e.what(), HasSubstr("audit-20261201.jsonl:2"));
  }
  // A line that is JSON but not a record is damage too.
  write_file(dir / "audit-20261201.jsonl", "[1, 2]\n");
  EXPECT_THROW(log.read(), AuditLogError);
}

TEST(AuditLog, BadSinceAndMissingDirectoryAreBadInput) {
  TempDir dir;
  AuditLog log(dir.path());
  fill(log);
  EXPECT_THROW(log.read({.since = "last tuesday"}), std::invalid_argument);
  EXPECT_THROW(AuditLog(dir / "nowhere").read(), std::invalid_argument);
  write_file(dir / "a-file", "x");
  EXPECT_THROW(AuditLog(dir / "a-file").read(), std::invalid_argument);
}

TEST(AuditLog, ConcurrentAppendersNeverInterleave) {
  TempDir dir;
  constexpr int kThreads = 4, kBatches = 100, kPerBatch = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      AuditLog log(dir.path());  // an object each, as separate processes would have
      for (int b = 0; b < kBatches; ++b) {
        std::vector<json> batch;
        for (int i = 0; i < kPerBatch; ++i)
          batch.push_back({{"kind", "score"}, {"writer", t}, {"seq", b * kPerBatch + i}, {"pad", std::string(300, 'x')}});
        log.append(batch);
      }
    });
  for (auto& t : threads) t.join();
  // read() parses every line: a torn or interleaved one would throw.
  const auto back = AuditLog(dir.path()).read();
  ASSERT_EQ(back.size(), static_cast<std::size_t>(kThreads * kBatches * kPerBatch));
  // File order per writer is its submission order (one stable sort by "at" keeps ties in order).
  std::vector<int> next(kThreads, 0);
  std::string text;
  for (const auto& e : fs::directory_iterator(dir.path()))
    if (e.path().extension() == ".jsonl") text += read_file(e.path());
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    const json r = json::parse(text.substr(start, end - start));
    const int writer = r.at("writer");
    ASSERT_EQ(r.at("seq"), next[writer]++) << "writer " << writer;
  }
}
