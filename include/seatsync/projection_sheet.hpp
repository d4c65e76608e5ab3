#pragma once
// The Attendance Projection Sheet (thesis 5.4, Figure 5-4): an Excel workbook the analyst
// edits. Yellow input cells hold each price code's price (and the game tier, the projection
// type and a confidence threshold); formulas look the price up in the completed Demand Matrices
// (a hidden sheet) and project the tickets each bucket sells, with totals.
#include <Eigen/Core>
#include <filesystem>
#include <string>
#include <vector>

namespace seatsync {

struct ProjectionSheetInput {
  std::string title;                     // e.g. "S2026-G12 on 2026-12-07 vs …"
  std::vector<std::string> codes;        // price codes, dataset order
  std::vector<std::string> groups;       // the group of each code
  std::vector<std::string> buckets;      // bucket names, furthest first (every bucket)
  std::vector<int> tiers;                // tiers with matrices, ascending
  // prices[t][c] (tier slot t, code c): buckets × Q completed prices, non-increasing along q
  // (column j = quantity j + 1) — so "the most tickets that sell at price p" is Excel's
  // MATCH(p, row, -1): the last column whose price is still >= p.
  std::vector<std::vector<Eigen::MatrixXd>> prices;
  std::vector<std::vector<Eigen::MatrixXi>> support;  // historical orders behind each cell
  int tier = 1;                          // the input cell's starting value
  std::vector<double> current_prices;    // per code: the input cells' starting values
  int confidence_threshold = 30;         // orders behind a cell to show it as confident
};

// The projected tickets for price p in one matrix row, exactly as the workbook's formula
// computes it: the number of leading columns whose price is >= p (0 when p is above them all; a
// tie counts; NaN ends the row). The workbook stores each row in cents, as its running minimum
// and padded with -1 (below any valid price): on such a row this is
// MATCH(p, row, -1), and the running minimum and padding do not change the count. The cached
// values are this function on the stored rows — see docs/analyst-tools.md.
int projected_quantity(const Eigen::MatrixXd& prices, Eigen::Index bucket, double price);

// Writes the workbook (to a temporary file, renamed into place). Every formula is written with
// its computed value, so readers that do not recalculate on load show the right numbers.
void write_projection_sheet(const ProjectionSheetInput& input, const std::filesystem::path& file);

}  // namespace seatsync
