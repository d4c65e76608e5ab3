// A simulated market on disk: the season directory plus truth.json beside it.
#include "seatsync/atomic_file.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync {

void write_simulation(const SimulatedMarket& market, const std::filesystem::path& dir,
                      const ProgressFn& progress) {
  write_season_dir(market.dataset, dir, progress);
  // Indented: people read the truth to understand a dataset, and it is small.
  write_file_atomic(dir / "truth.json", to_json(market.truth).dump(2) + "\n");
}

}  // namespace seatsync
