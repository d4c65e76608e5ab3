// The first invariant through the price bandit (issue 19, section 4): random menus (grids of
// random constraints), priors, rules (plain, inventory-aware fixed and updated), states (seats,
// arrivals, a price in force inside or far outside the bounds or none, a bucket's anchor) and
// learning in between: every price charged keeps the constraints from the price in force and,
// with an anchor whose band holds the price in force, from the anchor too (price_bandit.hpp). Fixed seed; SEATSYNC_INVARIANT_SCALE scales the count.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "price_invariant.hpp"
#include "random_price_inputs.hpp"
#include "seatsync/price_bandit.hpp"

using namespace seatsync;
using seatsync::test::price_violation;
using seatsync::test::RandomPriceInputs;
using seatsync::test::scaled_cases;

TEST(PriceBanditInvariant, EveryChargedPriceKeepsItsConstraints) {
  RandomPriceInputs in(0x19e1);
  const int bandits = scaled_cases(2000), decisions = 50;
  long long choices = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int b = 0; b < bandits; ++b) {
    const auto c = in.constraints();
    const double top = c.ceiling.value_or(c.floor * 3 + 100);
    const auto menu = price_grid(c, c.floor, top, in.between(1, 12));
    std::vector<BetaBelief> prior;
    for (std::size_t k = 0; k < menu.size(); ++k) prior.push_back(informed_belief(in.unit(), 0.5 + 50 * in.unit()));
    BanditOptions options;
    options.rule = static_cast<BanditRule>(in.rng()() % 3);
    options.mean_order_size = 1 + 3 * in.unit();
    options.attendance_weight = in.chance(0.5) ? 0.0 : 40 * in.unit();
    PriceBandit bandit(menu, prior, c, options);
    BanditState state;
    state.seats_left = in.between(0, 200);
    state.arrivals_ahead = in.chance(0.1) ? 0.0 : 1000 * in.unit();
    state.in_force = in.in_force(c);
    for (int d = 0; d < decisions; ++d) {
      state.period_anchor = in.chance(0.3) ? in.in_force(c) : std::nullopt;
      const auto choice = bandit.choose(state, in.rng());
      ++choices;
      ASSERT_EQ(price_violation(choice.price, c, state.in_force), "") << "bandit " << b << " decision " << d;
      // The anchor's limit applies when the price in force is inside the anchor's band (so the
      // two bands meet); a price in force outside it (set by hand) leaves only its own limit.
      if (state.period_anchor && state.in_force && price_violation(*state.in_force, c, state.period_anchor).empty())
        ASSERT_EQ(price_violation(choice.price, c, state.period_anchor), "") << "anchor: bandit " << b << " decision " << d;
      const int arrivals = in.between(0, 20);
      bandit.observe(choice.price, arrivals, in.between(0, arrivals));
      if (in.chance(0.05)) bandit.discount_evidence(in.unit());
      state.in_force = in.chance(0.9) ? std::optional<double>(choice.price) : in.in_force(c);
      state.seats_left = std::max(0, state.seats_left - in.between(0, 5));
      state.arrivals_ahead = std::max(0.0, state.arrivals_ahead - 20 * in.unit());
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "[invariant] PriceBandit: %d bandits, %lld prices charged and checked in %.2f s\n", bandits, choices, s);
}

// Regression (found by the test above): the price was re-rounded by enforce_price from the price
// in force after being chosen within both bands, so an anchor band reduced to the floor ($156.65,
// off the $5 grid; the anchor $84.88 lay below the floor) gave $160, the grid value next to the
// floor — past the anchor's limit. The floor is the answer.
TEST(PriceBanditInvariant, AnchorBandAtAnOffGridFloorIsNotReRoundedAway) {
  const PriceConstraints c{156.65, 400.0, 0.2, Rounding::five_dollar};
  PriceBandit bandit({160.0, 200.0}, {informed_belief(0.5, 10), informed_belief(0.5, 10)}, c);
  std::mt19937_64 rng(1);
  const BanditState state{.seats_left = 50, .arrivals_ahead = 100, .in_force = 156.65, .period_anchor = 84.88};
  for (int i = 0; i < 20; ++i) {
    const auto choice = bandit.choose(state, rng);
    EXPECT_EQ(choice.price, 156.65);
    EXPECT_EQ(price_violation(choice.price, c, state.period_anchor), "");
    EXPECT_EQ(price_violation(choice.price, c, state.in_force), "");
  }
}
