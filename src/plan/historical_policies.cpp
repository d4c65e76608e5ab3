// The policies a historical backtest re-makes past decisions with. Each proposes a price from what
// was known on the decision's day; the caller makes it valid (enforce_price).
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "historical_replay.hpp"
#include "seatsync/market_summary.hpp"
#include "seatsync/pricing_strategy.hpp"

namespace seatsync {
namespace {

constexpr std::string_view kMultiplierPrefix = "multiplier:";

}  // namespace

std::vector<std::string> default_historical_policies() { return {"seatsync-stochastic", "rule_based", "static"}; }

HistoricalPolicy parse_historical_policy(std::string_view name) {
  using Kind = HistoricalPolicy::Kind;
  HistoricalPolicy p;
  p.name = std::string(name);
  if (name == "seatsync-stochastic") p.kind = Kind::seatsync_stochastic;
  else if (name == "seatsync-deterministic") p.kind = Kind::seatsync_deterministic;
  else if (name == "rule_based") p.kind = Kind::rule_based;
  else if (name == "static") p.kind = Kind::static_price;
  else if (name.starts_with(kMultiplierPrefix)) {
    p.kind = Kind::multiplier;
    const std::string_view x = name.substr(kMultiplierPrefix.size());
    const auto [end, ec] = std::from_chars(x.data(), x.data() + x.size(), p.multiplier);
    if (ec != std::errc() || end != x.data() + x.size() || !(p.multiplier > 0 && p.multiplier <= 10))
      throw std::invalid_argument(fmt::format("policy '{}': the multiplier must be a number in (0, 10], e.g. "
                                              "multiplier:1.1", name));
  } else {
    throw std::invalid_argument(fmt::format("unknown policy '{}' (seatsync-stochastic, seatsync-deterministic, "
                                            "rule_based, static or multiplier:X)", name));
  }
  return p;
}

void check_historical_policy(std::string_view name) { parse_historical_policy(name); }

std::string describe_historical_policy(std::string_view name) {
  const auto p = parse_historical_policy(name);
  switch (p.kind) {
    case HistoricalPolicy::Kind::seatsync_stochastic:
      return "seatsync's stochastic DP policy (the default plan), fitted the day the bucket opened, at the seats "
             "left and price in force then";
    case HistoricalPolicy::Kind::seatsync_deterministic:
      return "the thesis's deterministic DP on the Demand Matrices fitted the day the bucket opened";
    case HistoricalPolicy::Kind::rule_based:
      return "seed 003's rule: the market median (listings before that day) or the price in force, x the "
             "occupancy factor (no ML conversion model)";
    case HistoricalPolicy::Kind::static_price:
      return "the tier and code's average price over the sales before that day";
    case HistoricalPolicy::Kind::multiplier:
      return fmt::format("{:g} x the price actually charged", p.multiplier);
  }
  return {};
}

StaticPrices static_prices(const Dataset& data, Date day) {
  std::map<std::pair<int, CodeIndex>, std::pair<double, double>> sums;  // revenue, tickets
  for (const auto& t : data.transactions)
    if (t.sold_date < day) {
      auto& s = sums[{data.games[t.game].tier, t.code}];
      s.first += t.price * t.quantity;
      s.second += t.quantity;
    }
  StaticPrices out;
  for (const auto& [key, s] : sums)
    if (s.second > 0) out[key] = s.first / s.second;
  return out;
}

double policy_target(const HistoricalPolicy& policy, const DecisionInputs& in) {
  const HistoricalRecord& r = *in.record;
  const Dataset& data = *in.data;
  const double reference = in.stochastic->arrivals().reference_price(r.code);
  switch (policy.kind) {
    case HistoricalPolicy::Kind::seatsync_stochastic:
    case HistoricalPolicy::Kind::seatsync_deterministic: {
      const Planner& planner =
          policy.kind == HistoricalPolicy::Kind::seatsync_stochastic ? *in.stochastic : *in.deterministic;
      const auto rule = planner.policy(r.game, r.code, r.seats_left, r.day, r.price_in_force);
      return rule->price(r.bucket, r.seats_left, r.price_in_force);
    }
    case HistoricalPolicy::Kind::rule_based: {
      StrategyContext c;
      c.params = &data.params.strategy;
      c.price_in_force = r.price_in_force;
      c.reference_price = reference;
      c.constraints = in.stochastic->constraints(r.code);
      c.days_before = data.params.buckets[r.bucket].days_to;
      const int capacity = data.codes[r.code].capacity;
      c.occupancy = capacity > 0 ? 1.0 - static_cast<double>(r.seats_left) / capacity : 0.0;
      // Listings seen before the decision's day, as the service reads stored ones.
      c.market = summarize_market(stored_competitors(in.listings, r.code, r.day - 1, data.params.service.market_days));
      c.conversion_unavailable = "no ML conversion model in a historical backtest";
      return rule_based_decision(c).target;
    }
    case HistoricalPolicy::Kind::static_price: {
      const auto it = in.static_prices->find({data.games[r.game].tier, r.code});
      return it != in.static_prices->end() ? it->second : reference;
    }
    case HistoricalPolicy::Kind::multiplier:
      return policy.multiplier * r.charged;
  }
  return std::nan("");
}

}  // namespace seatsync
