#pragma once
// The daily run (thesis 5.5): every output an analyst opens in the morning, for every upcoming
// game, built in a staging directory and swapped into place at the end — a failed or killed run
// leaves the previous outputs as they were.
#include <filesystem>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/progress.hpp"

namespace seatsync {

struct DailyRunResult {
  std::size_t games = 0, plans = 0, significant = 0;
  std::vector<std::string> files;  // written, relative to the output directory
};

// Writes into `out` (replacing what a previous run put there): plans.json, guide.xlsx,
// guide.html, projection.xlsx (the next game; its inputs are editable), charts/*.svg and
// index.html linking them.
DailyRunResult run_daily(const Dataset& data, Date as_of, const std::filesystem::path& out,
                         const ProgressFn& progress = {});

// Replaces directory `target` by `staging` in one step where the filesystem allows it
// (renameat2 RENAME_EXCHANGE), then removes the old contents. Exposed for tests.
void swap_directory_into_place(const std::filesystem::path& staging, const std::filesystem::path& target);

}  // namespace seatsync
