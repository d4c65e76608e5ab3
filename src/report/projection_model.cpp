#include "report/projection_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "seatsync/arrival_demand.hpp"

namespace seatsync {

std::string_view to_string(ProjectionType type) {
  return type == ProjectionType::cumulative ? "Cumulative" : "Per bucket";
}

double cents(double price) { return std::round(price * 100.0) / 100.0; }

double expected_tickets(const BucketDemandCell& cell, double price) {
  const double buys = price <= 0 ? 1.0 : 1.0 - normal_cdf((std::log(price) - std::log(cell.median_wtp)) / cell.wtp_sigma);
  return cell.orders * cell.mean_order_size * buys;
}

void validate_projection_input(const ProjectionSheetInput& input) {
  auto fail = [](const std::string& why) { throw std::invalid_argument("projection sheet: " + why); };
  const auto codes = input.codes.size(), buckets = input.buckets.size();
  if (input.tiers.empty()) fail("no tier has a demand model");
  if (input.codes.empty()) fail("no price codes");
  if (input.buckets.empty()) fail("no buckets");
  if (input.first_bucket >= buckets) fail("the first bucket ahead is not a bucket");
  if (input.groups.size() != codes) fail("a group is needed for every price code");
  if (input.seats_left.size() != codes) fail("seats left are needed for every price code");
  if (input.current_prices.size() != codes || input.prices.size() != codes)
    fail("a current price and a price are needed for every price code");
  if (!input.bucket_prices.empty()) {
    if (input.bucket_prices.size() != codes) fail("bucket prices need one row per price code");
    for (const auto& row : input.bucket_prices)
      if (row.size() != buckets) fail("bucket prices need one price per bucket");
  }
  if (input.demand.size() != input.tiers.size()) fail("demand needs one entry per tier");
  for (std::size_t t = 0; t < input.tiers.size(); ++t) {
    if (input.demand[t].size() != codes) fail("tier " + std::to_string(input.tiers[t]) + " needs demand per price code");
    for (std::size_t c = 0; c < codes; ++c) {
      if (input.demand[t][c].size() != buckets)
        fail("tier " + std::to_string(input.tiers[t]) + ", code " + input.codes[c] + ": demand needs one cell per bucket");
      for (const auto& d : input.demand[t][c])
        if (!(d.orders >= 0) || !(d.median_wtp > 0) || !(d.wtp_sigma > 0) || !(d.mean_order_size >= 1) ||
            !std::isfinite(d.orders + d.median_wtp + d.wtp_sigma + d.mean_order_size))
          fail("tier " + std::to_string(input.tiers[t]) + ", code " + input.codes[c] + ": a demand cell is not usable");
    }
  }
  for (std::size_t c = 0; c < codes; ++c) {
    if (!std::isfinite(input.current_prices[c]) || !std::isfinite(input.prices[c]))
      fail("code " + input.codes[c] + " has no finite price");
    if (input.seats_left[c] < 0) fail("code " + input.codes[c] + " has negative seats left");
  }
}

ProjectionModel compute_projection(const ProjectionSheetInput& input, ProjectionType type) {
  validate_projection_input(input);
  const auto codes = static_cast<Eigen::Index>(input.codes.size());
  const auto buckets = static_cast<Eigen::Index>(input.buckets.size());
  const auto first = static_cast<Eigen::Index>(input.first_bucket);
  const bool cumulative = type == ProjectionType::cumulative;

  ProjectionModel m;
  const auto slot = std::find(input.tiers.begin(), input.tiers.end(), input.tier);
  m.tier_slot = slot == input.tiers.end() ? -1 : static_cast<int>(slot - input.tiers.begin());
  m.prices = m.tickets = m.shown = Eigen::MatrixXd::Zero(codes, buckets);
  m.support = Eigen::MatrixXi::Zero(codes, buckets);
  m.code_total = m.code_confident = m.code_revenue = Eigen::VectorXd::Zero(codes);
  m.bucket_total = m.bucket_confident = Eigen::VectorXd::Zero(buckets);

  Eigen::MatrixXd confident_tickets = Eigen::MatrixXd::Zero(codes, buckets);
  for (Eigen::Index c = 0; c < codes; ++c) {
    double sold = 0;  // by the buckets before: what is left caps the next one
    for (Eigen::Index b = first; b < buckets; ++b) {
      const double override_price = input.bucket_prices.empty() ? NAN : input.bucket_prices[c][b];
      m.prices(c, b) = cents(std::isnan(override_price) ? input.prices[c] : override_price);
      if (m.tier_slot >= 0) {
        const BucketDemandCell& d = input.demand[m.tier_slot][c][b];
        const double left = std::max(0.0, input.seats_left[c] - sold);
        m.tickets(c, b) = std::min(expected_tickets(d, m.prices(c, b)), left);
        m.support(c, b) = d.support;
      }
      sold += m.tickets(c, b);
      m.shown(c, b) = m.tickets(c, b) + (cumulative && b > first ? m.shown(c, b - 1) : 0.0);
      if (m.support(c, b) >= input.confidence_threshold) confident_tickets(c, b) = m.tickets(c, b);
      m.code_revenue(c) += m.prices(c, b) * m.tickets(c, b);  // in order, as SUMPRODUCT adds
    }
    m.code_total(c) = m.tickets.row(c).sum();
    m.code_confident(c) = confident_tickets.row(c).sum();
  }
  for (Eigen::Index b = first; b < buckets; ++b) {
    m.bucket_total(b) = m.shown.col(b).sum();
    m.bucket_confident(b) = cumulative ? confident_tickets.leftCols(b + 1).sum() : confident_tickets.col(b).sum();
  }
  m.total = m.code_total.sum();
  m.confident = m.code_confident.sum();
  for (Eigen::Index c = 0; c < codes; ++c) m.revenue += m.code_revenue(c);
  return m;
}

}  // namespace seatsync
