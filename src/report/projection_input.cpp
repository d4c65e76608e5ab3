// What the Attendance Projection Sheet needs from the fitted planner: its demand model for the
// game's codes and buckets still ahead, the seats left, and the tiers the data have.
#include "seatsync/projection_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace seatsync {

ProjectionSheetInput projection_input(const Dataset& data, const Planner& planner, GameIndex game, Date as_of,
                                      const std::vector<ProjectionCode>& codes, int confidence_threshold) {
  ProjectionSheetInput in;
  const auto& g = data.games[game];
  in.title = fmt::format("Attendance projection — {} on {} (tier {}{}), as of {}", g.id, g.date.str(), g.tier,
                         g.opponent.empty() ? "" : ", vs " + g.opponent, as_of.str());
  for (const auto& b : data.params.buckets) in.buckets.push_back(b.name);

  // The buckets ahead, as the planner sees them: the current one only for the days it has left.
  const int days = g.date - as_of;
  std::vector<double> share(in.buckets.size(), 1.0);
  if (days < 0) {
    std::fill(share.begin(), share.end(), 0.0);
    in.first_bucket = in.buckets.size() - 1;
  } else if (const auto b = data.params.bucket_index(days)) {
    const auto& bucket = data.params.buckets[*b];
    in.first_bucket = *b;
    for (std::size_t i = 0; i < *b; ++i) share[i] = 0.0;
    share[*b] = static_cast<double>(days - bucket.days_from + 1) / bucket.length();
  }

  // Tiers the data have sales for (the sheet offers no tier it knows nothing about), and the
  // game's own.
  std::set<int> tiers{g.tier};
  for (const auto& t : data.transactions)
    if (t.sold_date < as_of) tiers.insert(data.games[t.game].tier);
  in.tiers.assign(tiers.begin(), tiers.end());
  in.tier = g.tier;
  in.confidence_threshold = confidence_threshold;

  const auto& arrivals = planner.arrivals();
  const GameDemand pace = arrivals.game_demand(game);
  in.demand.assign(in.tiers.size(), {});
  for (const auto& pc : codes) {
    const CodeIndex c = pc.code;
    in.codes.push_back(data.codes[c].code);
    in.groups.push_back(data.codes[c].group);
    in.seats_left.push_back(std::max(0, pc.seats_left));
    in.current_prices.push_back(pc.current_price ? *pc.current_price : arrivals.reference_price(c));
    in.prices.push_back(pc.price ? *pc.price : in.current_prices.back());
    if (!pc.bucket_prices.empty()) {
      std::vector<double> row(in.buckets.size(), NAN);
      for (std::size_t b = 0; b < row.size() && b < pc.bucket_prices.size(); ++b) row[b] = pc.bucket_prices[b];
      in.bucket_prices.push_back(std::move(row));
    }
    const auto& response = arrivals.response(c);
    double size = 0;
    for (std::size_t k = 0; k < response.size_pmf.size(); ++k) size += static_cast<double>(k + 1) * response.size_pmf[k];
    for (std::size_t t = 0; t < in.tiers.size(); ++t) {
      // The historical orders behind the cell: the code's orders in that tier and bucket.
      const auto& observed = planner.matrices().code_matrix(in.tiers[t], c).observed;
      std::vector<BucketDemandCell> cells;
      for (std::size_t b = 0; b < in.buckets.size(); ++b) {
        BucketDemandCell d;
        // The game's own tier carries its in-season update, as its plan does.
        const GameDemand update = in.tiers[t] == g.tier ? pace : GameDemand{};
        d.orders = arrivals.arrivals(in.tiers[t], c, b) * update.multiplier * share[b];
        d.median_wtp = arrivals.median_wtp(in.tiers[t], c, b) * std::exp(update.wtp_shift);
        d.wtp_sigma = response.wtp_sigma;
        d.mean_order_size = std::max(1.0, size);
        d.support = b < observed.buckets() ? observed.orders.row(static_cast<Eigen::Index>(b)).sum() : 0;
        cells.push_back(d);
      }
      in.demand[t].push_back(std::move(cells));
    }
  }
  // Codes given bucket prices and codes without: the sheet takes all or none.
  if (!in.bucket_prices.empty() && in.bucket_prices.size() != in.codes.size())
    in.bucket_prices.assign(in.codes.size(), std::vector<double>(in.buckets.size(), NAN));
  return in;
}

}  // namespace seatsync
