// competitive: position against the market median — match it, or undercut / charge a premium
// by a configured share. Without market data it is the revenue strategy, and says so.
#include <fmt/format.h>

#include "strategies.hpp"

namespace seatsync {
namespace {

class CompetitiveStrategy : public PricingStrategy {
 public:
  std::string_view name() const override { return "competitive"; }
  StrategyDecision decide(const StrategyContext& c) const override {
    if (!c.market) {
      auto d = revenue_decision(c);
      d.reasons.insert(d.reasons.begin(), "No competitor data: competitive strategy fell back to revenue");
      return d;
    }
    const auto& p = *c.params;
    const double share = p.competitive_position == "undercut"  ? -p.competitive_share
                         : p.competitive_position == "premium" ? p.competitive_share
                                                               : 0.0;
    StrategyDecision d{c.market->p50 * (1 + share), "competitive", {}, {}};
    if (share == 0)
      d.reasons.push_back(fmt::format("Competitive: match the market median {}", money(c.market->p50)));
    else
      d.reasons.push_back(fmt::format("Competitive: {} the market median {} by {:.0f}%",
                                      share < 0 ? "undercut" : "premium over", money(c.market->p50),
                                      100 * std::abs(share)));
    return d;
  }
};

}  // namespace

std::unique_ptr<PricingStrategy> make_competitive_strategy() { return std::make_unique<CompetitiveStrategy>(); }

}  // namespace seatsync
