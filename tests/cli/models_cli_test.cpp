// End-to-end: seatsync models list|show|prune over a registry filled through the library.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "seatsync/model_registry.hpp"
#include "test_support.hpp"

using seatsync::test::run_seatsync;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

namespace {
// Three season/demand models and one game/price model, one second apart.
struct FilledRegistry {
  seatsync::test::TempDir dir;
  std::vector<seatsync::ModelEntry> saved;

  FilledRegistry() {
    auto now = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::sys_days{
        std::chrono::year{2026} / 11 / 23});
    seatsync::ModelRegistry registry(dir.path(), [now] { return *now += std::chrono::seconds{1}; });
    for (int i = 0; i < 3; ++i)
      saved.push_back(registry.save("season", "demand", "model " + std::to_string(i),
                                    {{"metrics", {{"rmse", 1.0 + i}}},
                                     {"row_count", 100 * (i + 1)},
                                     {"importance", {{"price", 0.5}, {"days_out", 0.9}, {"weekday", 0.1}}}}));
    saved.push_back(registry.save("game", "price", "other", {{"metrics", {{"mae", 0.25}}}}));
  }
  std::string path() const { return dir.path().string(); }
};
}  // namespace

TEST(ModelsCli, ListsNewestFirstAsJsonAndTable) {
  FilledRegistry reg;
  auto r = run_seatsync({"models", "list", "--registry", reg.path(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 4u);
  EXPECT_EQ(j[0]["scope"], "game");
  EXPECT_EQ(j[0]["latest"], true);
  EXPECT_EQ(j[1]["version"], reg.saved[2].version.str());
  EXPECT_EQ(j[1]["latest"], true);
  EXPECT_EQ(j[2]["latest"], false);
  EXPECT_EQ(j[1]["metrics"]["rmse"], 3.0);
  EXPECT_EQ(j[1]["row_count"], 300);

  auto table = run_seatsync({"models", "list", "--registry", reg.path()});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("rmse=3"));
  EXPECT_THAT(table.out, HasSubstr(reg.saved[0].version.str()));
}

TEST(ModelsCli, ShowsMetadataAndTopImportance) {
  FilledRegistry reg;
  auto r = run_seatsync({"models", "show", "season", "demand", "--registry", reg.path(), "--top", "2", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["latest"], true);
  EXPECT_EQ(j["metadata"]["version"], reg.saved[2].version.str());
  EXPECT_TRUE(j["metadata"]["sha256"].is_string());
  ASSERT_EQ(j["top_importance"].size(), 2u);
  EXPECT_EQ(j["top_importance"][0]["feature"], "days_out");
  EXPECT_EQ(j["top_importance"][1]["feature"], "price");

  auto old = run_seatsync({"models", "show", "season", "demand", reg.saved[0].version.str(), "--registry", reg.path()});
  ASSERT_EQ(old.exit_code, 0) << old.err;
  EXPECT_THAT(old.out, HasSubstr("season_demand v" + reg.saved[0].version.str()));
  EXPECT_THAT(old.out, ::testing::Not(HasSubstr("(latest)")));
  EXPECT_THAT(old.out, HasSubstr("top 3 features by importance"));
}

TEST(ModelsCli, ShowNamesAModelAsPredictDoesAndKeepsThePositionalSpelling) {
  FilledRegistry reg;
  const std::string old_version = reg.saved[0].version.str();
  // predict's spelling: --scope, --model (the type), --version; a version as names print it ("v…").
  for (const auto& version : {old_version, "v" + old_version}) {
    auto r = run_seatsync({"models", "show", "--scope", "season", "--model", "demand", "--version", version,
                           "--registry", reg.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("season_demand v" + old_version));
  }
  // Defaults as predict's: season, demand, latest.
  auto latest = run_seatsync({"models", "show", "--registry", reg.path()});
  ASSERT_EQ(latest.exit_code, 0) << latest.err;
  EXPECT_THAT(latest.out, HasSubstr("season_demand v" + reg.saved[2].version.str() + " (latest)"));
  auto other = run_seatsync({"models", "show", "--scope", "game", "--model", "price", "--registry", reg.path()});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_THAT(other.out, HasSubstr("game_price v"));
  // The older positional spelling still works, also with the "v".
  auto positional = run_seatsync({"models", "show", "season", "demand", "v" + old_version, "--registry", reg.path()});
  ASSERT_EQ(positional.exit_code, 0) << positional.err;
  EXPECT_THAT(positional.out, HasSubstr("season_demand v" + old_version));
}

TEST(ModelsCli, PruneKeepsNewestLatestAndTheTwoBeforeIt) {
  FilledRegistry reg;
  {
    // Three more season versions, older than the watch period (saved "on 2026-11-24").
    auto now = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::sys_days{std::chrono::year{2026} / 11 / 24});
    seatsync::ModelRegistry registry(reg.dir.path(), [now] { return *now += std::chrono::seconds{1}; });
    for (int i = 3; i < 6; ++i) reg.saved.push_back(registry.save("season", "demand", "model " + std::to_string(i), {}));
  }
  auto r = run_seatsync({"models", "prune", "--keep", "1", "--registry", reg.path(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto removed = nlohmann::json::parse(r.out)["removed"];
  ASSERT_EQ(removed.size(), 3u);  // season's 6 versions less latest and the two before it
  for (const auto& e : removed) EXPECT_FALSE(fs::exists(e["file"].get<std::string>()));
  const auto left = nlohmann::json::parse(run_seatsync({"models", "list", "--registry", reg.path(), "--format", "json"}).out);
  ASSERT_EQ(left.size(), 4u);
  // A watch period longer than the versions' age keeps everything.
  const auto watched = run_seatsync({"models", "prune", "--keep", "1", "--watch-hours", "5000", "--registry", reg.path()});
  ASSERT_EQ(watched.exit_code, 0) << watched.err;
  EXPECT_THAT(watched.out, HasSubstr("pruned 0 model(s)"));
}

TEST(ModelsCli, RollbackMovesLatestAndHistoryShowsIt) {
  FilledRegistry reg;
  const std::string old_version = reg.saved[0].version.str();
  auto r = run_seatsync({"models", "rollback", "--to", "v" + old_version, "--why", "negative lift", "--registry", reg.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("latest of season_demand is now season_demand v" + old_version));
  auto show = run_seatsync({"models", "show", "--registry", reg.path()});
  EXPECT_THAT(show.out, HasSubstr("season_demand v" + old_version + " (latest)"));
  auto history = run_seatsync({"models", "history", "--registry", reg.path(), "--format", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto h = nlohmann::json::parse(history.out);
  ASSERT_EQ(h.size(), 5u);  // four saves, one rollback
  EXPECT_EQ(h[4]["action"], "rollback");
  EXPECT_EQ(h[4]["why"], "negative lift");
  EXPECT_EQ(h[4]["from"], reg.saved[2].version.str());
  EXPECT_EQ(run_seatsync({"models", "rollback", "--to", "20200101T000000Z", "--registry", reg.path()}).exit_code, 2);
}

TEST(ModelsCli, BadRequestsExitWithTwo) {
  FilledRegistry reg;
  const std::string missing = (reg.dir / "nope").string();
  auto r = run_seatsync({"models", "list", "--registry", missing});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("model registry directory '" + missing + "' does not exist"));
  EXPECT_EQ(run_seatsync({"models", "prune", "--keep", "1", "--registry", missing}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"models", "show", "season", "demand", "--registry", missing}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"models", "show", "season", "price", "--registry", reg.path()}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"models", "show", "season", "demand", "soon", "--registry", reg.path()}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"models", "prune", "--keep", "0", "--registry", reg.path()}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"models", "--registry", reg.path()}).exit_code, 2);
}

TEST(ModelsCli, CorruptMetadataIsAFailureNamingTheFile) {
  FilledRegistry reg;
  seatsync::test::write_file(reg.saved[1].meta_file, "{");
  auto r = run_seatsync({"models", "list", "--registry", reg.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(reg.saved[1].meta_file.string()));
}
