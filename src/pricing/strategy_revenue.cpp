// revenue: the planner's closed-loop policy — the stochastic DP's price for the seats left, the
// days to go and the price in force. The default strategy.
#include <fmt/format.h>

#include "strategies.hpp"

namespace seatsync {

StrategyDecision revenue_decision(const StrategyContext& c) {
  if (!c.policy_price) {
    auto d = rule_based_decision(c);
    d.reasons.insert(d.reasons.begin(), "No planner policy for this situation: rule-based price");
    return d;
  }
  StrategyDecision d{*c.policy_price, "dp_policy", {}, {}};
  d.reasons.push_back(fmt::format("Revenue-maximising DP policy: {} with {} days to go at {:.0f}% sold",
                                  money(*c.policy_price), c.days_before, 100 * c.occupancy));
  return d;
}

namespace {

class RevenueStrategy : public PricingStrategy {
 public:
  std::string_view name() const override { return "revenue"; }
  StrategyDecision decide(const StrategyContext& c) const override { return revenue_decision(c); }
};

}  // namespace

std::unique_ptr<PricingStrategy> make_revenue_strategy() { return std::make_unique<RevenueStrategy>(); }

}  // namespace seatsync
