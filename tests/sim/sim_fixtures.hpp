#pragma once
// Shared by the simulator tests: markets simulated once per test binary (each takes a
// fraction of a second, and most tests only read them) and row-by-row comparisons.
#include <gtest/gtest.h>

#include "dataset_compare.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync::test {

// The default configuration (3 past seasons, seed 42) under `scenario`, simulated once.
const SimulatedMarket& default_market(Scenario scenario = Scenario::balanced);

// Tickets sold per (game, code), indexed game * codes + code.
std::vector<int> tickets_sold(const Dataset& data);

// The sizes docs/simulator.md tabulates per scenario, over the games played by as_of.
struct ScenarioStats {
  double mean = 0;            // mean sell-through of played games
  double share_70_95 = 0;     // share of played games selling 70-95%
  double sold_out_early = 0;  // share of played (game, code) pairs sold out before game day
};
ScenarioStats scenario_stats(const SimulatedMarket& market);

}  // namespace seatsync::test
