// psychological: the revenue strategy's price as a charm price (.99 / .95 endings) just below
// it; the constraints are then enforced on the charm grid.
#include <fmt/format.h>

#include <cmath>

#include "strategies.hpp"

namespace seatsync {
namespace {

class PsychologicalStrategy : public PricingStrategy {
 public:
  std::string_view name() const override { return "psychological"; }
  StrategyDecision decide(const StrategyContext& c) const override {
    auto d = revenue_decision(c);
    const double base = d.target;
    // The .99 ending at or below the price: 205.50 -> 204.99, 206.00 -> 205.99.
    const double charm = std::max(0.99, std::floor(base + 0.01) - 0.01);
    d.target = charm;
    d.rounding = Rounding::charm;
    d.reasons.push_back(fmt::format("Psychological: charm price {} for {}", money(charm), money(base)));
    return d;
  }
};

}  // namespace

std::unique_ptr<PricingStrategy> make_psychological_strategy() { return std::make_unique<PsychologicalStrategy>(); }

}  // namespace seatsync
