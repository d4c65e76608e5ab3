// The Manual Price Adjustment Guide from a season's plans: each planned bucket price against
// the price in force, and the historical orders behind the demand estimate it rests on.
#include "seatsync/adjustment_guide.hpp"

#include <algorithm>
#include <cmath>

namespace seatsync {

std::string_view to_string(GuideFill fill) {
  switch (fill) {
    case GuideFill::none: return "none";
    case GuideFill::light: return "light";
    case GuideFill::dark: return "dark";
  }
  return "?";
}

namespace {

GuideFill fill_for(const GuideCell& cell) {
  // Thin support never earns a fill: the analyst should not be nudged by a guess, whatever its
  // size (its direction still shows in the text colour). A large change that moves little money
  // — few or no tickets expected in the bucket — is worth knowing, not acting on.
  if (!cell.supported) return GuideFill::none;
  return cell.large && cell.material ? GuideFill::dark : GuideFill::light;
}

}  // namespace

AdjustmentGuide build_adjustment_guide(const Dataset& data, const PlanSet& plans, const Planner& planner,
                                       const GuideThresholds& thresholds) {
  AdjustmentGuide guide;
  guide.as_of = plans.as_of;
  guide.thresholds = thresholds;
  for (const auto& game_plan : plans.games) {
    const auto& g = data.games[game_plan.game];
    GameGuide game{g.id, g.date, g.tier, g.opponent, {}, {}, planner.pace_note(game_plan.game).value_or("")};
    for (const auto& plan : game_plan.plans) {
      const auto& code = data.codes[plan.code];
      const double current = plan.current_price.value_or(0.0);
      GuideRow row{code.code, code.group, plan.remaining, current, code.floor_price, {}};
      const auto& support = planner.matrices().code_matrix(g.tier, plan.code).observed;
      for (const auto& b : plan.buckets) {
        GuideCell cell;
        cell.bucket = b.name;
        cell.days_from = b.days_from;
        cell.days_to = b.days_to;
        cell.recommended_price = b.price;
        cell.change = plan.current_price ? b.price - current : 0.0;
        cell.change_share = current > 0 ? cell.change / current : 0.0;
        const auto r = static_cast<Eigen::Index>(b.bucket);
        cell.support_orders = support.orders.row(r).sum();
        cell.support_games = support.games.row(r).sum();
        cell.large = std::abs(cell.change_share) >= thresholds.large_change;
        cell.supported = cell.support_orders >= thresholds.min_support_orders;
        cell.expected_tickets = b.expected_quantity;
        cell.revenue_at_stake = std::abs(cell.change) * b.expected_quantity;
        // Whatever the thresholds, a bucket where nothing is expected to sell is never material.
        cell.material = cell.expected_tickets > 0 && cell.expected_tickets >= thresholds.min_expected_tickets &&
                        cell.revenue_at_stake >= thresholds.min_revenue_at_stake;
        cell.fill = fill_for(cell);
        row.cells.push_back(cell);
      }
      if (game.buckets.empty())
        for (const auto& c : row.cells) game.buckets.push_back(c.bucket);
      // The price to set now is what an analyst acts on today.
      if (!row.cells.empty() && row.cells.front().fill == GuideFill::dark) {
        const auto& now = row.cells.front();
        guide.significant.push_back({g.id, g.date, code.code, now.bucket, current, now.recommended_price, now.change,
                                     now.change_share, now.support_orders, now.expected_tickets,
                                     now.revenue_at_stake});
      }
      game.rows.push_back(std::move(row));
    }
    guide.games.push_back(std::move(game));
  }
  // Money first: a +90% on a seat nobody buys matters less than −12% on a section that sells.
  std::stable_sort(guide.significant.begin(), guide.significant.end(), [](const auto& a, const auto& b) {
    return a.revenue_at_stake > b.revenue_at_stake;
  });
  return guide;
}

}  // namespace seatsync
