#include "league_run.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli.hpp"
#include "seatsync/daily_run.hpp"
#include "seatsync/store.hpp"

namespace seatsync::cli {

std::string run_team_daily(const std::string& league_url, const LeagueJob& job) {
  const auto start = std::chrono::steady_clock::now();
  const std::filesystem::path out = std::filesystem::path(job.out_dir) / job.team;
  output_directory(out);  // refused before any work, as `daily` does
  const Dataset data = open_store(postgres_url_with_schema(league_url, job.team))->load();
  const auto r = run_daily(data, job.as_of, out);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("team {}: {} price plans for {} upcoming games in {:.2f} s -> {}", job.team, r.plans, r.games, seconds,
               out.string());
  return nlohmann::json{{"games", r.games}, {"plans", r.plans}, {"significant", r.significant},
                        {"seconds", seconds}, {"out", out.string()}}
      .dump();
}

bool wait_for_league_run(LeagueQueue& queue, const std::string& run) {
  const ProgressFn progress = terminal_progress();
  for (;;) {
    const LeagueRunStatus s = queue.status(run);
    report(progress, "league run " + run, s.done + s.failed, s.total());
    if (s.finished()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  bool all_done = true;
  for (const auto& j : queue.jobs(run)) {
    std::cout << j.team << "\t" << j.status << "\tattempts " << j.attempts << "\t" << j.worker;
    if (j.status == "done") {
      const auto r = nlohmann::json::parse(j.result);
      std::cout << "\t" << r["plans"] << " plans\t" << r["out"].get<std::string>();
    } else {
      std::cout << "\t" << j.error;
      all_done = false;
    }
    std::cout << "\n";
  }
  return all_done;
}

}  // namespace seatsync::cli
