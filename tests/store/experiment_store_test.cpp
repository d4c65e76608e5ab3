#include <gtest/gtest.h>

#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_store.hpp"
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "pg_test_server.hpp"
#include "store_backends.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

ExperimentEvent quote(const std::string& id, const std::string& unit) { return {id, "quote", unit, "", "2026-12-02T10:00:00Z", 0, 0.0, 50.0}; }
ExperimentEvent purchase(const std::string& id, const std::string& unit, int q, double revenue) {
  return {id, "purchase", unit, "", "2026-12-02T10:05:00Z", q, revenue, revenue / q};
}

TEST_P(StoreBackendTest, Experiments_CreatesListsStopsAndSurvivesReopening) {
  std::string id;
  {
    auto store = open_experiments();
    const Experiment e = store->create(experiment_from_json({{"name", "ML rollout"}, {"ml_traffic_percentage", 10}}));
    id = e.id;
    EXPECT_EQ(id.size(), 8u);
    ASSERT_EQ(store->list(true).size(), 1u);
    EXPECT_EQ(store->set_status(id, ExperimentStatus::stopped).status, ExperimentStatus::stopped);
    EXPECT_THROW(store->set_status(id, ExperimentStatus::running), std::invalid_argument);
    EXPECT_THROW(store->set_status("nope", ExperimentStatus::stopped), std::out_of_range);
  }
  auto again = open_experiments();
  EXPECT_TRUE(again->list(true).empty());
  const auto e = again->get(id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "ML rollout");
  EXPECT_EQ(e->arms[1].share, 0.1);
  EXPECT_FALSE(e->stopped_at.empty());
}

TEST_P(StoreBackendTest, Experiments_EventsAreCountedOnceAndABadBatchWritesNothing) {
  auto store = open_experiments();
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

TEST_P(StoreBackendTest, Experiments_QuotesAndBookingsByDayOverEveryExperiment) {
  auto store = open_experiments();
  const Experiment a = store->create(experiment_from_json({{"name", "a"}, {"ml_traffic_percentage", 50}}));
  const Experiment b = store->create(experiment_from_json({{"name", "b"}, {"ml_traffic_percentage", 50}}));
  auto at = [](ExperimentEvent e, const std::string& when) { e.at = when; return e; };
  store->record(a.id, {at(quote("q1", "u1"), "2026-12-01T09:00:00Z"), at(quote("q2", "u2"), "2026-12-01T23:59:59-05:00"),
                       at(purchase("p1", "u1", 2, 100), "2026-12-01T09:05:00Z"), quote("q3", "u3")});
  store->record(b.id, {at(quote("q1", "u9"), "2026-12-01T12:00:00Z"), at(quote("q4", "u9"), "2026-11-30T12:00:00Z")});
  const auto days = store->quote_days("2026-12-01", "2026-12-02");
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].day, "2026-12-01");  // the date as written, offset or not
  EXPECT_EQ(days[0].quotes, 3);
  EXPECT_EQ(days[0].bookings, 1);
  EXPECT_EQ(days[1].day, "2026-12-02");
  EXPECT_EQ(days[1].quotes, 1);
  EXPECT_TRUE(store->quote_days("2027-01-01", "2027-01-31").empty());
}

TEST_P(StoreBackendTest, Experiments_TwoConnectionsWritingTheSameEventsCountThemOnce) {
  auto a = open_experiments();
  auto b = open_experiments();
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

// Many writers at once — threads sharing one store and processes with their own — send
// overlapping batches (every event twice over): each is stored once, none is lost.
TEST_P(StoreBackendTest, Experiments_ConcurrentWritersLoseAndDoubleCountNothing) {
  const Experiment e = open_experiments()->create(experiment_from_json({{"name", "x"}, {"ml_traffic_percentage", 50}}));
  constexpr int kEvents = 600, kWriters = 4, kBatch = 25;
  const auto batch = [&](int writer, int b) {
    std::vector<ExperimentEvent> events;
    for (int i = 0; i < kBatch; ++i) {
      const int n = (b * kBatch + i + writer * 150) % kEvents;  // writers overlap by half
      events.push_back(n % 5 ? quote("e" + std::to_string(n), "u" + std::to_string(n % 31))
                             : purchase("e" + std::to_string(n), "u" + std::to_string(n % 31), 1 + n % 3, 40.0 + n));
    }
    return events;
  };
  const int batches = kEvents * 2 / kWriters / kBatch;  // each event sent twice in all
  std::vector<pid_t> children;
  for (int w = 0; w < 2; ++w) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        auto own = open_experiments();
        for (int b = 0; b < batches; ++b) own->record(e.id, batch(w, b));
      } catch (...) {
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  auto shared = open_experiments();
  std::vector<std::thread> threads;
  for (int w = 2; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      for (int b = 0; b < batches; ++b) shared->record(e.id, batch(w, b));
    });
  for (auto& t : threads) t.join();
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  long long events = 0, tickets = 0;
  double revenue = 0;
  for (const auto& t : shared->unit_totals(e.id)) {
    events += t.quotes + t.bookings;
    tickets += t.tickets;
    revenue += t.revenue;
  }
  EXPECT_EQ(events, kEvents);
  long long want_tickets = 0;
  double want_revenue = 0;
  for (int n = 0; n < kEvents; n += 5) want_tickets += 1 + n % 3, want_revenue += 40.0 + n;
  EXPECT_EQ(tickets, want_tickets);
  EXPECT_DOUBLE_EQ(revenue, want_revenue);
}

// The same events give the same totals, row for row, whichever backend holds them.
TEST(ExperimentStoreBackends, SameEventsGiveIdenticalTotals) {
  TempDir dir;
  auto sqlite = open_experiment_store((dir / "s.db").string());
  auto pg = open_experiment_store(fresh_postgres_database());
  const auto definition = experiment_from_json({{"name", "x"}, {"ml_traffic_percentage", 30}});
  const Experiment a = sqlite->create(definition), b = pg->create(definition);
  std::vector<ExperimentEvent> events;
  for (int n = 0; n < 300; ++n)
    events.push_back(n % 4 ? quote("e" + std::to_string(n), "Unit-" + std::to_string(n % 23))
                           : purchase("e" + std::to_string(n), "unit-" + std::to_string(n % 23), 1 + n % 4, 0.1 * n + 0.2));
  // Arms given explicitly: unassigned ones would be hashed with each experiment's own id.
  for (std::size_t n = 0; n < events.size(); ++n) events[n].arm = a.arms[n % a.arms.size()].name;
  sqlite->record(a.id, events);
  pg->record(b.id, events);
  const auto x = sqlite->unit_totals(a.id), y = pg->unit_totals(b.id);
  ASSERT_EQ(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i].arm, y[i].arm);
    EXPECT_EQ(x[i].unit, y[i].unit);
    EXPECT_EQ(x[i].quotes, y[i].quotes);
    EXPECT_EQ(x[i].bookings, y[i].bookings);
    EXPECT_EQ(x[i].tickets, y[i].tickets);
    EXPECT_DOUBLE_EQ(x[i].revenue, y[i].revenue);
    EXPECT_EQ(x[i].first_at, y[i].first_at);
    EXPECT_EQ(x[i].last_at, y[i].last_at);
  }
}

}  // namespace
}  // namespace seatsync::test
