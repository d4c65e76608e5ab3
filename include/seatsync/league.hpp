#pragma once
// A league's daily run shared by workers on any number of machines (docs/scaling.md). Every
// team's season data is a store in its own PostgreSQL schema of one database (store.hpp,
// `?schema=NAME`); the job queue is a table of the league's own schema (migration 7).
// `daily --league` enqueues one job per team; each `worker` claims one at a time with
// SELECT … FOR UPDATE SKIP LOCKED, holds it under a lease it keeps extending while it works, and
// finishes it. A worker that dies stops extending: once the lease runs out any worker claims the
// job again, up to max_attempts.
#include <atomic>
#include <chrono>
#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seatsync/date.hpp"

namespace seatsync {

struct LeagueJob {
  std::int64_t id = 0;
  std::string run, team;  // team = the schema of the team's store
  Date as_of;
  std::string out_dir;    // the team's outputs go to out_dir/team
  int attempt = 0;        // 1 for the first claim; the lease is this attempt's
};

struct LeagueRunStatus {
  std::size_t queued = 0, running = 0, done = 0, failed = 0;
  std::size_t total() const { return queued + running + done + failed; }
  bool finished() const { return queued == 0 && running == 0; }
};

struct LeagueJobRecord {
  std::string team, status, worker, result, error;
  int attempts = 0;
  double seconds = 0;  // started to finished, of the last attempt
};

class LeagueQueue {
 public:
  virtual ~LeagueQueue() = default;
  // The schemas of this database holding a seatsync dataset, sorted.
  virtual std::vector<std::string> teams() = 0;
  // Enqueues one job per team for a new run and returns the run's id (e.g. 2025-01-15#3).
  // Throws std::invalid_argument for no teams or a team name that is not a schema name.
  virtual std::string enqueue(const std::vector<std::string>& teams, Date as_of, const std::string& out_dir,
                              int max_attempts) = 0;
  // Claims the oldest job that is queued or whose lease ran out, for `lease`; none = nothing
  // to claim now. A job whose lease ran out on its last attempt is marked failed instead.
  virtual std::optional<LeagueJob> claim(const std::string& worker, std::chrono::seconds lease) = 0;
  // Extends the lease; false when the job is no longer this attempt's (another worker took it
  // over after the lease ran out): the caller should stop and not report.
  virtual bool extend(const LeagueJob& job, std::chrono::seconds lease) = 0;
  // Finishes this attempt: done with a result (JSON text), or failed with an error (no retry:
  // an error is the data's or the code's and would repeat). False when the attempt lost its
  // lease meanwhile; the other attempt's outcome then stands.
  virtual bool finish(const LeagueJob& job, bool ok, const std::string& result_or_error) = 0;
  // Counts of a run's jobs by status; the latest run when `run` is empty.
  virtual LeagueRunStatus status(const std::string& run = {}) = 0;
  // A run's jobs by team, for reports.
  virtual std::vector<LeagueJobRecord> jobs(const std::string& run) = 0;
  // The latest run's id, or "" when there is none.
  virtual std::string latest_run() = 0;
  // Jobs queued or running, over every run: 0 means no worker has anything left to wait for.
  virtual std::size_t open_jobs() = 0;
};

// The queue of the league database at `url` (a postgresql:// URL; its schema, if given, is the
// league's). Migrates the schema when needed. Throws std::invalid_argument for a non-PostgreSQL
// location: a league spans machines, one SQLite file does not.
std::unique_ptr<LeagueQueue> open_league_queue(const std::string& url);

}  // namespace seatsync

namespace seatsync {

struct LeagueWorkerOptions {
  std::string id;                             // the worker's name in the queue (host:pid by default)
  std::chrono::seconds lease{30};             // extended every lease/3 while a job runs
  std::chrono::milliseconds poll{1000};       // wait between claims when nothing is claimable
  bool exit_when_idle = false;                // stop once no job of any run is queued or running
  std::size_t max_jobs = 0;                   // stop after this many jobs (0 = no limit)
};

struct LeagueWorkerStats {
  std::size_t done = 0, failed = 0;
  std::size_t lost = 0;  // finished after another worker had taken the job over: not reported
};

// Runs `job_body` on each claimed job until `stop` is set (checked between jobs) or, with
// exit_when_idle, nothing is left. `job_body` returns the result (JSON text) or throws: its
// message fails the job. `url` is the league database; the worker opens two connections, one
// for claiming and finishing and one for the lease's heartbeat.
using LeagueJobBody = std::function<std::string(const LeagueJob&)>;
LeagueWorkerStats run_league_worker(const std::string& url, const LeagueWorkerOptions& options,
                                    const LeagueJobBody& job_body, const std::atomic<bool>& stop);

}  // namespace seatsync
