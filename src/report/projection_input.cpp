// What the Attendance Projection Sheet needs from the fitted demand model.
#include "seatsync/projection_input.hpp"

#include <fmt/format.h>

namespace seatsync {

ProjectionSheetInput projection_input(const Dataset& data, const Planner& planner, GameIndex game,
                                      const std::vector<std::optional<double>>& prices, int confidence_threshold) {
  ProjectionSheetInput in;
  const auto& g = data.games[game];
  in.title = fmt::format("Attendance projection — {} on {} (tier {}{})", g.id, g.date.str(), g.tier,
                         g.opponent.empty() ? "" : ", vs " + g.opponent);
  for (const auto& c : data.codes) {
    in.codes.push_back(c.code);
    in.groups.push_back(c.group);
  }
  for (const auto& b : data.params.buckets) in.buckets.push_back(b.name);
  in.tiers = data.params.tiers.empty() ? data.tiers_present() : data.params.tiers;
  in.tier = g.tier;
  in.confidence_threshold = confidence_threshold;
  for (int tier : in.tiers) {
    std::vector<Eigen::MatrixXd> tier_prices;
    std::vector<Eigen::MatrixXi> tier_support;
    for (CodeIndex c = 0; c < data.codes.size(); ++c) {
      const auto& m = planner.matrices().code_matrix(tier, c);
      // The sheet looks prices up with MATCH(…, -1), which needs rows that never rise with
      // quantity: the running minimum is the demand curve the sheet can read (a no-op for the
      // monotone completion, which is non-increasing by construction).
      Eigen::MatrixXd envelope = m.price;
      for (Eigen::Index r = 0; r < envelope.rows(); ++r)
        for (Eigen::Index q = 1; q < envelope.cols(); ++q) envelope(r, q) = std::min(envelope(r, q), envelope(r, q - 1));
      tier_prices.push_back(std::move(envelope));
      tier_support.push_back(m.observed.orders);
    }
    in.prices.push_back(std::move(tier_prices));
    in.support.push_back(std::move(tier_support));
  }
  for (CodeIndex c = 0; c < data.codes.size(); ++c) {
    const double p = c < prices.size() && prices[c] ? *prices[c] : planner.arrivals().reference_price(c);
    in.current_prices.push_back(p);
  }
  return in;
}

}  // namespace seatsync
