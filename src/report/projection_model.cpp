#include "report/projection_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace seatsync {

std::string_view to_string(ProjectionType type) {
  return type == ProjectionType::cumulative ? "Cumulative" : "Per bucket";
}

double cents(double price) { return std::round(price * 100.0) / 100.0; }

int projected_quantity(const Eigen::MatrixXd& prices, Eigen::Index bucket, double price) {
  // A leading run, not a count of qualifying cells: on a non-increasing row the two agree and
  // equal MATCH(price, row, -1); NaN (no price) ends the run, as no price sells that many.
  int run = 0;
  for (Eigen::Index q = 0; q < prices.cols() && prices(bucket, q) >= price; ++q) ++run;
  return run;
}

Eigen::MatrixXd sheet_price_rows(const Eigen::MatrixXd& prices, Eigen::Index width) {
  Eigen::MatrixXd rows = Eigen::MatrixXd::Constant(prices.rows(), width, kBeyondMatrix);
  for (Eigen::Index b = 0; b < prices.rows(); ++b) {
    double lowest = INFINITY;
    for (Eigen::Index q = 0; q < prices.cols() && !std::isnan(prices(b, q)); ++q) {
      lowest = std::min(lowest, cents(prices(b, q)));
      rows(b, q) = lowest;
    }
  }
  return rows;
}

Eigen::MatrixXi sheet_support_rows(const Eigen::MatrixXi& support, Eigen::Index rows, Eigen::Index width) {
  Eigen::MatrixXi padded = Eigen::MatrixXi::Zero(rows, width);
  padded.topLeftCorner(std::min(rows, support.rows()), std::min(width, support.cols())) =
      support.topLeftCorner(std::min(rows, support.rows()), std::min(width, support.cols()));
  return padded;
}

Eigen::Index sheet_width(const ProjectionSheetInput& input) {
  Eigen::Index width = 1;  // at least one column, so the lookup ranges are never empty
  for (const auto& tier : input.prices)
    for (const auto& m : tier) width = std::max(width, m.cols());
  return width;
}

void validate_projection_input(const ProjectionSheetInput& input) {
  auto fail = [](const std::string& why) { throw std::invalid_argument("projection sheet: " + why); };
  const auto codes = input.codes.size();
  const auto buckets = static_cast<Eigen::Index>(input.buckets.size());
  if (input.tiers.empty()) fail("no tier has Demand Matrices");
  if (input.buckets.empty()) fail("no buckets");
  if (input.groups.size() != codes) fail("a group is needed for every price code");
  if (input.current_prices.size() != codes) fail("a current price is needed for every price code");
  if (input.prices.size() != input.tiers.size() || input.support.size() != input.tiers.size())
    fail("prices and support need one entry per tier");
  for (std::size_t t = 0; t < input.tiers.size(); ++t) {
    if (input.prices[t].size() != codes || input.support[t].size() != codes)
      fail("tier " + std::to_string(input.tiers[t]) + " needs a matrix per price code");
    for (std::size_t c = 0; c < codes; ++c) {
      const auto& p = input.prices[t][c];
      const auto& s = input.support[t][c];
      if (p.rows() != buckets || s.rows() != buckets || s.cols() != p.cols())
        fail("tier " + std::to_string(input.tiers[t]) + ", code " + input.codes[c] +
             ": matrices need one row per bucket and support the prices' shape");
    }
  }
  for (std::size_t c = 0; c < codes; ++c)
    if (!std::isfinite(input.current_prices[c])) fail("code " + input.codes[c] + " has no finite current price");
}

ProjectionModel compute_projection(const ProjectionSheetInput& input, ProjectionType type) {
  validate_projection_input(input);
  const auto codes = static_cast<Eigen::Index>(input.codes.size());
  const auto buckets = static_cast<Eigen::Index>(input.buckets.size());
  const Eigen::Index width = sheet_width(input);
  const bool cumulative = type == ProjectionType::cumulative;

  ProjectionModel m;
  const auto slot = std::find(input.tiers.begin(), input.tiers.end(), input.tier);
  m.tier_slot = slot == input.tiers.end() ? -1 : static_cast<int>(slot - input.tiers.begin());
  m.tickets = m.support = m.shown = Eigen::MatrixXi::Zero(codes, buckets);
  m.code_total = m.code_confident = Eigen::VectorXi::Zero(codes);
  m.code_revenue = Eigen::VectorXd::Zero(codes);
  m.bucket_total = m.bucket_confident = Eigen::VectorXi::Zero(buckets);

  Eigen::MatrixXi confident_tickets = Eigen::MatrixXi::Zero(codes, buckets);
  for (Eigen::Index c = 0; c < codes; ++c) {
    const double price = cents(input.current_prices[c]);
    if (m.tier_slot >= 0) {
      const Eigen::MatrixXd rows = sheet_price_rows(input.prices[m.tier_slot][c], width);
      const Eigen::MatrixXi orders = sheet_support_rows(input.support[m.tier_slot][c], buckets, width);
      for (Eigen::Index b = 0; b < buckets; ++b) {
        m.tickets(c, b) = projected_quantity(rows, b, price);
        // The cell the price matched; the first column when nothing sells (the price is above
        // even the one-ticket price, and that cell's orders say how sure that is).
        m.support(c, b) = orders(b, std::max(1, m.tickets(c, b)) - 1);
      }
    }
    for (Eigen::Index b = 0; b < buckets; ++b) {
      m.shown(c, b) = m.tickets(c, b) + (cumulative && b > 0 ? m.shown(c, b - 1) : 0);
      if (m.support(c, b) >= input.confidence_threshold) confident_tickets(c, b) = m.tickets(c, b);
    }
    m.code_total(c) = m.tickets.row(c).sum();
    m.code_confident(c) = confident_tickets.row(c).sum();
    m.code_revenue(c) = price * m.code_total(c);
  }
  for (Eigen::Index b = 0; b < buckets; ++b) {
    m.bucket_total(b) = m.shown.col(b).sum();
    m.bucket_confident(b) = cumulative ? confident_tickets.leftCols(b + 1).sum() : confident_tickets.col(b).sum();
  }
  m.total = m.code_total.sum();
  m.confident = m.code_confident.sum();
  for (Eigen::Index c = 0; c < codes; ++c) m.revenue += m.code_revenue(c);  // in order, as SUM adds
  return m;
}

}  // namespace seatsync
