#pragma once
// The guide's HTML building blocks, shared by the guide page and the daily index so a change
// reads and looks the same on both: the change cell, the legend and the table of significant
// recommendations.
#include <cstddef>
#include <functional>
#include <string>

#include "seatsync/adjustment_guide.hpp"

namespace seatsync::render {

// The CSS class of a fill: "fill-dark", "fill-light" or "fill-none".
std::string_view fill_class(GuideFill fill);

// "change up m3 fill-dark": direction (up / down / flat), magnitude m1 … m3 against the large
// threshold, and the fill.
std::string change_classes(double change, double change_share, bool has_current_price, bool large, GuideFill fill,
                           const GuideThresholds& thresholds);

// One <td>: the change ("▲ $12 (+9%)") over the recommended price, with a hover text saying
// how much history stands behind it.
std::string change_cell(const GuideCell& cell, double current_price, const GuideThresholds& thresholds);

// Example cells of every fill in both directions, with what each means.
std::string guide_legend(const GuideThresholds& thresholds);

// The first `limit` significant recommendations as a table (a sentence when there are none).
// `game_href` gives the link target for a game id ("" for no link).
std::string significant_table(const AdjustmentGuide& guide, std::size_t limit,
                              const std::function<std::string(const std::string&)>& game_href);

}  // namespace seatsync::render
