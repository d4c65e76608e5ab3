#include "seatsync/plan_format.hpp"

#include <cmath>
#include <fmt/format.h>

namespace seatsync {
namespace {

// Money is reported to the cent: the planner's arithmetic carries more digits than a price has.
double cents(double v) { return std::round(v * 100.0) / 100.0; }
double tenths(double v) { return std::round(v * 1000.0) / 1000.0; }

nlohmann::ordered_json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(cents(*v)) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json plan_to_json(const PlanSet& set, const Dataset& data) {
  nlohmann::ordered_json games = nlohmann::ordered_json::array();
  for (const auto& game : set.games) {
    nlohmann::ordered_json plans = nlohmann::ordered_json::array();
    for (const auto& p : game.plans) {
      nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
      for (const auto& b : p.buckets)
        buckets.push_back({{"bucket", b.name},
                           {"days_from", b.days_from},
                           {"days_to", b.days_to},
                           {"price", cents(b.price)},
                           {"expected_quantity", tenths(b.expected_quantity)},
                           {"expected_revenue", cents(b.expected_revenue)}});
      plans.push_back({{"price_code", data.codes[p.code].code},
                       {"group", data.codes[p.code].group},
                       {"remaining", p.remaining},
                       {"current_price", optional_number(p.current_price)},
                       {"method", to_string(p.method)},
                       {"floor", cents(p.constraints.floor)},
                       {"ceiling", optional_number(p.constraints.ceiling)},
                       {"max_change", p.constraints.max_change ? nlohmann::ordered_json(*p.constraints.max_change) : nlohmann::ordered_json(nullptr)},
                       {"rounding", to_string(p.constraints.rounding)},
                       {"expected_revenue", cents(p.expected_revenue)},
                       {"expected_tickets", tenths(p.expected_tickets)},
                       {"buckets", buckets},
                       {"notes", p.notes}});
    }
    const auto& g = data.games[game.game];
    games.push_back({{"game_id", g.id}, {"game_date", g.date.str()}, {"tier", g.tier}, {"plans", plans}});
  }
  return {{"as_of", set.as_of.str()}, {"method", to_string(set.method)}, {"games", games}};
}

std::string plan_to_csv(const PlanSet& set, const Dataset& data) {
  std::string out = "game_id,price_code,remaining,current_price,bucket,days_from,days_to,price,expected_quantity,"
                    "expected_revenue\n";
  for (const auto& game : set.games)
    for (const auto& p : game.plans)
      for (const auto& b : p.buckets)
        out += fmt::format("{},{},{},{},{},{},{},{:.2f},{:.3f},{:.2f}\n", data.games[game.game].id, data.codes[p.code].code,
                           p.remaining, p.current_price ? fmt::format("{:.2f}", *p.current_price) : "", b.name,
                           b.days_from, b.days_to, b.price, b.expected_quantity, b.expected_revenue);
  return out;
}

std::string format_game_plan(const GamePlan& game, const Dataset& data) {
  const auto& g = data.games[game.game];
  std::string out = fmt::format("Price plan for {} on {} (tier {}{}):\n", g.id, g.date.str(), g.tier,
                                g.opponent.empty() ? "" : ", vs " + g.opponent);
  if (game.plans.empty()) return out + "  (no price code has seats left)\n";
  out += fmt::format("  {:<6} {:>5} {:>9}", "code", "left", "current");
  for (const auto& b : game.plans.front().buckets) out += fmt::format(" {:>9}", b.name);
  out += fmt::format(" {:>8} {:>11}\n", "tickets", "revenue");
  for (const auto& p : game.plans) {
    out += fmt::format("  {:<6} {:>5} {:>9}", data.codes[p.code].code, p.remaining,
                       p.current_price ? fmt::format("${:.0f}", *p.current_price) : "-");
    for (const auto& b : p.buckets) out += fmt::format(" {:>9}", fmt::format("${:.2f}", b.price));
    out += fmt::format(" {:>8.1f} {:>11}\n", p.expected_tickets, fmt::format("${:.0f}", p.expected_revenue));
  }
  return out;
}

}  // namespace seatsync
