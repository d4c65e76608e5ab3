// time_based: days-out multipliers ([strategy] time_based) on the price in force — early-bird
// discounts far out, a premium close to the game.
#include <fmt/format.h>

#include "strategies.hpp"

namespace seatsync {
namespace {

class TimeBasedStrategy : public PricingStrategy {
 public:
  std::string_view name() const override { return "time_based"; }
  StrategyDecision decide(const StrategyContext& c) const override {
    std::string what;
    const double base = base_price(c, what);
    double multiplier = 1.0;
    if (c.apply_seasonality)
      for (const auto& a : c.params->time_based)
        if (c.days_before >= a.days_from && c.days_before <= a.days_to) multiplier = a.multiplier;
    StrategyDecision d{base * multiplier, "time_based", {}, {}};
    if (!c.apply_seasonality)
      d.reasons.push_back(fmt::format("Time-based: days-out adjustments off (apply_seasonality): {} {}", what, money(base)));
    else
      d.reasons.push_back(fmt::format("Time-based: {} days out, x{:.2f} on {} {}", c.days_before, multiplier, what,
                                      money(base)));
    return d;
  }
};

}  // namespace

std::unique_ptr<PricingStrategy> make_time_based_strategy() { return std::make_unique<TimeBasedStrategy>(); }

}  // namespace seatsync
