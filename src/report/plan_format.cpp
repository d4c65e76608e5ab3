#include "seatsync/plan_format.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <sstream>

#include "data/csv.hpp"

namespace seatsync {
namespace {

// Money is reported to the cent: the planner's arithmetic carries more digits than a price has.
double cents(double v) { return std::round(v * 100.0) / 100.0; }
double tenths(double v) { return std::round(v * 1000.0) / 1000.0; }

nlohmann::ordered_json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(cents(*v)) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json plan_buckets_json(const CodePlan& plan) {
  nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
  for (const auto& b : plan.buckets)
    buckets.push_back({{"bucket", b.name},
                       {"days_from", b.days_from},
                       {"days_to", b.days_to},
                       {"price", cents(b.price)},
                       {"expected_quantity", tenths(b.expected_quantity)},
                       {"expected_revenue", cents(b.expected_revenue)}});
  return buckets;
}

nlohmann::ordered_json plan_to_json(const PlanSet& set, const Dataset& data) {
  nlohmann::ordered_json games = nlohmann::ordered_json::array();
  for (const auto& game : set.games) {
    nlohmann::ordered_json plans = nlohmann::ordered_json::array();
    for (const auto& p : game.plans) {
      const nlohmann::ordered_json buckets = plan_buckets_json(p);
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
  std::ostringstream out;
  // The first ten columns are the original contract, in their order; the rest were added so a
  // spreadsheet needs no join against games.csv and seats.csv.
  csv::write_row(out, {"game_id", "price_code", "remaining", "current_price", "bucket", "days_from", "days_to", "price",
                       "expected_quantity", "expected_revenue", "game_date", "tier", "group", "floor", "ceiling",
                       "first_date", "last_date"});
  auto money = [](const std::optional<double>& v) { return v ? fmt::format("{:.2f}", *v) : std::string(); };
  for (const auto& game : set.games) {
    const auto& g = data.games[game.game];
    for (const auto& p : game.plans) {
      const auto& code = data.codes[p.code];
      auto row = [&](const BucketRecommendation* b) {
        std::vector<std::string> f{g.id, code.code, std::to_string(p.remaining), money(p.current_price)};
        if (b)
          f.insert(f.end(), {b->name, std::to_string(b->days_from), std::to_string(b->days_to),
                             fmt::format("{:.2f}", b->price), fmt::format("{:.3f}", b->expected_quantity),
                             fmt::format("{:.2f}", b->expected_revenue)});
        else
          f.resize(f.size() + 6);
        f.insert(f.end(), {g.date.str(), std::to_string(g.tier), code.group, fmt::format("{:.2f}", p.constraints.floor),
                           money(p.constraints.ceiling)});
        // The bucket's calendar days; the current bucket's price applies from today.
        if (b) f.insert(f.end(), {std::max(set.as_of, g.date - b->days_to).str(), (g.date - b->days_from).str()});
        else f.resize(f.size() + 2);
        csv::write_row(out, f);
      };
      // A code with nothing to price (sold out) keeps its row, with the bucket columns empty.
      if (p.buckets.empty() || p.remaining <= 0) row(nullptr);
      for (const auto& b : p.buckets)
        if (p.remaining > 0) row(&b);
    }
  }
  return out.str();
}

std::string format_game_plan(const GamePlan& game, const Dataset& data) {
  const auto& g = data.games[game.game];
  std::string out = fmt::format("Price plan for {} on {} (tier {}{}):\n", g.id, g.date.str(), g.tier,
                                g.opponent.empty() ? "" : ", vs " + g.opponent);
  if (game.plans.empty()) return out + "  (no price code has seats left)\n";
  // Every code of a game shares the horizon; a sold-out code has no buckets, so the header
  // comes from the plan with the most.
  const auto& widest = *std::max_element(game.plans.begin(), game.plans.end(), [](const auto& a, const auto& b) {
    return a.buckets.size() < b.buckets.size();
  });
  out += fmt::format("  {:<6} {:>5} {:>9}", "code", "left", "current");
  for (const auto& b : widest.buckets) out += fmt::format(" {:>9}", b.name);
  out += fmt::format(" {:>8} {:>11}\n", "tickets", "revenue");
  for (const auto& p : game.plans) {
    out += fmt::format("  {:<6} {:>5} {:>9}", data.codes[p.code].code, p.remaining,
                       p.current_price ? fmt::format("${:.0f}", *p.current_price) : "-");
    for (const auto& b : p.buckets) out += fmt::format(" {:>9}", fmt::format("${:.2f}", b.price));
    for (std::size_t i = p.buckets.size(); i < widest.buckets.size(); ++i) out += fmt::format(" {:>9}", "-");
    out += fmt::format(" {:>8.1f} {:>11}\n", p.expected_tickets, fmt::format("${:.0f}", p.expected_revenue));
  }
  return out;
}

}  // namespace seatsync
