#pragma once
// The Manual Price Adjustment Guide (thesis 5.3): per upcoming game, rows = price codes,
// columns = time buckets, each cell = the recommended change of the per-ticket price against
// the current price, with how much data stands behind it. Analysts act on it; the colours
// say how much to trust each cell.
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/planner.hpp"

namespace seatsync {

// The thresholds are params.toml's [guide] (GuideParams in params.hpp).
using GuideThresholds = GuideParams;

enum class GuideFill {
  none,   // support too thin: direction shown in the text colour only
  light,  // supported, but the change is small or little money is at stake
  dark,   // supported, large and material: act on it
};
std::string_view to_string(GuideFill fill);

struct GuideCell {
  std::string bucket;
  int days_from = 0, days_to = 0;
  double recommended_price = 0.0;
  double change = 0.0;           // recommended − current, per ticket
  double change_share = 0.0;     // change / current price (0 when there is no current price)
  int support_orders = 0;        // historical orders of this tier × code × bucket
  int support_games = 0;         // … and the games they came from
  bool large = false;            // |change_share| >= large_change
  bool supported = false;        // support_orders >= min_support_orders
  GuideFill fill = GuideFill::none;
  double expected_tickets = 0.0;  // the plan's expected sales in the bucket at the recommended price
  double revenue_at_stake = 0.0;  // |change| × expected_tickets: what the move is worth in the bucket
  bool material = false;          // expected_tickets and revenue_at_stake reach their minimums
};

struct GuideRow {
  std::string price_code, group;
  int remaining = 0;
  double current_price = 0.0;
  double floor = 0.0;
  std::vector<GuideCell> cells;  // one per bucket of the game's plan, current bucket first
};

struct GameGuide {
  std::string game_id;
  Date game_date;
  int tier = 0;
  std::string opponent;
  std::vector<std::string> buckets;  // column names, current bucket first
  std::vector<GuideRow> rows;
  std::string pace_note;  // the in-season update when it moves demand (Planner::pace_note), else empty
};

// A recommendation worth an analyst's attention: a large, supported, material change in the
// current bucket (the price to set now).
struct SignificantRecommendation {
  std::string game_id;
  Date game_date;
  std::string price_code;
  std::string bucket;
  double current_price = 0.0, recommended_price = 0.0, change = 0.0, change_share = 0.0;
  int support_orders = 0;
  double expected_tickets = 0.0, revenue_at_stake = 0.0;
};

struct AdjustmentGuide {
  Date as_of;
  GuideThresholds thresholds;
  std::vector<GameGuide> games;
  std::vector<SignificantRecommendation> significant;  // across games, most revenue at stake first
};

AdjustmentGuide build_adjustment_guide(const Dataset& data, const PlanSet& plans, const Planner& planner,
                                       const GuideThresholds& thresholds);

}  // namespace seatsync
