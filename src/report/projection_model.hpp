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

// Prices as the hidden Matrices sheet holds them: rounded to the cent (so the file holds
// exactly the numbers the cached values were computed from), made non-increasing along q
// (the running minimum, so MATCH(…, -1) is valid; it leaves every leading-run count
// unchanged), NaN ending a row, and padded to `width` columns with kBeyondMatrix.
inline constexpr double kBeyondMatrix = -1.0;
Eigen::MatrixXd sheet_price_rows(const Eigen::MatrixXd& prices, Eigen::Index width);
// Support as the hidden Support sheet holds it: padded with 0 orders.
Eigen::MatrixXi sheet_support_rows(const Eigen::MatrixXi& support, Eigen::Index rows, Eigen::Index width);
// The widest matrix: the hidden sheets' number of quantity columns.
Eigen::Index sheet_width(const ProjectionSheetInput& input);
double cents(double price);

struct ProjectionModel {
  int tier_slot = -1;            // index of the Tier input in input.tiers; −1: every projection is 0
  Eigen::MatrixXi tickets;       // codes × buckets: tickets each bucket sells at the code's price
  Eigen::MatrixXi support;       // codes × buckets: orders behind the matched matrix cell
  Eigen::MatrixXi shown;         // the visible grid: `tickets`, or its running totals (Cumulative)
  Eigen::VectorXi code_total;    // per code: tickets over all buckets
  Eigen::VectorXi code_confident;  // … counting only buckets with support >= the threshold
  Eigen::VectorXd code_revenue;  // price × code_total
  Eigen::VectorXi bucket_total;  // per bucket: the column sum of `shown`
  Eigen::VectorXi bucket_confident;  // per bucket (or up to it, Cumulative): confident tickets
  int total = 0, confident = 0;
  double revenue = 0.0;
};

// The sheet's values for the inputs in `input` (tier, current_prices, confidence_threshold)
// and the projection type `type`.
ProjectionModel compute_projection(const ProjectionSheetInput& input, ProjectionType type);

// Throws std::invalid_argument unless the shapes agree (tiers × codes matrices of buckets
// rows, support of the same shapes, a group and a price per code) and prices are finite.
void validate_projection_input(const ProjectionSheetInput& input);

// write_projection_sheet with the type cell set to `type` and the given cached values. The
// public function passes compute_projection(input, per_bucket); a test passes values of other
// inputs to get a workbook whose cached values are stale, proving a recalculation computes.
void write_projection_workbook(const ProjectionSheetInput& input, ProjectionType type, const ProjectionModel& cached,
                               const std::filesystem::path& file);

}  // namespace seatsync
