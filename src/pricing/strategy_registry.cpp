// Strategies registered by name, and what they share.
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "strategies.hpp"

namespace seatsync {
namespace {

const std::vector<std::unique_ptr<PricingStrategy>>& registered() {
  static const auto* all = [] {
    auto* v = new std::vector<std::unique_ptr<PricingStrategy>>();
    v->push_back(make_revenue_strategy());
    v->push_back(make_competitive_strategy());
    v->push_back(make_time_based_strategy());
    v->push_back(make_psychological_strategy());
    v->push_back(make_rule_based_strategy());
    return v;
  }();
  return *all;
}

}  // namespace

const PricingStrategy* find_strategy(std::string_view name) {
  for (const auto& s : registered())
    if (s->name() == name) return s.get();
  return nullptr;
}

std::vector<std::string_view> strategy_names() {
  std::vector<std::string_view> out;
  for (const auto& s : registered()) out.push_back(s->name());
  return out;
}

std::string money(double dollars) {
  // fmt's locale-free grouping: the thousands separators by hand.
  std::string digits = fmt::format("{:.2f}", std::abs(dollars));
  for (int i = static_cast<int>(digits.find('.')) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return (dollars < 0 ? "-$" : "$") + digits;
}

double base_price(const StrategyContext& c, std::string& what) {
  if (c.price_in_force && std::isfinite(*c.price_in_force) && *c.price_in_force > 0) {
    what = "the price in force";
    return *c.price_in_force;
  }
  if (c.policy_price) {
    what = "the policy's price";
    return *c.policy_price;
  }
  what = "the code's average historical price";
  return c.reference_price;
}

}  // namespace seatsync
