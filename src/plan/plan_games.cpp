// Planning a whole season: every requested game × code (sold-out ones included), on both cores.
#include <algorithm>
#include <atomic>
#include <mutex>

#include "parallel_for.hpp"
#include "seatsync/planner.hpp"

namespace seatsync {

PlanSet plan_games(const Dataset& data, Date as_of, const std::vector<GameIndex>& games, const ProgressFn& progress) {
  const Planner planner(data, as_of, data.params.plan);
  return plan_games(data, planner, as_of, games, progress);
}

PlanSet plan_games(const Dataset& data, const Planner& planner, Date as_of, const std::vector<GameIndex>& games,
                   const ProgressFn& progress) {
  PlanSet set;
  set.as_of = as_of;
  set.method = planner.method();

  std::vector<GameIndex> wanted = games;
  if (wanted.empty()) {
    for (const auto& row : data.inventory)
      if (data.games[row.game].date >= as_of &&
          std::find(wanted.begin(), wanted.end(), row.game) == wanted.end())
        wanted.push_back(row.game);
    std::sort(wanted.begin(), wanted.end(),
              [&](GameIndex a, GameIndex b) { return data.games[a].date < data.games[b].date; });
  }
  set.games.resize(wanted.size());
  for (std::size_t i = 0; i < wanted.size(); ++i) set.games[i].game = wanted[i];

  // The work: one (game, code) per inventory row; a sold-out one gets its "sold out" plan.
  struct Job {
    std::size_t game_slot;
    InventoryRow row;
  };
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < wanted.size(); ++i)
    for (const auto& row : data.inventory)
      if (row.game == wanted[i]) jobs.push_back({i, row});

  std::vector<CodePlan> results(jobs.size());
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  parallel_for(jobs.size(), [&](std::size_t j) {
    const auto& row = jobs[j].row;
    results[j] = planner.plan(row.game, row.code, row.remaining, row.current_price, as_of);
    const std::size_t finished = ++done;
    std::lock_guard lock(progress_mutex);
    report(progress, "plan", finished, jobs.size());
  });

  for (std::size_t j = 0; j < jobs.size(); ++j) set.games[jobs[j].game_slot].plans.push_back(std::move(results[j]));
  return set;
}

}  // namespace seatsync
