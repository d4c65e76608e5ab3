#pragma once
// The market simulator: writes a realistic season dataset in the public contract format
// together with the ground truth that generated it (truth.json), so that every model and
// policy can be scored against what really drives demand. See docs/simulator.md.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/truth.hpp"

namespace seatsync {

enum class Scenario { balanced, sellout, soft, shift, wtp2, wtp3, segments };
std::optional<Scenario> parse_scenario(std::string_view name);
std::string_view to_string(Scenario scenario);
// Every scenario name, in enum order (what `--scenario` accepts).
const std::vector<std::string>& scenario_names();

// The phenomena a simulated market shows. Each scenario is a set of these
// (scenario_options); a config may override them. All of them reach truth.json.
struct MarketOptions {
  double demand_scale = 1.0;  // S: multiplies every arrival rate
  // True WTP over the analyst's beliefs: the analyst rule does not know it, so above 1 the
  // history is priced far below what buyers would pay and codes sell out early (censored).
  double wtp_scale = 1.0;
  bool tier_time_effects = false;  // WTP moves towards game day differently by tier
  bool wtp_segments = false;       // WTP is a premium / price-sensitive mixture
  // Multipliers on arrivals and WTP for every game of the upcoming season (also its games
  // played before as_of, so the shift shows in recent history).
  double shift_arrivals = 1.0;
  double shift_wtp = 1.0;
};
MarketOptions scenario_options(Scenario scenario);
// Accepted ranges: demand_scale and wtp_scale within [kMinMarketScale, kMaxMarketScale],
// shift_arrivals and shift_wtp within [kMinMarketShift, kMaxMarketShift].
inline constexpr double kMinMarketScale = 0.05, kMaxMarketScale = 10.0;
inline constexpr double kMinMarketShift = 0.2, kMaxMarketShift = 5.0;
// Throws std::invalid_argument naming the option when a value is out of range.
void check_market_options(const MarketOptions& options);

struct SimulationConfig {
  int seasons = 3;                 // past, fully played seasons
  std::uint64_t seed = 42;
  Scenario scenario = Scenario::balanced;
  int games_per_season = 41;       // home games
  int upcoming_season_year = 2026; // the upcoming season starts in October of this year
  std::optional<MarketOptions> market;  // unset: scenario_options(scenario)
};

// The options a config simulates: its own, else its scenario's.
MarketOptions market_options(const SimulationConfig& config);

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
