// /score keeps the running experiments for --experiments-refresh: this replica's own /ab writes
// apply at once, another replica's within the refresh time, and 0 reads them on every request.
#include <gtest/gtest.h>

#include <thread>

#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_store.hpp"
#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;

namespace {

const std::string kKey = "refresh-key-0123456789abcdef";

ServerSetup replica(const std::string& db, std::chrono::milliseconds refresh) {
  ServerSetup s{.options = {.api_key_values = {kKey}, .experiments_db = db}};
  s.options.experiments_refresh = refresh;
  return s;
}

// The experiment /score put session s1 in, or null.
json experiment_of(RunningServer& s) {
  const auto r = s.client().request("POST", "/score", score_body({{"entity", {{"sessionId", "s1"}}}}).dump(), {});
  EXPECT_EQ(r.status, 200) << r.body;
  return json::parse(r.body)["safety"]["ab_experiment_id"];
}

const json kExperiment{{"name", "refresh"}, {"randomization_unit", "session"}, {"ml_traffic_percentage", 50}};

TEST(RunningExperiments, OwnWritesApplyAtOnceOthersWithinTheRefresh) {
  TempDir dir;
  const std::string db = (dir / "ab.db").string();
  RunningServer cached(replica(db, std::chrono::hours(1))), uncached(replica(db, std::chrono::milliseconds(0)));
  EXPECT_TRUE(experiment_of(cached).is_null());  // read (and kept) while there is none

  // Created through this replica's route: applies at once, however long the refresh.
  const auto r = cached.client().request("POST", "/ab/experiments", kExperiment.dump(), {{"authorization", "Bearer " + kKey}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = json::parse(r.body)["experiment_id"];
  EXPECT_EQ(experiment_of(cached), id);
  EXPECT_EQ(experiment_of(uncached), id);

  // Stopped by another process: the replica that reads every request sees it now, the other
  // keeps its list until the refresh.
  open_experiment_store(db)->set_status(id, ExperimentStatus::stopped);
  EXPECT_TRUE(experiment_of(uncached).is_null());
  EXPECT_EQ(experiment_of(cached), id);
}

TEST(RunningExperiments, AnotherReplicasChangeAppliesOnceTheRefreshTimeHasPassed) {
  TempDir dir;
  const std::string db = (dir / "ab.db").string();
  RunningServer s(replica(db, std::chrono::milliseconds(200)));
  EXPECT_TRUE(experiment_of(s).is_null());
  const std::string id = open_experiment_store(db)->create(experiment_from_json(kExperiment)).id;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(experiment_of(s), id);
}

}  // namespace
