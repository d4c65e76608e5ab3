// write_simulation: a directory the public loader accepts, with truth.json beside it.
#include <gtest/gtest.h>

#include "seatsync/diagnostics.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/simulator.hpp"
#include "sim_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync {
namespace {

TEST(WriteSimulation, DatasetValidatesInMemory) {
  Diagnostics diag;
  validate_dataset(test::default_market().dataset, diag);
  for (const Diagnostic& d : diag.items()) ADD_FAILURE() << d.format();
  EXPECT_FALSE(diag.has_errors());
}

TEST(WriteSimulation, LoaderReadsBackTheSameRows) {
  for (Scenario scenario : {Scenario::balanced, Scenario::sellout, Scenario::soft}) {
    const SimulatedMarket& market = test::default_market(scenario);
    test::TempDir dir;
    write_simulation(market, dir.path());
    std::vector<Diagnostic> warnings;
    Dataset loaded;
    ASSERT_NO_THROW(loaded = load_season_dir(dir.path(), &warnings)) << to_string(scenario);
    for (const Diagnostic& w : warnings) ADD_FAILURE() << w.format();
    test::expect_same_dataset(market.dataset, loaded);
    EXPECT_EQ(to_json(load_truth(dir / "truth.json")), to_json(market.truth));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      const std::string name = entry.path().filename().string();
      EXPECT_TRUE(name == "truth.json" || name.ends_with(".csv")) << "stray file " << name;
    }
  }
}

TEST(WriteSimulation, RewritingIsByteIdentical) {
  const SimulatedMarket& market = test::default_market();
  test::TempDir a, b;
  write_simulation(market, a.path());
  write_simulation(simulate_market(SimulationConfig{}), b.path());
  for (const char* name : {"games.csv", "seats.csv", "transactions.csv", "inventory.csv", "listings.csv", "truth.json"})
    EXPECT_EQ(test::read_file(a / name), test::read_file(b / name)) << name;
}

}  // namespace
}  // namespace seatsync
