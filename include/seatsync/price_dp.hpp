#pragma once
// The price-planning dynamic programs over (time bucket, seats remaining). Pure algorithms:
// the caller supplies the demand per bucket; see src/plan/ and docs/planning.md.
#include <cstddef>
#include <vector>

namespace seatsync {

struct PlannedBucket {
  double price = 0.0;
  double expected_quantity = 0.0;  // tickets expected to sell in the bucket at `price`
  double expected_revenue = 0.0;   // price × expected_quantity
};

struct PricePlanResult {
  std::vector<PlannedBucket> buckets;  // [0] = the current bucket
  double objective = 0.0;              // expected revenue + attendance_weight × expected tickets
  double expected_revenue = 0.0;
  double expected_tickets = 0.0;
};

// ---- Deterministic DP (thesis 3.1-3.2, Algorithm 1) ---------------------------------------

// One bucket of the thesis's Demand Matrix row: the price at which exactly q tickets sell.
struct QuantityPrices {
  // prices[q - 1] = price to sell q tickets (q = 1 … prices.size()); a non-finite entry means
  // "q tickets cannot be sold at an allowed price" and is never chosen.
  std::vector<double> prices;
  // The price quoted when the plan sells nothing in the bucket (thesis 3.2.1: the row's maximum).
  double hold_price = 0.0;
};

// Chooses q_t per bucket to maximise Σ_t (price_t(q_t) + attendance_weight) · q_t with
// Σ q_t <= seats, by backward induction over arrays: O(T · S · K) time (T buckets, S seats,
// K = the quantities a bucket can sell), O(T · S) memory for the decisions. Ties (within 1e-12
// relative) go to selling fewer tickets now, at the higher price.
PricePlanResult solve_deterministic(const std::vector<QuantityPrices>& buckets, int seats,
                                    double attendance_weight = 0.0);

// ---- Stochastic DP (beyond the thesis) ----------------------------------------------------

// One bucket's options: candidate prices and, for each, the distribution of tickets demanded
// in the bucket at that price (demand_pmf[k][d] = P(D = d); the last entry may hold the tail
// mass P(D >= last index)).
struct BucketDemand {
  std::vector<double> prices;
  std::vector<std::vector<double>> demand_pmf;
};

// The optimal policy under uncertainty: V_t(s) = max_k E[(p_k + w) · min(D_k, s) +
// V_{t+1}(s − min(D_k, s))], V_T = 0. O(T · S · P · D) time (P prices, D = pmf support),
// O(T · S) memory for the policy. Ties (within 1e-12 relative) go to the higher price; at most
// 65,535 prices per bucket.
class StochasticPolicy {
 public:
  static StochasticPolicy solve(const std::vector<BucketDemand>& buckets, int seats, double attendance_weight = 0.0);

  // The price index to set in bucket t with s seats left (s in 0 … seats).
  std::size_t choice(std::size_t bucket, int seats_left) const;
  double price(std::size_t bucket, int seats_left) const;
  // Expected objective from bucket t on with s seats left.
  double value(std::size_t bucket, int seats_left) const;

  // The plan as reported: each bucket's price at the expected remaining seats (rounded),
  // with expected quantity E[min(D, s)] and revenue.
  PricePlanResult expected_plan(int seats_left) const;

 private:
  std::vector<BucketDemand> buckets_;
  int seats_ = 0;
  double attendance_weight_ = 0.0;
  std::vector<std::vector<double>> value_;             // [t][s], t = 0 … T
  std::vector<std::vector<unsigned short>> choice_;    // [t][s]
};

// ---- Stochastic DP with the price in force in the state ------------------------------------

// The same program when the price may only move to some prices from the one in force (a change
// limit), so the price in force is part of the state: (bucket t, seats s, price index j), one
// price grid shared by every bucket.
//   V_T(s, j) = 0,   V_t(s, j) = max over k in reachable[j] of C_t(s, k),
//   C_t(s, k) = (p_k + w) · E[min(D_k, s)] + E[V_{t+1}(s − min(D_k, s), k)].
// C_t(·, k) is the plain DP's candidate with V_{t+1}(·, k) as continuation, so the costly part is
// unchanged, O(T · S · P · D); the max adds O(T · S · Σ_j |reachable[j]|). Memory: the choice per
// (t, j, s) as unsigned short, and two value layers.
// Ties (within 1e-12 relative) go to keeping the price in force (when reachable), then to the
// higher price. `hold_margin` h >= 0 is hysteresis: the price in force is kept unless the best
// move gains more than h × C_t(s, j) — h = 0 is the exact optimum; h > 0 stops noise-level gains
// from flipping a price back and forth, and the DP accounts for it in later buckets. With h > 0,
// where fewer than 0.05 tickets are expected to sell in the bucket at both the price in force and
// the best move, the price in force is kept as well (a change there only repositions for later).
// An extra state j = prices.size() ("free") has no price in force: every price is reachable.
class ChangeLimitedPolicy {
 public:
  // reachable[j]: the price indices bucket t may set when price j is in force (one list per price).
  static ChangeLimitedPolicy solve(const std::vector<BucketDemand>& buckets, int seats,
                                   const std::vector<std::vector<std::size_t>>& reachable,
                                   double attendance_weight = 0.0, double hold_margin = 0.0);

  const std::vector<double>& prices() const { return prices_; }
  std::size_t free_state() const { return prices_.size(); }
  // The price index to set in bucket t with s seats left and price index j in force (or free_state()).
  std::size_t choice(std::size_t bucket, int seats_left, std::size_t in_force) const;
  double price(std::size_t bucket, int seats_left, std::size_t in_force) const;
  // Expected objective from bucket 0 on, before its price is set.
  double value(int seats_left, std::size_t in_force) const;
  // E[min(D_k, s)] in bucket t: tickets expected to sell at price index k with s seats left.
  double expected_sales(std::size_t bucket, std::size_t k, int seats_left) const;

 private:
  std::vector<BucketDemand> buckets_;
  std::vector<double> prices_;
  int seats_ = 0;
  std::vector<double> value_;                          // [j][s] at bucket 0, j = 0 … P (free)
  std::vector<std::vector<unsigned short>> choice_;    // [t][j · (S + 1) + s]
};

// The distribution of tickets demanded in a bucket when orders arrive as Poisson(order_rate)
// and order sizes follow size_pmf (size_pmf[k] = P(size = k + 1)): compound Poisson by
// Panjer's recursion, truncated where the remaining tail mass is below `tail`, the tail mass
// added to the last entry.
std::vector<double> compound_poisson_pmf(double order_rate, const std::vector<double>& size_pmf, double tail = 1e-9);

}  // namespace seatsync
