#include <gtest/gtest.h>

#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_store.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;

namespace {

ExperimentEvent quote(const std::string& id, const std::string& unit) { return {id, "quote", unit, "", "2026-12-02T10:00:00Z", 0, 0.0, 50.0}; }
ExperimentEvent purchase(const std::string& id, const std::string& unit, int q, double revenue) {
  return {id, "purchase", unit, "", "2026-12-02T10:05:00Z", q, revenue, revenue / q};
}

}  // namespace

TEST(SqliteExperimentStore, CreatesListsStopsAndSurvivesReopening) {
  TempDir dir;
  std::string id;
  {
    auto store = open_sqlite_experiment_store(dir / "s.db");
    const Experiment e = store->create(experiment_from_json({{"name", "ML rollout"}, {"ml_traffic_percentage", 10}}));
    id = e.id;
    EXPECT_EQ(id.size(), 8u);
    ASSERT_EQ(store->list(true).size(), 1u);
    EXPECT_EQ(store->set_status(id, ExperimentStatus::stopped).status, ExperimentStatus::stopped);
    EXPECT_THROW(store->set_status(id, ExperimentStatus::running), std::invalid_argument);
    EXPECT_THROW(store->set_status("nope", ExperimentStatus::stopped), std::out_of_range);
  }
  auto again = open_sqlite_experiment_store(dir / "s.db");
  EXPECT_TRUE(again->list(true).empty());
  const auto e = again->get(id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "ML rollout");
  EXPECT_EQ(e->arms[1].share, 0.1);
  EXPECT_FALSE(e->stopped_at.empty());
}

TEST(SqliteExperimentStore, EventsAreCountedOnceAndABadBatchWritesNothing) {
  TempDir dir;
  auto store = open_sqlite_experiment_store(dir / "s.db");
  const Experiment e = store->create(experiment_from_json({{"name", "x"}, {"ml_traffic_percentage", 50}}));
  const std::vector<ExperimentEvent> batch{quote("q1", "u1"), quote("q2", "u1"), purchase("p1", "u1", 2, 120)};
  auto first = store->record(e.id, batch);
  EXPECT_EQ(first.inserted, 3u);
  auto second = store->record(e.id, batch);  // a client retrying after a timeout
  EXPECT_EQ(second.inserted, 0u);
  EXPECT_EQ(second.duplicates, 3u);
  // One bad event refuses the whole batch, including its good ones.
  EXPECT_THROW(store->record(e.id, {quote("q3", "u2"), purchase("p2", "u2", 0, 10)}), std::invalid_argument);
  const auto totals = store->unit_totals(e.id);
  ASSERT_EQ(totals.size(), 1u);
  EXPECT_EQ(totals[0].unit, "u1");
  EXPECT_EQ(totals[0].arm, assign_arm(e, "u1").name);  // no arm given: the hash's
  EXPECT_EQ(totals[0].quotes, 2);
  EXPECT_EQ(totals[0].bookings, 1);
  EXPECT_EQ(totals[0].tickets, 2);
  EXPECT_DOUBLE_EQ(totals[0].revenue, 120);
}

TEST(SqliteExperimentStore, TwoConnectionsWritingTheSameEventsCountThemOnce) {
  TempDir dir;
  auto a = open_sqlite_experiment_store(dir / "s.db");
  auto b = open_sqlite_experiment_store(dir / "s.db");
  const Experiment e = a->create(experiment_from_json({{"name", "x"}, {"ml_traffic_percentage", 50}}));
  std::vector<ExperimentEvent> events;
  for (int i = 0; i < 200; ++i) events.push_back(quote("q" + std::to_string(i), "u" + std::to_string(i % 17)));
  const auto ra = a->record(e.id, events);
  const auto rb = b->record(e.id, events);
  EXPECT_EQ(ra.inserted + rb.inserted, 200u);
  long long quotes = 0;
  for (const auto& t : b->unit_totals(e.id)) quotes += t.quotes;
  EXPECT_EQ(quotes, 200);
}
