#pragma once
// The strategy implementations (one file each) and what they share.
#include <memory>
#include <string>

#include "seatsync/pricing_strategy.hpp"

namespace seatsync {

std::unique_ptr<PricingStrategy> make_revenue_strategy();
std::unique_ptr<PricingStrategy> make_competitive_strategy();
std::unique_ptr<PricingStrategy> make_time_based_strategy();
std::unique_ptr<PricingStrategy> make_psychological_strategy();
std::unique_ptr<PricingStrategy> make_rule_based_strategy();

// "$1,234.50"
std::string money(double dollars);
// The revenue strategy's decision (the policy, or the rule without one): what the other
// strategies start from or fall back to.
StrategyDecision revenue_decision(const StrategyContext& context);
// The price a multiplier strategy starts from: the price in force, else the policy's, else the
// code's historical average; `what` receives its name for the reasons.
double base_price(const StrategyContext& context, std::string& what);

}  // namespace seatsync
