// End-to-end: seatsync monitor, retrain (--if-needed, promotion and rejection), a retrain
// killed mid-way, and the daily run's "Models" section, on a simulated season.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "seatsync/model_registry.hpp"
#include "seatsync/source.hpp"
#include "test_support.hpp"

using seatsync::test::run_seatsync;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

std::string data_dir() { return seatsync::test::simulated_season_dir().string(); }

// The first game of the upcoming season: a model trained as of it knows the past season only.
std::string season_start() {
  seatsync::DataSource source;
  source.data_dir = seatsync::test::simulated_season_dir();
  const auto data = seatsync::load_dataset(source);
  seatsync::Date first = *seatsync::Date::parse("2099-01-01");
  for (const auto& g : data.games)
    if (g.date >= *seatsync::Date::parse("2026-10-01") && g.date < first) first = g.date;
  return first.str();
}

void train(const std::string& registry, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"train", "--data", data_dir(), "--model", "demand", "--registry", registry, "--rounds", "40"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_seatsync(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

std::vector<nlohmann::json> history(const std::string& registry) { return seatsync::ModelRegistry(registry).history(); }

TEST(MonitorCli, ReportsLiveErrorDriftAndTriggersOfAModelTrainedBeforeTheSeason) {
  seatsync::test::TempDir reg;
  train(reg.path().string(), {"--as-of", season_start()});
  auto r = run_seatsync({"monitor", "--data", data_dir(), "--registry", reg.path().string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["models"].size(), 1u);
  const auto& m = j["models"][0];
  EXPECT_GT(m["new_rows"].get<int>(), 0);
  EXPECT_TRUE(m["live"]["model"].contains("rmse"));
  EXPECT_TRUE(m["live"]["baseline"].contains("rmse"));
  EXPECT_FALSE(m["drift"].empty());
  EXPECT_EQ(j["thresholds"]["max_psi"], 0.2);
  EXPECT_EQ(j["business"].size(), 14u);
  // Trained through the spring, judged in the winter: seed 003's seasonality trigger.
  bool seasonality = false;
  for (const auto& t : m["triggers"]) seasonality = seasonality || t["rule"] == "seasonality";
  EXPECT_TRUE(seasonality) << m["triggers"].dump();

  r = run_seatsync({"monitor", "--data", data_dir(), "--registry", reg.path().string(), "--days", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("live error on"));
  EXPECT_THAT(r.out, HasSubstr("retraining triggers:"));
  EXPECT_THAT(r.out, HasSubstr("business by day"));
}

TEST(MonitorCli, BadInputIsRefusedWithExit2) {
  auto r = run_seatsync({"monitor", "--data", data_dir(), "--registry", "/nonexistent/registry"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--registry"));
  seatsync::test::TempDir reg;
  train(reg.path().string());
  seatsync::test::write_file(reg / "plan.json", "{\"as_of\": \"2026-10-01\"}");
  r = run_seatsync({"monitor", "--data", data_dir(), "--registry", reg.path().string(), "--plan", (reg / "plan.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("games"));
  r = run_seatsync({"monitor", "--data", data_dir(), "--registry", reg.path().string(), "--today", "2026-13-01"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(RetrainCli, IfNeededRetrainsOnATriggerAndRecordsTheDecision) {
  seatsync::test::TempDir reg;
  train(reg.path().string(), {"--as-of", season_start()});
  const auto before = seatsync::ModelRegistry(reg.path()).latest("season", "demand");
  auto r = run_seatsync({"retrain", "--data", data_dir(), "--registry", reg.path().string(), "--if-needed",
                         "--format", "json", "--who", "test"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["retrained"].get<bool>());
  EXPECT_FALSE(j["triggers"].empty());
  const auto after = seatsync::ModelRegistry(reg.path()).latest("season", "demand");
  EXPECT_EQ(j["promoted"].get<bool>(), *after != *before);
  const auto h = history(reg.path().string());
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h.back()["action"], j["promoted"].get<bool>() ? "promotion" : "rejection");
  EXPECT_EQ(h.back()["who"], "test");
  EXPECT_FALSE(h.back()["why"].get<std::string>().empty());
  EXPECT_FALSE(h.back()["triggers"].empty());
}

TEST(RetrainCli, ACandidateNoBetterThanTheCurrentModelIsKeptButNotPromoted) {
  seatsync::test::TempDir reg;
  train(reg.path().string());  // retrain trains the same recipe on the same data: the same model again
  seatsync::ModelRegistry registry(reg.path());
  const auto current = *registry.latest("season", "demand");
  // Trained on everything, judged the day after its last one (same season): nothing fires.
  auto r = run_seatsync({"retrain", "--data", data_dir(), "--registry", reg.path().string(), "--if-needed",
                         "--today", "2026-11-30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("no retraining trigger fired"));
  EXPECT_EQ(history(reg.path().string()).back()["action"], "retrain_skipped");

  const std::string audit = (reg / "audit").string();
  r = run_seatsync({"retrain", "--data", data_dir(), "--registry", reg.path().string(), "--format", "json", "--audit", audit});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["promoted"].get<bool>()) << j.dump();
  EXPECT_THAT(j["decision"]["reason"].get<std::string>(), HasSubstr("does not beat"));
  EXPECT_EQ(*registry.latest("season", "demand"), current);
  const auto rejected = registry.show("season", "demand", j["version"].get<std::string>());
  EXPECT_EQ(rejected.metadata["status"], "rejected");
  EXPECT_FALSE(rejected.is_latest);
  EXPECT_EQ(history(reg.path().string()).back()["action"], "rejection");

  // Both the rejection and a rollback onto the rejected version reach the audit trail.
  r = run_seatsync({"models", "rollback", "--registry", reg.path().string(), "--to", j["version"].get<std::string>(),
                    "--why", "try it", "--audit", audit});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_seatsync({"audit", "--log", audit, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto records = nlohmann::json::parse(r.out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["kind"], "rejection");
  EXPECT_EQ(records[0]["from"], current.str());
  EXPECT_EQ(records[1]["kind"], "rollback");
  EXPECT_EQ(records[1]["version"], j["version"]);
  EXPECT_EQ(records[1]["why"], "try it");
}

TEST(RetrainCli, AKilledRetrainLeavesLatestPointingAtAWholeModel) {
  seatsync::test::TempDir reg;
  train(reg.path().string(), {"--as-of", season_start()});
  for (int delay_ms : {300, 1500, 3000}) {
    const int pid = seatsync::test::spawn_seatsync({"retrain", "--data", data_dir(), "--registry", reg.path().string()});
    ASSERT_GT(pid, 0);
    usleep(delay_ms * 1000);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    seatsync::ModelRegistry registry(reg.path());
    const auto loaded = registry.load("season", "demand");  // verifies the checksum
    EXPECT_FALSE(loaded.bytes->empty());
    for (const auto& e : registry.list()) EXPECT_NO_THROW(registry.load(e.scope, e.type, e.version.str()));
  }
}

TEST(DailyCli, RegistryAddsTheModelsSection) {
  seatsync::test::TempDir reg, out;
  train(reg.path().string(), {"--as-of", season_start()});
  const fs::path dir = out / "daily";
  auto r = run_seatsync({"daily", "--data", data_dir(), "--as-of", "2026-11-20", "--out", dir.string(), "--registry",
                         reg.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto models = nlohmann::json::parse(seatsync::test::read_file(dir / "models.json"));
  EXPECT_EQ(models["models"].size(), 1u);
  const auto index = seatsync::test::read_file(dir / "index.html");
  EXPECT_THAT(index, HasSubstr("<h2>Models</h2>"));
  EXPECT_THAT(index, HasSubstr("season/demand"));
}

}  // namespace
