// The model registry: round trips, checksum refusal, the latest alias, listing, pruning and
// several processes saving into one directory at once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "ml/sha256.hpp"
#include "seatsync/model_registry.hpp"
#include "test_support.hpp"

using seatsync::ModelIntegrityError;
using seatsync::ModelRegistry;
using seatsync::ModelVersion;
using seatsync::test::TempDir;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

namespace {
using TimePoint = std::chrono::system_clock::time_point;

// 2026-11-23T15:30:12Z plus `seconds`.
TimePoint at(int seconds) {
  return std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{15} +
         std::chrono::minutes{30} + std::chrono::seconds{12 + seconds};
}

// A registry whose clock the test moves by hand.
struct ManualClock {
  std::shared_ptr<TimePoint> now = std::make_shared<TimePoint>(at(0));
  ModelRegistry::Clock fn() const {
    return [now = now] { return *now; };
  }
};

nlohmann::json sample_metadata() {
  return {{"features", {{{"name", "days_out"}, {"type", "int"}}, {{"name", "price"}, {"type", "float"}}}},
          {"parameters", {{"max_depth", 6}, {"eta", 0.1}}},
          {"metrics", {{"rmse", 1.25}, {"mae", 0.5}}},
          {"training_range", {{"from", "2025-01-01"}, {"to", "2026-06-30"}}},
          {"row_count", 1234}};
}

std::vector<std::string> file_names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

void overwrite(const fs::path& file, const std::string& contents) { seatsync::test::write_file(file, contents); }
}  // namespace

TEST(Sha256, MatchesKnownDigests) {
  EXPECT_EQ(seatsync::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(seatsync::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ModelVersionTest, ParsesOnlyItsOwnSpelling) {
  EXPECT_EQ(ModelVersion::parse("20261123T153012Z")->str(), "20261123T153012Z");
  EXPECT_EQ(ModelVersion::parse("20261123T153012Z-12")->sequence, 12u);
  for (const char* bad : {"", "latest", "20261123T153012", "20261123T153012Z-0", "20261123T153012Z-", "20261123T153012Z-1x",
                          "2026-11-23T153012Z"})
    EXPECT_FALSE(ModelVersion::parse(bad)) << bad;
  EXPECT_LT(*ModelVersion::parse("20261123T153012Z-2"), *ModelVersion::parse("20261123T153012Z-10"));
  EXPECT_LT(*ModelVersion::parse("20261123T153012Z-9"), *ModelVersion::parse("20261123T153013Z"));
}

TEST(ModelRegistryTest, RoundTripKeepsBytesAndAddsMetadata) {
  TempDir dir;
  ManualClock clock;
  ModelRegistry registry(dir.path() / "models", clock.fn());
  const std::string bytes = std::string("{\"learner\":{}}\0\xff binary tail", 29);
  const auto saved = registry.save("season", "demand", bytes, sample_metadata());
  EXPECT_EQ(saved.file.filename(), "season_demand_v20261123T153012Z.json");
  EXPECT_EQ(saved.meta_file.filename(), "season_demand_v20261123T153012Z.meta.json");
  EXPECT_TRUE(fs::exists(dir / "models" / "season_demand_latest.json"));

  ModelRegistry fresh(dir.path() / "models");
  const auto loaded = fresh.load("season", "demand");
  EXPECT_EQ(*loaded.bytes, bytes);
  EXPECT_EQ(loaded.version.str(), "20261123T153012Z");
  const auto& m = loaded.metadata;
  EXPECT_EQ(m["sha256"], seatsync::sha256_hex(bytes));
  EXPECT_EQ(m["size_bytes"], bytes.size());
  EXPECT_EQ(m["created_at"], "2026-11-23T15:30:12Z");
  EXPECT_EQ(m["version"], "20261123T153012Z");
  EXPECT_EQ(m["scope"], "season");
  EXPECT_EQ(m["type"], "demand");
  EXPECT_TRUE(m["seatsync_version"].is_string());
  const nlohmann::json supplied = sample_metadata();
  for (const auto& [key, value] : supplied.items()) EXPECT_EQ(m[key], value) << key;
}

TEST(ModelRegistryTest, LoadingTwiceUsesTheCache) {
  TempDir dir;
  ModelRegistry registry(dir.path());
  registry.save("season", "demand", "model bytes", {});
  const auto first = registry.load("season", "demand");
  const auto second = registry.load("season", "demand", first.version.str());
  EXPECT_EQ(first.bytes.get(), second.bytes.get());
}

TEST(ModelRegistryTest, RefusesAFlippedByte) {
  TempDir dir;
  const auto saved = ModelRegistry(dir.path()).save("season", "demand", "abcdefghijklmnop", sample_metadata());
  overwrite(saved.file, "abcdefghijklmnoP");
  ModelRegistry registry(dir.path());
  try {
    registry.load("season", "demand");
    FAIL() << "a corrupted model was loaded";
  } catch (const ModelIntegrityError& e) {
    EXPECT_THAT(e.what(), HasSubstr(saved.file.string()));
    EXPECT_THAT(e.what(), HasSubstr("checksum mismatch"));
  }
}

TEST(ModelRegistryTest, RefusesATruncatedFile) {
  TempDir dir;
  const auto saved = ModelRegistry(dir.path()).save("season", "demand", "abcdefghijklmnop", {});
  overwrite(saved.file, "abcdefgh");
  ModelRegistry registry(dir.path());
  try {
    registry.load("season", "demand", saved.version.str());
    FAIL() << "a truncated model was loaded";
  } catch (const ModelIntegrityError& e) {
    EXPECT_THAT(e.what(), HasSubstr(saved.file.string()));
    EXPECT_THAT(e.what(), HasSubstr("truncated"));
  }
}

TEST(ModelRegistryTest, RefusesAMissingModelFileAndBrokenMetadata) {
  TempDir dir;
  const auto saved = ModelRegistry(dir.path()).save("season", "demand", "bytes", {});
  fs::remove(saved.file);
  EXPECT_THROW(ModelRegistry(dir.path()).load("season", "demand"), ModelIntegrityError);
  overwrite(saved.meta_file, "{not json");
  try {
    ModelRegistry(dir.path()).load("season", "demand");
    FAIL();
  } catch (const ModelIntegrityError& e) {
    EXPECT_THAT(e.what(), HasSubstr(saved.meta_file.string()));
  }
}

TEST(ModelRegistryTest, LatestOnlyMovesForward) {
  TempDir dir;
  ManualClock clock;
  ModelRegistry registry(dir.path(), clock.fn());
  *clock.now = at(10);
  registry.save("season", "demand", "ten", {});
  *clock.now = at(20);
  const auto twenty = registry.save("season", "demand", "twenty", {});
  EXPECT_TRUE(twenty.is_latest);
  *clock.now = at(15);  // a writer whose clock is behind must not move latest back
  const auto fifteen = registry.save("season", "demand", "fifteen", {});
  EXPECT_FALSE(fifteen.is_latest);

  EXPECT_EQ(registry.latest("season", "demand"), twenty.version);
  EXPECT_EQ(*registry.load("season", "demand").bytes, "twenty");
  EXPECT_EQ(*registry.load("season", "demand", fifteen.version.str()).bytes, "fifteen");
  EXPECT_FALSE(registry.latest("season", "other"));
}

TEST(ModelRegistryTest, SavesInTheSameSecondNeverCollide) {
  TempDir dir;
  ManualClock clock;
  ModelRegistry registry(dir.path(), clock.fn());
  std::set<std::string> files;
  for (int i = 0; i < 12; ++i) {
    const auto e = registry.save("season", "demand", "model " + std::to_string(i), {});
    EXPECT_TRUE(files.insert(e.file.filename().string()).second) << e.file;
  }
  EXPECT_TRUE(files.count("season_demand_v20261123T153012Z.json"));
  EXPECT_TRUE(files.count("season_demand_v20261123T153012Z-11.json"));
  EXPECT_EQ(registry.latest("season", "demand")->str(), "20261123T153012Z-11");
  EXPECT_EQ(*registry.load("season", "demand").bytes, "model 11");
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(*registry.load("season", "demand", registry.list()[static_cast<std::size_t>(11 - i)].version.str()).bytes,
              "model " + std::to_string(i));
}

TEST(ModelRegistryTest, ListsNewestFirstWithLatestMarked) {
  TempDir dir;
  ManualClock clock;
  ModelRegistry registry(dir.path(), clock.fn());
  const std::vector<std::pair<std::string, int>> saves = {{"season", 0}, {"game", 5}, {"season", 3}, {"game", 9}};
  for (const auto& [scope, seconds] : saves) {
    *clock.now = at(seconds);
    registry.save(scope, "demand", scope, sample_metadata());
  }
  const auto all = registry.list();
  ASSERT_EQ(all.size(), 4u);
  std::vector<std::string> order;
  for (const auto& e : all) order.push_back(e.scope + "@" + e.version.stamp.substr(13, 2) + (e.is_latest ? "*" : ""));
  EXPECT_THAT(order, ::testing::ElementsAre("game@21*", "game@17", "season@15*", "season@12"));
  EXPECT_EQ(all[0].metadata["metrics"]["rmse"], 1.25);
}

TEST(ModelRegistryTest, PruneKeepsTheNewestAndLatest) {
  TempDir dir;
  ManualClock clock;
  ModelRegistry registry(dir.path(), clock.fn());
  std::vector<seatsync::ModelEntry> season;
  for (int i = 0; i < 5; ++i) {
    *clock.now = at(i);
    season.push_back(registry.save("season", "demand", "s" + std::to_string(i), {}));
    registry.save("game", "price", "g" + std::to_string(i), {});
  }
  // An operator rolled `latest` back to the oldest season model: prune must keep it.
  overwrite(dir / "season_demand_latest.json",
            nlohmann::json{{"version", season[0].version.str()}}.dump());

  // Within the watch period nothing goes, whatever --keep says.
  EXPECT_TRUE(registry.prune(1).empty());
  *clock.now = at(4) + std::chrono::hours(49);
  const auto removed = registry.prune(2);
  // season: keeps 16, 15 (newest two) and 12 (latest; nothing before it); game: 16, 15 and,
  // as the second version before latest, 14.
  EXPECT_EQ(removed.size(), 2u + 2u);
  std::vector<std::string> left;
  for (const auto& e : registry.list()) left.push_back(e.scope + "@" + e.version.stamp.substr(13, 2));
  EXPECT_THAT(left, ::testing::ElementsAre("game@16", "season@16", "game@15", "season@15", "game@14", "season@12"));
  const auto history = registry.history();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back()["action"], "prune");
  EXPECT_EQ(history.back()["removed"].size(), 4u);
  for (const auto& e : removed) {
    EXPECT_FALSE(fs::exists(e.file)) << e.file;
    EXPECT_FALSE(fs::exists(e.meta_file)) << e.meta_file;
  }
  EXPECT_EQ(*registry.load("season", "demand").bytes, "s0");
  EXPECT_THROW(registry.prune(0), std::invalid_argument);
}

// What killed writers leave (tests/cli/crash_safety_test.cpp kills them): model bytes whose
// metadata never came or is already gone, and the temporaries of metadata and latest files.
// Prune removes them under the lock; a model temporary only once it is an hour old, since a
// live save writes it before it takes the lock.
TEST(ModelRegistryTest, PruneRemovesWhatKilledWritersLeft) {
  TempDir dir;
  ManualClock clock;
  ModelRegistry registry(dir.path(), clock.fn());
  const auto kept = registry.save("season", "demand", "bytes", {});
  const auto orphan = registry.save("season", "demand", "orphan", {}, /*make_latest=*/false);
  fs::remove(orphan.meta_file);  // a prune killed between its two removals
  overwrite(dir / ".season_demand_v20261123T153012Z-7.meta.json.tmp-123", "{\"sco");
  overwrite(dir / ".season_demand_latest.json.tmp-456", "{");
  overwrite(dir / ".model.tmp-1-old", "abandoned");
  fs::last_write_time(dir / ".model.tmp-1-old", fs::file_time_type::clock::now() - std::chrono::hours(2));
  overwrite(dir / ".model.tmp-2-live", "a save in progress");
  overwrite(dir / "notes.txt", "the user's");

  EXPECT_TRUE(registry.prune(1, std::chrono::seconds(0)).empty());  // no registered version goes
  EXPECT_THAT(file_names(dir.path()),
              ::testing::ElementsAre(".model.tmp-2-live", "history.jsonl", "notes.txt", "registry.lock",
                                     "season_demand_latest.json", kept.file.filename().string(),
                                     kept.meta_file.filename().string()));
  const auto history = registry.history();
  EXPECT_EQ(history.back()["action"], "prune");
  EXPECT_EQ(history.back()["litter"].size(), 4u) << history.back().dump();
  EXPECT_EQ(*registry.load("season", "demand").bytes, "bytes");
}

TEST(ModelRegistryTest, RejectsBadRequests) {
  TempDir dir;
  ModelRegistry registry(dir.path());
  EXPECT_THROW(registry.save("season_x", "demand", "b", {}), std::invalid_argument);
  EXPECT_THROW(registry.save("", "demand", "b", {}), std::invalid_argument);
  EXPECT_THROW(registry.save("season", "de/mand", "b", {}), std::invalid_argument);
  EXPECT_THROW(registry.save("season", "demand", "b", nlohmann::json::array()), std::invalid_argument);
  EXPECT_THROW(registry.load("season", "demand"), std::invalid_argument);
  registry.save("season", "demand", "b", {});
  EXPECT_THROW(registry.load("season", "demand", "20000101T000000Z"), std::invalid_argument);
  EXPECT_THROW(registry.load("season", "demand", "yesterday"), std::invalid_argument);
  EXPECT_THROW(ModelRegistry(dir / "missing").list(), std::invalid_argument);
}

TEST(ModelRegistryTest, TopImportanceSortsAndTruncates) {
  const nlohmann::json meta = {
      {"importance", {{{"feature", "a"}, {"importance", 0.1}}, {"b", 0.7}, {{"feature", "c"}, {"importance", 0.2}}, 3}}};
  const auto top = seatsync::top_importance(meta, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].first, "b");
  EXPECT_EQ(top[1].first, "c");
  EXPECT_TRUE(seatsync::top_importance(nlohmann::json::object(), 5).empty());
  const nlohmann::json as_map = {{"importance", {{"x", 1.0}, {"y", 3.0}, {"z", "n/a"}}}};
  const auto from_map = seatsync::top_importance(as_map, 5);
  ASSERT_EQ(from_map.size(), 2u);
  EXPECT_EQ(from_map[0].first, "y");
}

TEST(ModelRegistryTest, ConcurrentProcessesSaveSafely) {
  TempDir dir;
  constexpr int kProcesses = 4;
  constexpr int kSavesEach = 6;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int status = 0;
      try {
        ModelRegistry registry(dir.path());
        for (int i = 0; i < kSavesEach; ++i) {
          const std::string type = i % 2 ? "demand" : "price";
          // Large enough that writes from different processes overlap in time.
          registry.save("season", type, std::string(200000, static_cast<char>('a' + p)) + std::to_string(i),
                        {{"process", p}, {"index", i}});
        }
      } catch (...) {
        status = 1;
      }
      ::_exit(status);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }

  ModelRegistry registry(dir.path());
  const auto all = registry.list();
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kProcesses * kSavesEach));
  std::set<std::string> files;
  for (const auto& e : all) {
    EXPECT_TRUE(files.insert(e.file.string()).second);
    const auto loaded = registry.load(e.scope, e.type, e.version.str());
    const int p = e.metadata["process"], i = e.metadata["index"];
    EXPECT_EQ(*loaded.bytes, std::string(200000, static_cast<char>('a' + p)) + std::to_string(i));
  }
  for (const std::string type : {"demand", "price"}) {
    ModelVersion newest;
    for (const auto& e : all)
      if (e.type == type) newest = std::max(newest, e.version);
    EXPECT_EQ(registry.latest("season", type), newest) << type;
  }
  for (const auto& name : file_names(dir.path())) EXPECT_THAT(name, ::testing::Not(HasSubstr(".tmp-"))) << name;
}

TEST(ModelRegistryTest, RollbackMovesLatestAtomicallyAndIsRecorded) {
  TempDir dir;
  ManualClock clock;
  ModelRegistry registry(dir.path(), clock.fn());
  std::vector<seatsync::ModelEntry> saved;
  for (int i = 0; i < 3; ++i) {
    *clock.now = at(i);
    saved.push_back(registry.save("season", "demand", "m" + std::to_string(i), {{"metrics", {{"rmse", i}}}}));
  }
  const auto back = registry.rollback("season", "demand", saved[0].version.str(), "ana", "worse lift");
  EXPECT_TRUE(back.is_latest);
  EXPECT_EQ(*registry.latest("season", "demand"), saved[0].version);
  EXPECT_EQ(*registry.load("season", "demand").bytes, "m0");
  // A save after a rollback is newer than latest: it becomes latest again.
  *clock.now = at(5);
  const auto next = registry.save("season", "demand", "m5", {});
  EXPECT_TRUE(next.is_latest);

  // Nothing to roll back to, or a version whose bytes are not whole: latest does not move.
  EXPECT_THROW(registry.rollback("season", "demand", "20200101T000000Z", "ana", "x"), std::invalid_argument);
  overwrite(saved[1].file, "tampered");
  EXPECT_THROW(registry.rollback("season", "demand", saved[1].version.str(), "ana", "x"), seatsync::ModelIntegrityError);
  EXPECT_EQ(*registry.latest("season", "demand"), next.version);

  const auto history = registry.history();
  ASSERT_EQ(history.size(), 5u);  // 4 saves, 1 rollback
  EXPECT_EQ(history[3]["action"], "rollback");
  EXPECT_EQ(history[3]["from"], saved[2].version.str());
  EXPECT_EQ(history[3]["version"], saved[0].version.str());
  EXPECT_EQ(history[3]["who"], "ana");
  EXPECT_EQ(history[3]["why"], "worse lift");
  EXPECT_EQ(history[0]["metrics"]["rmse"], 0);
}

TEST(ModelRegistryTest, HistorySkipsATornLastRecordButNotACorruptOne) {
  TempDir dir;
  ModelRegistry registry(dir.path());
  registry.record({{"action", "promote"}, {"why", "lift 3%"}});
  {
    std::ofstream f(dir / "history.jsonl", std::ios::app);
    f << R"({"action":"rej)";  // a crash in the middle of a write
  }
  ASSERT_EQ(registry.history().size(), 1u);
  EXPECT_EQ(registry.history()[0]["why"], "lift 3%");
  EXPECT_TRUE(registry.history()[0].contains("at"));
  overwrite(dir / "history.jsonl", "not json\n");
  EXPECT_THROW(registry.history(), seatsync::ModelIntegrityError);
  EXPECT_THROW(registry.record(nlohmann::json::array()), std::invalid_argument);
}
