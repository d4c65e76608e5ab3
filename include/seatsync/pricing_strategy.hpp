#pragma once
// The live pricing strategies of seed 000 — revenue (the planner's policy), competitive,
// time_based, psychological — and seed 003's rule-based multiplier logic, the baseline an
// experiment compares against. Each proposes a target price and says why; the caller then
// makes it valid (enforce_price), so no strategy can break a constraint.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/market_summary.hpp"
#include "seatsync/params.hpp"
#include "seatsync/price_constraints.hpp"

namespace seatsync {

struct StrategyContext {
  // The planner's policy read at the actual state; nullopt when there is none (no policy for
  // the code, or the request turned learned models off).
  std::optional<double> policy_price;
  std::optional<double> price_in_force;
  double reference_price = 0.0;  // the code's average historical price per order
  PriceConstraints constraints;
  int days_before = 0;
  double occupancy = 0.0;                     // share of the code's seats sold
  std::optional<MarketSummary> market;        // when the request lets competitors count
  std::optional<double> conversion_probability;  // the ML conversion model's, when loaded
  std::string conversion_unavailable;         // why there is none (a reason for a person)
  bool apply_seasonality = true;              // days-out adjustments on or off
  const StrategyParams* params = nullptr;
};

struct StrategyDecision {
  double target = 0.0;  // before the constraints
  // safety.pricing_method: "dp_policy", "ml_elasticity" or "rule_based".
  std::string method;
  std::vector<std::string> reasons;
  std::optional<Rounding> rounding;  // a strategy's own rounding rule (psychological: charm)
};

class PricingStrategy {
 public:
  virtual ~PricingStrategy() = default;
  virtual std::string_view name() const = 0;
  virtual StrategyDecision decide(const StrategyContext& context) const = 0;
};

// The registered strategies by name ("revenue", "competitive", "time_based", "psychological",
// "rule_based"); nullptr for another name.
const PricingStrategy* find_strategy(std::string_view name);
std::vector<std::string_view> strategy_names();

// Seed 003's rule: the baseline every strategy falls back to when its own input is missing.
StrategyDecision rule_based_decision(const StrategyContext& context);

}  // namespace seatsync
