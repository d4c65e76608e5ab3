#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "seatsync/price_bandit.hpp"

using namespace seatsync;

namespace {

PriceConstraints open_constraints() {
  PriceConstraints c;
  c.floor = 10;
  c.rounding = Rounding::none;
  return c;
}

// Plays `rounds` single-arrival decisions against true purchase probabilities; returns the
// regret against always charging the best menu price (expected revenue per arrival).
double regret(PriceBandit& bandit, const std::vector<double>& buy, int rounds, std::mt19937_64& rng) {
  double best = 0;
  for (std::size_t k = 0; k < buy.size(); ++k) best = std::max(best, bandit.menu()[k] * buy[k]);
  double earned = 0;
  std::bernoulli_distribution coin;
  for (int t = 0; t < rounds; ++t) {
    const auto choice = bandit.choose({1000, 1000.0, std::nullopt, std::nullopt}, rng);
    const std::size_t arm = *choice.arm;
    const bool bought = std::bernoulli_distribution(buy[arm])(rng);
    earned += buy[arm] * choice.price;  // expected, so the regret measures the choices only
    bandit.observe(choice.price, 1, bought ? 1 : 0);
  }
  return best * rounds - earned;
}

}  // namespace

TEST(PriceLp, KnownVertices) {
  // Ample capacity: the best single arm. Scarce: mix the two arms straddling the capacity.
  const std::vector<double> reward{5.0, 6.0, 4.0}, demand{0.5, 0.3, 0.1};
  const auto ample = solve_price_lp(reward, demand, 1.0);
  EXPECT_EQ(ample.first, 1u);
  EXPECT_DOUBLE_EQ(ample.value, 6.0);
  const auto scarce = solve_price_lp(reward, demand, 0.2);  // arm 1 (0.3) and arm 2 (0.1), half each
  EXPECT_NEAR(scarce.value, 5.0, 1e-12);
  const double w = scarce.first_weight;
  const double mixed_demand = scarce.first == 1 ? w * 0.3 + (1 - w) * 0.1 : w * 0.1 + (1 - w) * 0.3;
  EXPECT_NEAR(mixed_demand, 0.2, 1e-12);
  EXPECT_THROW(solve_price_lp(reward, std::vector<double>{0.1}, 1.0), std::invalid_argument);
}

TEST(PriceBandit, ConcentratesOnTheBestPrice) {
  std::mt19937_64 rng(7);
  const std::vector<double> menu{20, 40, 60, 80};
  const std::vector<double> buy{0.9, 0.7, 0.5, 0.1};  // revenue per arrival 18, 28, 30, 8
  PriceBandit bandit(menu, std::vector<BetaBelief>(4), open_constraints());
  regret(bandit, buy, 3000, rng);
  int best = 0;
  for (int i = 0; i < 200; ++i) best += bandit.choose({1000, 1000.0, std::nullopt, std::nullopt}, rng).price == 60;
  EXPECT_GT(best, 120);  // the posterior has settled on $60 (a near tie with $40 keeps some doubt)
}

TEST(PriceBandit, RegretGrowsSublinearly) {
  const std::vector<double> menu{20, 40, 60, 80};
  const std::vector<double> buy{0.9, 0.7, 0.5, 0.1};
  double short_run = 0, long_run = 0;
  for (int seed = 0; seed < 20; ++seed) {
    std::mt19937_64 a(seed), b(seed + 1000);
    PriceBandit x(menu, std::vector<BetaBelief>(4), open_constraints()), y(menu, std::vector<BetaBelief>(4), open_constraints());
    short_run += regret(x, buy, 500, a);
    long_run += regret(y, buy, 2000, b);
  }
  EXPECT_LT(long_run, 3.0 * short_run);  // linear regret would be 4×
}

TEST(PriceBandit, InventoryAwareRulePricesHigherWhenSeatsAreScarce) {
  const std::vector<double> menu{20, 40, 60, 80};
  std::vector<BetaBelief> sure;
  for (double q : {0.9, 0.7, 0.5, 0.1}) sure.push_back(informed_belief(q, 1e6));  // known demand
  BanditOptions o;
  o.rule = BanditRule::inventory_update;
  PriceBandit bandit(menu, sure, open_constraints(), o);
  std::mt19937_64 rng(3);
  double ample = 0, scarce = 0;
  for (int i = 0; i < 400; ++i) {
    ample += bandit.choose({1000, 100.0, std::nullopt, std::nullopt}, rng).price;
    scarce += bandit.choose({5, 100.0, std::nullopt, std::nullopt}, rng).price;
  }
  EXPECT_NEAR(ample / 400, 60.0, 1e-9);  // seats for everyone: the revenue-maximising price
  EXPECT_GT(scarce / 400, 75.0);         // 5 seats for 100 arrivals: mostly the top price
}

TEST(PriceBandit, EveryPriceKeepsTheConstraints) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    PriceConstraints c;
    c.floor = 10 + 90 * u(rng);
    c.ceiling = c.floor * (1.2 + 3 * u(rng));
    c.max_change = u(rng) < 0.2 ? 0.0 : 0.05 + 0.3 * u(rng);
    c.rounding = u(rng) < 0.5 ? Rounding::whole_dollar : Rounding::five_dollar;
    std::vector<double> menu;
    for (double p = std::ceil(c.floor / 5) * 5; p <= *c.ceiling && menu.size() < 8; p += 5) menu.push_back(p);
    if (menu.size() < 2) continue;
    BanditOptions o;
    o.rule = trial % 2 ? BanditRule::inventory_update : BanditRule::thompson;
    PriceBandit bandit(menu, std::vector<BetaBelief>(menu.size()), c, o);
    std::optional<double> in_force = c.floor + (*c.ceiling - c.floor) * u(rng);
    in_force = enforce_price(*in_force, c, std::nullopt);
    for (int step = 0; step < 30; ++step) {
      const auto choice = bandit.choose({50, 200.0, in_force, std::nullopt}, rng);
      ASSERT_TRUE(std::isfinite(choice.price));
      EXPECT_GE(choice.price, c.floor - 1e-9);
      EXPECT_LE(choice.price, *c.ceiling + 1e-9);
      EXPECT_TRUE(price_bounds(c, in_force).contains(choice.price)) << choice.price << " from " << *in_force;
      EXPECT_DOUBLE_EQ(enforce_price(choice.price, c, in_force), choice.price);
      bandit.observe(choice.price, 3, static_cast<int>(u(rng) * 3.99));
      in_force = choice.price;
    }
  }
}
