#pragma once
// The numbers of the Attendance Projection Sheet, computed in C++ exactly as the workbook's
// formulas compute them: the writer stores them as the formulas' cached values, and tests
// compare them with what LibreOffice recalculates.
#include <Eigen/Core>
#include <string_view>

#include "seatsync/projection_sheet.hpp"

namespace seatsync {

// The "Projection type" input cell.
enum class ProjectionType { per_bucket, cumulative };
std::string_view to_string(ProjectionType type);  // "Per bucket" / "Cumulative", as in the cell

double cents(double price);

// Expected tickets of one demand cell at `price`, before the seats-left cap: the sheet's
// formula orders × size × (1 − NORMSDIST((LN(price) − LN(median)) / sigma)); every order buys
// at a price of 0 or less.
double expected_tickets(const BucketDemandCell& cell, double price);

struct ProjectionModel {
  int tier_slot = -1;             // index of the Tier input in input.tiers; −1: every projection is 0
  Eigen::MatrixXd prices;         // codes × buckets: the price each bucket sells at (0 for past buckets)
  Eigen::MatrixXd tickets;        // codes × buckets: expected tickets, capped at the seats still left
  Eigen::MatrixXi support;        // codes × buckets: historical orders behind the demand cell
  Eigen::MatrixXd shown;          // the visible grid: `tickets`, or its running totals (Cumulative)
  Eigen::VectorXd code_total;     // per code: tickets over all buckets
  Eigen::VectorXd code_confident;  // … counting only buckets with support >= the threshold
  Eigen::VectorXd code_revenue;   // Σ price × tickets over the buckets
  Eigen::VectorXd bucket_total;   // per bucket: the column sum of `shown`
  Eigen::VectorXd bucket_confident;  // per bucket (or up to it, Cumulative): confident tickets
  double total = 0, confident = 0, revenue = 0;
};

// The sheet's values for the inputs in `input` (tier, prices, bucket prices, threshold) and the
// projection type `type`.
ProjectionModel compute_projection(const ProjectionSheetInput& input, ProjectionType type);

// Throws std::invalid_argument unless the shapes agree (tiers × codes × buckets demand cells,
// a group, seats left, current price and price per code, bucket prices absent or codes ×
// buckets), the first bucket is a bucket, and the numbers are usable (finite prices, seats
// left >= 0, orders >= 0, median and sigma > 0, order size >= 1).
void validate_projection_input(const ProjectionSheetInput& input);

// write_projection_sheet with the type cell set to `type` and the given cached values. The
// public function passes compute_projection(input, per_bucket); a test passes values of other
// inputs to get a workbook whose cached values are stale, proving a recalculation computes.
void write_projection_workbook(const ProjectionSheetInput& input, ProjectionType type, const ProjectionModel& cached,
                               const std::filesystem::path& file);

}  // namespace seatsync
