#pragma once
// The league side of `seatsync daily` (--league) and `seatsync worker` (docs/scaling.md).
#include <filesystem>
#include <string>

#include "seatsync/league.hpp"

namespace seatsync::cli {

// One team's daily run as a worker does it: the team's store (the league URL with the job's
// schema), its outputs written atomically under out_dir/team. Returns the result as JSON text.
std::string run_team_daily(const std::string& league_url, const LeagueJob& job);

// Waits for `run` to finish, drawing progress; prints a line per team. True when every job is done.
bool wait_for_league_run(LeagueQueue& queue, const std::string& run);

}  // namespace seatsync::cli
