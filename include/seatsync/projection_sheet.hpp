#pragma once
// The Attendance Projection Sheet (thesis 5.4, Figure 5-4): an Excel workbook the analyst
// edits. Yellow input cells hold each price code's price (optionally a price per bucket), the
// game tier, the projection type and a confidence threshold; formulas project the tickets each
// bucket still ahead sells with the planner's own demand model (a hidden sheet), never more
// than the code's seats left, with totals.
#include <filesystem>
#include <string>
#include <vector>

namespace seatsync {

// The planner's demand in one (tier, code, bucket), as the stochastic planner sees it
// (ArrivalDemandModel, docs/planning.md): orders arrive at `orders` in the part of the bucket
// still ahead; each buys at price p with probability 1 − Φ((ln p − ln median_wtp) / wtp_sigma)
// and takes `mean_order_size` tickets on average. Expected tickets at p:
//     orders × mean_order_size × (1 − Φ((ln p − ln median_wtp) / wtp_sigma)).
struct BucketDemandCell {
  double orders = 0.0;           // expected arriving orders (0 for a bucket already past)
  double median_wtp = 1.0;       // > 0
  double wtp_sigma = 0.4;        // > 0
  double mean_order_size = 1.0;  // >= 1
  int support = 0;               // historical orders behind the cell
};

struct ProjectionSheetInput {
  std::string title;                     // e.g. "S2026-G12 on 2026-12-07 vs …"
  std::vector<std::string> codes;        // price codes on sale for the game, dataset order
  std::vector<std::string> groups;       // the group of each code
  std::vector<int> seats_left;           // per code: no projection sells more than these
  std::vector<std::string> buckets;      // bucket names, furthest first (every bucket)
  // Buckets [0, first_bucket) are past: their cells are blank and sell nothing.
  std::size_t first_bucket = 0;
  std::vector<int> tiers;                // tiers the data has, ascending (the Tier drop-down)
  std::vector<std::vector<std::vector<BucketDemandCell>>> demand;  // [tier slot][code][bucket]
  int tier = 1;                          // the input cell's starting value
  std::vector<double> current_prices;    // per code: the price in force (shown for reference)
  std::vector<double> prices;            // per code: the Price input's starting value
  // Optional, [code][bucket]: a price for that bucket instead of the code's Price (NaN: the
  // code's Price). The per-bucket price cells otherwise follow the Price cell.
  std::vector<std::vector<double>> bucket_prices;
  int confidence_threshold = 30;         // orders behind a cell to show it as confident
};

// Writes the workbook (to a temporary file, renamed into place). Every formula is written with
// its computed value, so readers that do not recalculate on load show the right numbers.
void write_projection_sheet(const ProjectionSheetInput& input, const std::filesystem::path& file);

}  // namespace seatsync
