// The daily report's "Secondary market" section: there when the data have listings (with its
// chart written and linked), absent — with no chart and no word of it — when they have none.
#include <gtest/gtest.h>

#include "seatsync/daily_run.hpp"
#include "seatsync/simulator.hpp"
#include "test_support.hpp"

using namespace seatsync;
namespace fs = std::filesystem;

TEST(DailyRunMarket, ASectionWhenListingsExistAndNoneOtherwise) {
  const SimulatedMarket& market = test::one_season_market();
  ASSERT_FALSE(market.dataset.listings.empty());
  test::TempDir dir;
  const auto with = run_daily(market.dataset, market.truth.as_of, dir / "with");
  const std::string index = test::read_file(dir / "with" / "index.html");
  EXPECT_NE(index.find("<h2>Secondary market</h2>"), std::string::npos);
  EXPECT_NE(index.find("class=\"bar\""), std::string::npos);  // the histogram inline
  for (const char* f : {"charts/market-histogram.svg", "charts/market-histogram-by-group.svg",
                        "charts/market-histogram-by-bucket.svg"}) {
    EXPECT_TRUE(fs::exists(dir / "with" / f)) << f;
    EXPECT_NE(index.find(f), std::string::npos) << "index.html does not link " << f;
  }

  Dataset none = market.dataset;
  none.listings.clear();
  const auto without = run_daily(none, market.truth.as_of, dir / "without");
  const std::string plain = test::read_file(dir / "without" / "index.html");
  EXPECT_EQ(plain.find("Secondary market"), std::string::npos);
  EXPECT_EQ(plain.find("market-histogram"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "without" / "charts/market-histogram.svg"));
  EXPECT_EQ(without.files.size() + 3, with.files.size());
  // The rest of the run does not read listings: the same plans either way.
  EXPECT_EQ(test::read_file(dir / "without" / "plans.json"), test::read_file(dir / "with" / "plans.json"));
}
