// The worker loop: claim, run while a heartbeat keeps the lease, finish; repeat.
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "seatsync/league.hpp"

namespace seatsync {
namespace {

// Extends the lease of `job` every lease/3 on a connection of its own until destroyed. When
// the lease turns out to be lost (another worker took the job over), it says so and stops.
class Heartbeat {
 public:
  Heartbeat(LeagueQueue& queue, const LeagueJob& job, std::chrono::seconds lease)
      : thread_([this, &queue, job, lease] {
          std::unique_lock lock(mutex_);
          while (!stop_cv_.wait_for(lock, lease / 3, [this] { return stopping_; })) {
            lock.unlock();
            bool ours = true;
            try {
              ours = queue.extend(job, lease);
            } catch (const std::exception& e) {
              // The database may be back before the lease runs out: keep trying.
              spdlog::warn("job {} ({}): cannot extend the lease: {}", job.id, job.team, e.what());
            }
            lock.lock();
            if (!ours) {
              spdlog::warn("job {} ({}): the lease ran out and another worker took the job over", job.id, job.team);
              return;
            }
          }
        }) {}
  ~Heartbeat() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    stop_cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members it uses exist
};

}  // namespace

LeagueWorkerStats run_league_worker(const std::string& url, const LeagueWorkerOptions& options,
                                    const LeagueJobBody& job_body, const std::atomic<bool>& stop) {
  const auto queue = open_league_queue(url), heartbeat_queue = open_league_queue(url);
  LeagueWorkerStats stats;
  while (!stop && (options.max_jobs == 0 || stats.done + stats.failed + stats.lost < options.max_jobs)) {
    const auto job = queue->claim(options.id, options.lease);
    if (!job) {
      if (options.exit_when_idle && queue->open_jobs() == 0) break;
      std::this_thread::sleep_for(options.poll);
      continue;
    }
    spdlog::info("job {}: team {} as of {} (run {}, attempt {})", job->id, job->team, job->as_of.str(), job->run, job->attempt);
    bool ok = true;
    std::string outcome;
    {
      Heartbeat heartbeat(*heartbeat_queue, *job, options.lease);
      try {
        outcome = job_body(*job);
      } catch (const std::exception& e) {
        ok = false;
        outcome = e.what();
      }
    }
    if (!queue->finish(*job, ok, outcome)) {
      ++stats.lost;
      spdlog::warn("job {} ({}): finished after its lease was taken over; the other attempt's outcome stands", job->id, job->team);
    } else if (ok) {
      ++stats.done;
    } else {
      ++stats.failed;
      spdlog::error("job {} ({}) failed: {}", job->id, job->team, outcome);
    }
  }
  return stats;
}

}  // namespace seatsync
