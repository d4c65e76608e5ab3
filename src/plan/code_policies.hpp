#pragma once
// Pieces shared by seatsync's own policies and the backtest's oracle policies.
#include <optional>
#include <vector>

#include "seatsync/planner.hpp"

namespace seatsync {

// A solved stochastic DP as a closed-loop rule: the table's price at the seats left, made valid
// against the constraints from the price in force. `first` = the bucket the table starts at.
class StochasticCodePolicy : public CodePolicy {
 public:
  StochasticCodePolicy(StochasticPolicy policy, std::size_t first, PriceConstraints c)
      : policy_(std::move(policy)), first_(first), c_(c) {}
  double price(std::size_t bucket, int seats_left, std::optional<double> previous) const override {
    return enforce_price(policy_.price(bucket - first_, seats_left), c_, previous);
  }

 private:
  StochasticPolicy policy_;
  std::size_t first_;
  PriceConstraints c_;
};

// Tickets demanded in a bucket (compound Poisson), with demand beyond the seats left folded
// into "all seats": it sells the same, and the DP's cost grows with the pmf's length.
std::vector<double> bucket_demand_pmf(double order_rate, const std::vector<double>& size_pmf, int seats);

}  // namespace seatsync
