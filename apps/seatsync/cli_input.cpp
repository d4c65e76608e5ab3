// How every command reads its input: warnings (an unknown params.toml key is usually a typo)
// are printed whatever the command, not only by `validate`, and --strict turns them into a
// refusal, for scripts that would rather stop than run on a silently ignored setting.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include <iostream>
#include <stdexcept>

#include "cli.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync::cli {
namespace {
bool strict_input = false;
}  // namespace

void set_strict(bool strict) { strict_input = strict; }

void report_input_warnings(const std::vector<Diagnostic>& warnings) {
  for (const auto& w : warnings) std::cerr << w.format() << '\n';
  if (strict_input && !warnings.empty())
    throw std::invalid_argument(
        fmt::format("--strict: {} warning(s) about the input (above); nothing was done", warnings.size()));
}

Dataset load_input(const DataSource& source) {
  std::vector<Diagnostic> warnings;
  Dataset data = load_dataset(source, &warnings);
  report_input_warnings(warnings);
  return data;
}

Dataset load_input_dir(const std::filesystem::path& dir, const CsvFormat& format) {
  std::vector<Diagnostic> warnings;
  Dataset data = load_season_dir(dir, &warnings, format);
  report_input_warnings(warnings);
  return data;
}

void warn_if_nothing_planned(const Dataset& data, Date as_of, std::size_t games_planned) {
  if (games_planned > 0) return;
  if (data.inventory.empty()) {
    spdlog::warn("nothing to plan: the data has no inventory.csv rows (the upcoming games' seats left and prices)");
    return;
  }
  Date last = data.games[data.inventory.front().game].date;
  for (const auto& row : data.inventory) last = std::max(last, data.games[row.game].date);
  spdlog::warn("nothing to plan: every game in inventory.csv was played before --as-of {} (the last on {})",
               as_of.str(), last.str());
}

}  // namespace seatsync::cli
