// rule_based: seed 003's multiplier logic, kept as the baseline experiments compare against.
// price = (market median, else the base price) × a demand factor from the ML conversion
// probability (its ml_elasticity path; 1 without a model) × an occupancy factor.
#include <fmt/format.h>

#include "strategies.hpp"

namespace seatsync {

StrategyDecision rule_based_decision(const StrategyContext& c) {
  const auto& p = *c.params;
  StrategyDecision d;
  std::string what;
  double base = base_price(c, what);
  if (c.market) {
    base = c.market->p50;
    what = "the market median";
  }
  double factor = 1.0;
  if (c.conversion_probability) {
    const double q = *c.conversion_probability;
    factor = q > 0.7 ? 1.2 : q > 0.5 ? 1.1 : q > 0.3 ? 1.0 : 0.9;
    d.method = "ml_elasticity";
    d.reasons.push_back(fmt::format("ML elasticity rule (conversion prob: {:.1f}%): x{:.1f} on {} {}", 100 * q,
                                    factor, what, money(base)));
    d.reasons.push_back(std::string("Predicted demand: ") + (q > 0.7 ? "High" : q > 0.3 ? "Medium" : "Low"));
  } else {
    d.method = "rule_based";
    d.reasons.push_back(fmt::format("Rule-based: {} {}{}", what, money(base),
                                    c.conversion_unavailable.empty() ? "" : " (" + c.conversion_unavailable + ")"));
  }
  if (c.occupancy >= p.rule_high_occupancy) {
    factor *= p.rule_high_factor;
    d.reasons.push_back(fmt::format("High occupancy {:.0f}%: x{:.2f}", 100 * c.occupancy, p.rule_high_factor));
  } else if (c.apply_seasonality && c.occupancy < p.rule_low_occupancy && c.days_before <= p.rule_last_minute_days) {
    factor *= p.rule_low_factor;
    d.reasons.push_back(fmt::format("Low occupancy {:.0f}% with {} days to go: x{:.2f}", 100 * c.occupancy,
                                    c.days_before, p.rule_low_factor));
  }
  d.target = base * factor;
  return d;
}

namespace {

class RuleBasedStrategy : public PricingStrategy {
 public:
  std::string_view name() const override { return "rule_based"; }
  StrategyDecision decide(const StrategyContext& c) const override { return rule_based_decision(c); }
};

}  // namespace

std::unique_ptr<PricingStrategy> make_rule_based_strategy() { return std::make_unique<RuleBasedStrategy>(); }

}  // namespace seatsync
