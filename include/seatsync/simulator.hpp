#pragma once
// The market simulator: writes a realistic season dataset in the public contract format
// together with the ground truth that generated it (truth.json), so that every model and
// policy can be scored against what really drives demand. See docs/simulator.md.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "seatsync/dataset.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/truth.hpp"

namespace seatsync {

enum class Scenario { balanced, sellout, soft };
std::optional<Scenario> parse_scenario(std::string_view name);
std::string_view to_string(Scenario scenario);

struct SimulationConfig {
  int seasons = 3;                 // past, fully played seasons
  std::uint64_t seed = 42;
  Scenario scenario = Scenario::balanced;
  int games_per_season = 41;       // home games
  int upcoming_season_year = 2026; // the upcoming season starts in October of this year
};

struct SimulatedMarket {
  Dataset dataset;    // past seasons + the upcoming season's sales so far and inventory
  MarketTruth truth;  // everything that generated it
};

// Deterministic per config (same config, same bytes on every run and machine).
SimulatedMarket simulate_market(const SimulationConfig& config, const ProgressFn& progress = {});

// Writes the dataset (write_season_dir) and truth.json into `dir`, each file atomically.
void write_simulation(const SimulatedMarket& market, const std::filesystem::path& dir,
                      const ProgressFn& progress = {});

}  // namespace seatsync
