#pragma once
// Thompson sampling over a menu of prices for one (game, price code). Each menu price is an arm
// with a Beta posterior on the probability that an arriving order buys at that price (a quote
// shown and accepted, or not). A decision samples every arm's probability and then either
//  - plain TS: charges the arm whose sampled reward per arrival, (price + λ) × P(buy) × tickets
//    per order, is highest; or
//  - inventory-aware TS (Ferreira, Simchi-Levi & Wang 2018, "Online network revenue management
//    using Thompson sampling"): solves the LP "maximise reward per arrival subject to selling at
//    most the seats per expected arrival" over mixes of arms on the sampled probabilities, and
//    charges an arm drawn from the LP's mix. TS-fixed uses the seats per arrival of the first
//    decision; TS-update re-solves with the seats left over the arrivals still expected.
// The price charged always passes enforce_price() from the price in force. A menu price beyond
// the change limit is approached: the bandit charges the reachable menu price nearest to it (and
// learns about that one); when no menu price is reachable it charges the valid price nearest to
// the target, off the menu, and learns nothing from it. See docs/bandit.md.
#include <cstddef>
#include <optional>
#include <random>
#include <span>
#include <vector>

#include "seatsync/price_constraints.hpp"

namespace seatsync {

// A Beta(alpha, beta) belief about P(an arriving order buys) at one price.
struct BetaBelief {
  double alpha = 1.0, beta = 1.0;
  double mean() const { return alpha / (alpha + beta); }
};
// Beta(n q, n (1 − q)): as much belief as n observed arrivals, centred on q (q clamped into
// [0.005, 0.995] so that neither parameter vanishes). n must be > 0.
BetaBelief informed_belief(double purchase_probability, double pseudo_arrivals);

// The inventory-aware LP of one product: max Σ x_k reward_k subject to Σ x_k demand_k ≤ capacity,
// Σ x_k = 1, x ≥ 0 (there is no "stop selling" price: some menu price is always offered). With
// two constraints a basic solution mixes at most two arms, so the exact optimum is found by
// enumerating the vertices: single arms with demand ≤ capacity, and pairs straddling the
// capacity mixed to meet it. When even the least-demanded arm exceeds the capacity the LP is
// infeasible and the answer is that arm alone (the closest to feasible).
struct ArmMix {
  std::size_t first = 0, second = 0;
  double first_weight = 1.0;  // P(first); second gets the rest (first == second: one arm)
  double value = 0.0;         // the LP's objective
};
// Spans of equal, non-zero length and finite values, else std::invalid_argument.
ArmMix solve_price_lp(std::span<const double> reward, std::span<const double> demand, double capacity);

enum class BanditRule {
  thompson,          // the arm with the highest sampled reward
  inventory_fixed,   // TS-fixed: the LP at the seats per expected arrival of the first decision
  inventory_update,  // TS-update: the LP at the seats left over the arrivals still expected
};

// What a decision sees.
struct BanditState {
  int seats_left = 0;
  double arrivals_ahead = 0.0;      // expected arriving orders from now to game day (the LP's time)
  std::optional<double> in_force;   // the price in force: the change limit is relative to it
  // When set, the price also stays within the change limit of this price (the one in force when
  // the bucket opened): decisions taken daily then move no further over a bucket than one
  // per-bucket decision may, the constraint every other policy of the backtest meets.
  std::optional<double> period_anchor;
};

struct BanditOptions {
  BanditRule rule = BanditRule::thompson;
  double mean_order_size = 1.0;    // tickets per order: turns P(buy) into seats for the LP
  double attendance_weight = 0.0;  // λ: the reward of a ticket is its price + λ
};

class PriceBandit {
 public:
  // `menu`: ascending, distinct prices, each valid under `constraints`; `prior`: one belief per
  // price. Anything else throws std::invalid_argument.
  PriceBandit(std::vector<double> menu, std::vector<BetaBelief> prior, PriceConstraints constraints,
              BanditOptions options = {});

  struct Choice {
    double price = 0.0;               // what to charge: enforce_price() from the price in force
    std::size_t target = 0;           // the arm the sample (through the LP) chose
    std::optional<std::size_t> arm;   // the arm charged; none when the price is off the menu
  };
  Choice choose(const BanditState& state, std::mt19937_64& rng);

  // `orders` of the `arrivals` who saw `price` bought. Credited to the arm at that price; false
  // (nothing learnt) when no arm has it. Counts must satisfy 0 ≤ orders ≤ arrivals.
  bool observe(double price, int arrivals, int orders);

  // Between periods whose demand differs (a new bucket): a new prior, and the evidence so far
  // kept at weight `keep` in [0, 1] (1: all of it), so that older periods count for less.
  void reset_prior(std::vector<BetaBelief> prior);
  void discount_evidence(double keep);

  BetaBelief posterior(std::size_t arm) const;
  const std::vector<double>& menu() const { return menu_; }

 private:
  std::size_t reachable_arm(std::size_t target, const PriceBounds& bounds) const;
  PriceBounds bounds_of(const BanditState& state) const;

  std::vector<double> menu_;
  std::vector<BetaBelief> prior_;
  std::vector<double> successes_, failures_;  // evidence per arm (discounted)
  PriceConstraints constraints_;
  BanditOptions options_;
  std::optional<double> fixed_capacity_;  // TS-fixed: seats per arrival at the first decision
};

}  // namespace seatsync
