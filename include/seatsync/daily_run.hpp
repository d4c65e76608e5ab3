#pragma once
// The daily run (thesis 5.5): every output an analyst opens in the morning, for every upcoming
// game, built in a staging directory and swapped into place at the end — a failed or killed run
// leaves the previous outputs as they were.
#include <filesystem>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/progress.hpp"

namespace seatsync {

struct DailyRunResult {
  std::size_t games = 0, plans = 0, significant = 0;
  std::vector<std::string> files;  // written, relative to the output directory
  PlanSet planned;                 // the plans written to plans.json (for the audit trail)
};

// Writes into `out` (replacing what a previous run put there): plans.json, guide.xlsx,
// guide.html, projection.xlsx (the next game; its inputs are editable), charts/*.svg,
// index.html linking them, and last the manifest listing them. `out` must pass
// output_directory (checked before any work is done).
// With `models` (the monitor's report), also models.json and a "Models" section in index.html.
struct MonitorReport;
DailyRunResult run_daily(const Dataset& data, Date as_of, const std::filesystem::path& out,
                         const ProgressFn& progress = {}, const MonitorReport* models = nullptr);

// The manifest every daily output directory holds, written last: the files seatsync wrote
// there. Only a directory with a manifest and nothing beyond it is ever replaced.
inline constexpr const char* kOutputManifest = ".seatsync-manifest.json";

// The directory a run may write its outputs to, given `--out`: `out` itself when it does not
// exist yet, else the directory it names (symbolic links followed). Throws
// std::invalid_argument (bad input: exit 2) when `out` is an existing file, is or holds the
// current directory or is a mount point (a directory replaced as a whole cannot be either),
// or holds anything seatsync did not write (no manifest, or entries the manifest does not
// list; an output of a seatsync without manifests is recognised by its fixed file names, of
// which plans.json, guide.xlsx, guide.html and index.html must all be there).
std::filesystem::path output_directory(const std::filesystem::path& out);
// Writes the manifest of `dir` listing `files` (relative paths).
void write_output_manifest(const std::filesystem::path& dir, const std::vector<std::string>& files, Date as_of);

// Replaces directory `target` by `staging` in one step where the filesystem allows it
// (renameat2 RENAME_EXCHANGE), then removes the old contents. Exposed for tests.
void swap_directory_into_place(const std::filesystem::path& staging, const std::filesystem::path& target);

}  // namespace seatsync
