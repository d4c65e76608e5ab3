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

}  // namespace seatsync::test
