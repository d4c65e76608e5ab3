// The league job queue on a real PostgreSQL server: each job claimed by one worker at a time,
// leases that run out hand the job to another claim, and a stale attempt cannot overwrite the
// outcome of the attempt that took over.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "pg_test_server.hpp"
#include "seatsync/league.hpp"

using namespace seatsync;
using namespace std::chrono_literals;

namespace {

const Date kAsOf = *Date::parse("2025-01-15");

TEST(LeagueQueue, EnqueueNumbersRunsAndClaimsInOrder) {
  auto q = open_league_queue(test::fresh_postgres_database());
  EXPECT_EQ(q->latest_run(), "");
  const std::string run = q->enqueue({"b", "a"}, kAsOf, "/out", 3);
  EXPECT_EQ(run, "2025-01-15#1");
  EXPECT_EQ(q->enqueue({"a"}, kAsOf, "/out", 3), "2025-01-15#2");
  EXPECT_EQ(q->latest_run(), "2025-01-15#2");
  const auto first = q->claim("w", 30s);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->team, "b");  // oldest first, as enqueued
  EXPECT_EQ(first->run, run);
  EXPECT_EQ(first->attempt, 1);
  EXPECT_EQ(first->as_of, kAsOf);
  EXPECT_EQ(first->out_dir, "/out");
  const LeagueRunStatus s = q->status(run);
  EXPECT_EQ(s.running, 1u);
  EXPECT_EQ(s.queued, 1u);
  EXPECT_EQ(q->open_jobs(), 3u);
  EXPECT_TRUE(q->finish(*first, true, R"({"plans":1})"));
  EXPECT_FALSE(q->finish(*first, true, "{}"));  // once only
  EXPECT_EQ(q->status(run).done, 1u);
}

TEST(LeagueQueue, RefusesBadInput) {
  auto q = open_league_queue(test::fresh_postgres_database());
  EXPECT_THROW(q->enqueue({}, kAsOf, "/out", 3), std::invalid_argument);
  EXPECT_THROW(q->enqueue({"Team-1"}, kAsOf, "/out", 3), std::invalid_argument);
  EXPECT_THROW(q->enqueue({"a"}, kAsOf, "/out", 0), std::invalid_argument);
  EXPECT_THROW(open_league_queue("/tmp/league.db"), std::invalid_argument);
}

TEST(LeagueQueue, ConcurrentClaimersNeverShareAJob) {
  const std::string url = test::fresh_postgres_database();
  std::vector<std::string> teams;
  for (int i = 0; i < 60; ++i) teams.push_back("t" + std::to_string(i));
  open_league_queue(url)->enqueue(teams, kAsOf, "/out", 3);
  std::mutex m;
  std::multiset<std::string> claimed;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&, w] {
      auto q = open_league_queue(url);
      while (auto job = q->claim("w" + std::to_string(w), 30s)) {
        EXPECT_TRUE(q->finish(*job, true, "{}"));
        std::lock_guard lock(m);
        claimed.insert(job->team);
      }
    });
  for (auto& t : workers) t.join();
  ASSERT_EQ(claimed.size(), teams.size());
  for (const auto& t : teams) EXPECT_EQ(claimed.count(t), 1u) << t;
  EXPECT_EQ(open_league_queue(url)->status().done, teams.size());
}

TEST(LeagueQueue, AnExpiredLeaseIsTakenOverAndTheStaleAttemptLosesItsSay) {
  const std::string url = test::fresh_postgres_database();
  auto q = open_league_queue(url);
  const std::string run = q->enqueue({"a"}, kAsOf, "/out", 3);
  const auto stale = q->claim("dead", 1s);
  ASSERT_TRUE(stale);
  EXPECT_FALSE(q->claim("other", 30s));  // leased: not claimable
  EXPECT_TRUE(q->extend(*stale, 1s));
  std::this_thread::sleep_for(1200ms);
  const auto fresh = q->claim("other", 30s);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->id, stale->id);
  EXPECT_EQ(fresh->attempt, 2);
  EXPECT_FALSE(q->extend(*stale, 30s));
  EXPECT_FALSE(q->finish(*stale, false, "late"));
  EXPECT_TRUE(q->finish(*fresh, true, "{}"));
  const auto jobs = q->jobs(run);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].status, "done");
  EXPECT_EQ(jobs[0].worker, "other");
  EXPECT_EQ(jobs[0].attempts, 2);
}

TEST(LeagueQueue, AJobWhoseWorkersKeepDyingFailsAfterItsLastAttempt) {
  auto q = open_league_queue(test::fresh_postgres_database());
  const std::string run = q->enqueue({"a"}, kAsOf, "/out", 2);
  ASSERT_TRUE(q->claim("dead1", 1s));
  std::this_thread::sleep_for(1200ms);
  ASSERT_TRUE(q->claim("dead2", 1s));
  std::this_thread::sleep_for(1200ms);
  EXPECT_FALSE(q->claim("w", 30s));
  const auto jobs = q->jobs(run);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].status, "failed");
  EXPECT_NE(jobs[0].error.find("2 attempt"), std::string::npos) << jobs[0].error;
  EXPECT_EQ(q->open_jobs(), 0u);
}

}  // namespace
