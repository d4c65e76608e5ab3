#pragma once
// Pieces shared by seatsync's own policies and the backtest's oracle policies.
#include <optional>
#include <vector>

#include "seatsync/planner.hpp"

namespace seatsync {

// The grid the change-limited DP plans on: `points` geometric prices over [lo, hi] (price_grid),
// made denser when needed so that consecutive prices are at most half a change limit apart (else
// the DP could not move at all under a tight limit; at most kMaxLimitedGridPoints), plus the
// price in force made valid, so that keeping it is always an option.
constexpr int kMaxLimitedGridPoints = 400;
std::vector<double> limited_price_grid(const PriceConstraints& c, double lo, double hi, int points,
                                       std::optional<double> in_force);
// reachable[j] = the grid prices a bucket may set when grid[j] is in force (price_bounds).
std::vector<std::vector<std::size_t>> reachable_prices(const std::vector<double>& grid, const PriceConstraints& c);

// A solved change-limited DP as a closed-loop rule. The price in force selects the state: a grid
// price exactly, no price the free state, and a price off the grid (set by hand) the nearest grid
// price; the quote is then made valid from the real price in force.
class ChangeLimitedCodePolicy : public CodePolicy {
 public:
  ChangeLimitedCodePolicy(ChangeLimitedPolicy policy, std::size_t first, PriceConstraints c)
      : policy_(std::move(policy)), first_(first), c_(c) {}
  double price(std::size_t bucket, int seats_left, std::optional<double> previous) const override {
    return enforce_price(policy_.price(bucket - first_, seats_left, state_of(previous)), c_, previous);
  }
  std::vector<double> candidates() const override { return policy_.prices(); }
  std::size_t state_of(std::optional<double> previous) const;
  const ChangeLimitedPolicy& table() const { return policy_; }
  std::size_t first_bucket() const { return first_; }

 private:
  ChangeLimitedPolicy policy_;
  std::size_t first_;
  PriceConstraints c_;
};

// Tickets demanded in a bucket (compound Poisson), with demand beyond the seats left folded
// into "all seats": it sells the same, and the DP's cost grows with the pmf's length.
std::vector<double> bucket_demand_pmf(double order_rate, const std::vector<double>& size_pmf, int seats);
// E[min(D, seats)]: the tickets a demand pmf sells with `seats` left.
double expected_sales(const std::vector<double>& pmf, int seats);

}  // namespace seatsync
