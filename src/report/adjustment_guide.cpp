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

GuideFill fill_for(bool large, bool supported) {
  // Thin support never earns a fill: the analyst should not be nudged by a guess, whatever its
  // size (its direction still shows in the text colour).
  if (!supported) return GuideFill::none;
  return large ? GuideFill::dark : GuideFill::light;
}

}  // namespace

AdjustmentGuide build_adjustment_guide(const Dataset& data, const PlanSet& plans, const Planner& planner,
                                       const GuideThresholds& thresholds) {
  AdjustmentGuide guide;
  guide.as_of = plans.as_of;
  guide.thresholds = thresholds;
  for (const auto& game_plan : plans.games) {
    const auto& g = data.games[game_plan.game];
    GameGuide game{g.id, g.date, g.tier, g.opponent, {}, {}};
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
        cell.fill = fill_for(cell.large, cell.supported);
        row.cells.push_back(cell);
      }
      if (game.buckets.empty())
        for (const auto& c : row.cells) game.buckets.push_back(c.bucket);
      // The price to set now is what an analyst acts on today.
      if (!row.cells.empty() && row.cells.front().fill == GuideFill::dark) {
        const auto& now = row.cells.front();
        guide.significant.push_back({g.id, g.date, code.code, now.bucket, current, now.recommended_price, now.change,
                                     now.change_share, now.support_orders});
      }
      game.rows.push_back(std::move(row));
    }
    guide.games.push_back(std::move(game));
  }
  std::stable_sort(guide.significant.begin(), guide.significant.end(), [](const auto& a, const auto& b) {
    return std::abs(a.change_share) > std::abs(b.change_share);
  });
  return guide;
}

}  // namespace seatsync
