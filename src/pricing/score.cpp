// /score: read the policy at the actual state, apply the strategy, enforce the constraints,
// and say why.
#include "seatsync/score.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "../plan/code_policies.hpp"
#include "seatsync/pricing_strategy.hpp"
#include "strategies.hpp"

namespace seatsync {
namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
  throw ScoreError(ScoreError::Kind::invalid, field, message);
}

// The smallest d with P(D <= d) >= q.
int quantile(const std::vector<double>& pmf, double q) {
  double c = 0;
  for (std::size_t d = 0; d < pmf.size(); ++d)
    if ((c += pmf[d]) >= q - 1e-12) return static_cast<int>(d);
  return pmf.empty() ? 0 : static_cast<int>(pmf.size()) - 1;
}

// Which constraints moved the strategy's target, in the order they bind.
std::vector<std::string> applied(double target, double price, const PriceConstraints& c, std::optional<double> previous) {
  std::vector<std::string> out;
  if (!std::isfinite(target)) return {"invalid_target"};
  const PriceBounds band = price_bounds(c, previous);
  if (target < c.floor - 1e-9) out.push_back("floor");
  if (c.ceiling && target > *c.ceiling + 1e-9) out.push_back("ceiling");
  if ((target < band.lo - 1e-9 && band.lo > c.floor + 1e-9) ||
      (target > band.hi + 1e-9 && (!c.ceiling || band.hi < *c.ceiling - 1e-9)))
    out.push_back("change_limit");
  if (std::abs(price - std::clamp(target, band.lo, band.hi)) > 1e-9) out.push_back("rounding");
  return out;
}

void market_reasons(const MarketSummary& m, double price, std::vector<std::string>& reasons) {
  const double pct = 100 * (price / m.p50 - 1);
  const char* position = pct > 0.5 ? "Premium positioning" : pct < -0.5 ? "Discount positioning" : "Priced at";
  reasons.push_back(fmt::format("{} vs market ({}, {:+.0f}%)", position, money(m.p50), pct));
  reasons.push_back(fmt::format("Market range: {} (low) to {} (high)", money(m.p10), money(m.p90)));
  reasons.push_back(fmt::format("Based on {} competitor listing{} ({})", m.count, m.count == 1 ? "" : "s", m.source));
}

}  // namespace

ScoreResult score(const PricingSnapshot& snap, const ScoreRequest& req) {
  const Dataset& data = snap.data();
  const auto game = data.find_game(req.game_id);
  if (!game) throw ScoreError(ScoreError::Kind::not_found, "event.game_id", "no game '" + req.game_id + "'");
  const auto code = data.find_code(req.price_code);
  if (!code) throw ScoreError(ScoreError::Kind::not_found, "event.price_code", "no price code '" + req.price_code + "'");
  const auto stamp = parse_timestamp(req.quote_time);
  if (!stamp) invalid("quote_time", "'" + req.quote_time + "' is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)");
  const Date day = local_date(*stamp, snap.zone());
  const Game& g = data.games[*game];
  const PriceCode& pc = data.codes[*code];
  if (!req.stay_date.empty()) {
    const auto stay = Date::parse(req.stay_date);
    if (!stay) invalid("stay_date", "'" + req.stay_date + "' is not a date YYYY-MM-DD");
    if (*stay != g.date) invalid("stay_date", "game '" + req.game_id + "' is on " + g.date.str() + ", not " + req.stay_date);
  }
  const int days = g.date - day;
  if (days < 0) invalid("quote_time", "the quote (" + day.str() + ") is after the game (" + g.date.str() + ")");
  if (day < snap.as_of())
    invalid("quote_time", "the quote (" + day.str() + ") is before the service's as-of date " + snap.as_of().str());
  const InventoryRow* row = snap.inventory(*game, *code);
  if (!row)
    throw ScoreError(ScoreError::Kind::not_found, "event.price_code",
                     "no inventory for game '" + req.game_id + "', price code '" + req.price_code + "'");

  const std::string strategy_name = req.strategy.empty() ? data.params.service.strategy : req.strategy;
  const PricingStrategy* strategy = find_strategy(strategy_name);
  if (!strategy) invalid("strategy", "unknown strategy '" + strategy_name + "' (revenue, competitive, time_based, psychological, rule_based)");

  ScoreResult out;
  out.game_id = req.game_id;
  out.price_code = req.price_code;
  out.strategy = strategy_name;
  out.lead_days = days;
  out.ab_variant = req.ab_variant;
  out.ab_experiment = req.ab_experiment;
  out.capacity = req.capacity.value_or(pc.capacity);
  out.remaining = req.remaining.value_or(row->remaining);
  if (out.capacity <= 0) invalid("inventory.capacity", "must be a whole number > 0");
  if (out.remaining < 0 || out.remaining > out.capacity)
    invalid("inventory.remaining", fmt::format("must be from 0 to the capacity ({})", out.capacity));
  if (req.current_price && !(std::isfinite(*req.current_price) && *req.current_price > 0))
    invalid("inventory.current_price", "must be a number > 0");
  out.price_in_force = req.current_price ? req.current_price
                       : row->current_price > 0 ? std::optional<double>(row->current_price)
                                                : std::nullopt;

  const auto& buckets = data.params.buckets;
  const std::size_t bucket =
      std::max(data.params.bucket_index(days).value_or(0), snap.policy_first_bucket(*game));
  out.bucket = buckets[bucket].name;
  const double share = buckets[bucket].contains(days)
                           ? static_cast<double>(days - buckets[bucket].days_from + 1) / buckets[bucket].length()
                           : 1.0;

  StrategyContext ctx;
  ctx.params = &data.params.strategy;
  ctx.price_in_force = out.price_in_force;
  ctx.reference_price = snap.planner().arrivals().reference_price(*code);
  ctx.constraints = snap.planner().constraints(*code);
  ctx.days_before = days;
  ctx.occupancy = 1.0 - static_cast<double>(out.remaining) / out.capacity;
  ctx.apply_seasonality = req.apply_seasonality;

  const CodePolicy* policy = snap.policy(*game, *code);
  const int seats = std::min(out.remaining, snap.policy_seats(*game, *code));
  if (!req.use_ml) {
    out.reasons.push_back("Learned models off (toggles.use_ml = false)");
    ctx.conversion_unavailable = "learned models off";
  } else {
    if (policy && out.remaining > 0) ctx.policy_price = policy->price(bucket, seats, out.price_in_force);
    const std::string scope = req.scope.empty() ? data.params.service.model_scope : req.scope;
    const double at = out.price_in_force.value_or(std::max(ctx.reference_price, ctx.constraints.floor));
    ctx.conversion_probability = snap.models().conversion_probability(data, scope, *game, *code, day, at);
    out.ml_conversion_prob = ctx.conversion_probability;
    if (!ctx.conversion_probability) {
      const auto& info = snap.models().get(scope, "conversion").info;
      ctx.conversion_unavailable = info.message.empty() ? "no conversion model" : info.message;
      out.reasons.push_back("ML conversion model unavailable: " + ctx.conversion_unavailable);
    }
  }
  if (req.use_competitors) {
    const auto listings = req.competitors && !req.competitors->empty()
                              ? *req.competitors
                              : stored_competitors(snap.listings(*game), *code, day, data.params.service.market_days);
    ctx.market = summarize_market(listings);
  }
  out.competitor_data = ctx.market;

  StrategyDecision decision;
  if (out.remaining == 0) {
    decision = {out.price_in_force.value_or(ctx.constraints.floor), "sold_out", {"Sold out: the price in force is kept"}, {}};
  } else {
    decision = strategy->decide(ctx);
    // An experiment arm's own price or multiplier; the constraints below still have the last word.
    if (req.fixed_price) {
      decision.target = *req.fixed_price;
      decision.reasons.push_back(fmt::format("A/B arm '{}': test price {}", req.ab_variant.value_or(""), money(*req.fixed_price)));
    } else if (req.price_multiplier != 1.0) {
      decision.target *= req.price_multiplier;
      decision.reasons.push_back(fmt::format("A/B arm '{}': price × {:.3f}", req.ab_variant.value_or(""), req.price_multiplier));
    }
  }
  out.constraints = ctx.constraints;
  if (decision.rounding) out.constraints.rounding = *decision.rounding;
  out.price = enforce_price(decision.target, out.constraints, out.price_in_force);
  out.pricing_method = decision.method;
  out.constraints_applied = applied(decision.target, out.price, out.constraints, out.price_in_force);
  out.reasons.insert(out.reasons.end(), decision.reasons.begin(), decision.reasons.end());
  if (out.constraints_applied.size() && out.constraints_applied[0] != "rounding")
    out.reasons.push_back(fmt::format("Constrained to {} ({}: floor {}{})", money(out.price),
                                      fmt::join(out.constraints_applied, ", "), money(out.constraints.floor),
                                      out.constraints.ceiling ? ", ceiling " + money(*out.constraints.ceiling) : ""));
  if (ctx.market) market_reasons(*ctx.market, out.price, out.reasons);

  // The candidates: the policy's grid where valid now, else five points over the valid band.
  const PriceBounds band = price_bounds(out.constraints, out.price_in_force);
  if (policy && !decision.rounding)
    for (double p : policy->candidates())
      if (band.contains(p)) out.price_grid.push_back(p);
  if (out.price_grid.empty()) {
    const double hi = std::min(band.hi, out.constraints.ceiling.value_or(4 * std::max(ctx.reference_price, band.lo)));
    // price_grid rounds within [floor, ceiling]: a point may fall one step outside the band.
    for (double p : price_grid(out.constraints, band.lo, std::max(hi, band.lo), 5))
      if (band.contains(p)) out.price_grid.push_back(p);
  }
  out.price_grid.push_back(out.price);
  std::sort(out.price_grid.begin(), out.price_grid.end());
  out.price_grid.erase(std::unique(out.price_grid.begin(), out.price_grid.end()), out.price_grid.end());

  // What the rest of the bucket sells at this price, and where the policy would go next: the
  // next bucket's price after the 10th and 90th percentile of this bucket's sales.
  const auto pmf = snap.planner().bucket_sales_pmf(*game, *code, bucket, share, out.remaining, out.price);
  out.expected_tickets_bucket = expected_sales(pmf, out.remaining);
  out.occ_now = ctx.occupancy;
  out.occ_end_bucket = 1.0 - (out.remaining - out.expected_tickets_bucket) / out.capacity;
  out.conf_lower = out.conf_upper = out.price;
  if (policy && req.use_ml && out.remaining > 0 && bucket + 1 < buckets.size()) {
    for (double q : {0.1, 0.9}) {
      const int left = std::max(0, seats - quantile(pmf, q));
      const double next = left > 0 ? policy->price(bucket + 1, left, out.price) : out.price;
      out.conf_lower = std::min(out.conf_lower, next);
      out.conf_upper = std::max(out.conf_upper, next);
    }
  }
  return out;
}

}  // namespace seatsync
