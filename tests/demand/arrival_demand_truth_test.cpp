// The demand the stochastic planner learns from sales, scored against the simulator's truth:
// for every upcoming game, expected orders per bucket at prices around the true median WTP.
// Censored history (codes selling out early) must not bias it: that is what unconstraining
// and the game multipliers are for.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "seatsync/arrival_demand.hpp"
#include "seatsync/simulator.hpp"

using namespace seatsync;

namespace {

struct Score {
  // [bucket][k]: Σ fitted / Σ true expected orders over upcoming games and codes at price
  // kPriceFactors[k] × the true median WTP.
  std::vector<std::vector<double>> ratio;
};
const double kPriceFactors[] = {0.7, 1.0, 1.4};

Score score(const SimulatedMarket& market, int tier_filter = 0) {
  const auto& data = market.dataset;
  const auto& truth = market.truth;
  ArrivalFitOptions options;
  options.as_of = truth.as_of;
  const auto fitted = ArrivalDemandModel::fit(data, options);
  const std::size_t B = truth.buckets.size();
  std::vector<std::vector<double>> fit_sum(B, std::vector<double>(3)), true_sum(B, std::vector<double>(3));
  for (GameIndex g = 0; g < data.games.size(); ++g) {
    if (!is_upcoming(truth, g) || (tier_filter && data.games[g].tier != tier_filter)) continue;
    const int tier = data.games[g].tier;
    const double multiplier = fitted.game_demand(g).multiplier;
    for (CodeIndex c = 0; c < data.codes.size(); ++c)
      for (std::size_t b = 0; b < B; ++b)
        for (int k = 0; k < 3; ++k) {
          const double p = kPriceFactors[k] * median_wtp(truth, g, c, b);
          fit_sum[b][k] += fitted.arrivals(tier, c, b) * multiplier * fitted.purchase_probability(tier, c, b, p);
          true_sum[b][k] += expected_arrivals(truth, g, c, b) * purchase_probability(truth, g, c, b, p);
        }
  }
  const auto& r = fitted.groups()[0];
  std::printf("elasticity %.3f curvature %.3f measured %d sigma %.3f z %.3f; season level %.3f\n", r.elasticity,
              r.curvature, r.measured, r.wtp_sigma, r.price_position, fitted.season_level());
  Score s;
  s.ratio.assign(B, std::vector<double>(3));
  for (std::size_t b = 0; b < B; ++b)
    for (int k = 0; k < 3; ++k) s.ratio[b][k] = fit_sum[b][k] / true_sum[b][k];
  return s;
}

void print(const char* name, const Score& s) {
  std::printf("%s: fitted / true expected orders per bucket at 0.7, 1.0, 1.4 × the true median WTP\n", name);
  for (std::size_t b = 0; b < s.ratio.size(); ++b)
    std::printf("  bucket %zu: %.3f %.3f %.3f\n", b, s.ratio[b][0], s.ratio[b][1], s.ratio[b][2]);
}

SimulatedMarket simulate(Scenario scenario, std::uint64_t seed) {
  SimulationConfig config;
  config.scenario = scenario;
  config.seed = seed;
  return simulate_market(config);
}

}  // namespace

// At the true median, where the planner prices most, the learned demand of the upcoming games
// is within 15% of the truth in every bucket of every scenario, sold-out ones included.
TEST(ArrivalDemandTruth, UpcomingGamesDemandNearTheMedianMatchesTheTruth) {
  for (Scenario scenario : {Scenario::balanced, Scenario::sellout, Scenario::soft}) {
    const auto s = score(simulate(scenario, 42));
    print(std::string(to_string(scenario)).c_str(), s);
    for (std::size_t b = 1; b < s.ratio.size(); ++b) {
      EXPECT_GT(s.ratio[b][1], 0.85) << to_string(scenario) << " bucket " << b;
      EXPECT_LT(s.ratio[b][1], 1.15) << to_string(scenario) << " bucket " << b;
    }
  }
}

// Saturated history (buyers would pay 2-3× what history charged; nearly every arrival bought) is
// read as such: history's prices sit low in the fitted WTP, so the planner prices up. (Replacing
// the weak response by a default elasticity, as before, put the median WTP near history's price.)
TEST(ArrivalDemandTruth, SaturatedHistoryPlacesTheMedianWellAboveItsPrices) {
  auto median_over_reference = [](const SimulatedMarket& market) {
    ArrivalFitOptions options;
    options.as_of = market.truth.as_of;
    const auto fitted = ArrivalDemandModel::fit(market.dataset, options);
    double sum = 0;
    for (CodeIndex c = 0; c < market.dataset.codes.size(); ++c) sum += fitted.median_wtp(3, c, 3) / fitted.reference_price(c);
    return sum / static_cast<double>(market.dataset.codes.size());
  };
  const double balanced = median_over_reference(simulate(Scenario::balanced, 42));
  const double wtp3 = median_over_reference(simulate(*parse_scenario("wtp3"), 42));
  std::printf("fitted median WTP / reference price, tier 3, bucket 15-30: balanced %.2f, wtp3 %.2f\n", balanced, wtp3);
  EXPECT_LT(balanced, 1.3);
  EXPECT_GT(wtp3, 1.5 * balanced);
}

// The in-season update on a season that departs from history (the shift scenario: this season's
// arrivals ×1.3 and WTP ×1.2): the season's volume level, every upcoming game's multiplier and
// the season's WTP all move up; in a season like history they stay near where they were.
TEST(ArrivalDemandTruth, ShiftedSeasonRaisesTheUpcomingGamesDemand) {
  struct Update {
    double level, games, wtp;
  };
  auto upcoming = [](const SimulatedMarket& market) {
    ArrivalFitOptions options;
    options.as_of = market.truth.as_of;
    const auto fitted = ArrivalDemandModel::fit(market.dataset, options);
    double sum = 0, n = 0;
    for (GameIndex g = 0; g < market.dataset.games.size(); ++g)
      if (is_upcoming(market.truth, g)) sum += fitted.game_demand(g).multiplier, n += 1;
    return Update{fitted.season_level(), sum / n, std::exp(fitted.season_wtp_shift())};
  };
  const auto balanced = upcoming(simulate(Scenario::balanced, 7));
  const auto shift = upcoming(simulate(*parse_scenario("shift"), 7));
  std::printf("season level / mean upcoming multiplier / WTP factor: balanced %.2f / %.2f / %.2f, shift %.2f / %.2f / %.2f\n",
              balanced.level, balanced.games, balanced.wtp, shift.level, shift.games, shift.wtp);
  EXPECT_NEAR(balanced.level, 1.0, 0.1);
  EXPECT_NEAR(balanced.games, 1.0, 0.1);
  EXPECT_NEAR(balanced.wtp, 1.0, 0.1);
  EXPECT_GT(shift.level, 1.15);
  EXPECT_GT(shift.games, 1.15);
  EXPECT_GT(shift.wtp, 1.05);
  // Together: far more orders expected at history's prices than history's own games drew.
  EXPECT_GT(shift.games * shift.wtp, 1.4);
}
