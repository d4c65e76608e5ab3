#include "baseline_policies.hpp"

#include "code_policies.hpp"

#include <algorithm>

namespace seatsync {
namespace {

class FixedPricePolicy : public CodePolicy {
 public:
  FixedPricePolicy(double price, PriceConstraints c) : price_(price), c_(c) {}
  double price(std::size_t, int, std::optional<double> previous) const override {
    return enforce_price(price_, c_, previous);
  }

 private:
  double price_;
  PriceConstraints c_;
};

// The analyst's rule, held to the same constraints as every other policy of the backtest.
class AnalystPolicy : public CodePolicy {
 public:
  AnalystPolicy(const MarketTruth& truth, GameIndex g, CodeIndex c, PriceConstraints k)
      : truth_(truth), game_(g), code_(c), c_(k) {}
  double price(std::size_t bucket, int seats_left, std::optional<double> previous) const override {
    return enforce_price(analyst_price(truth_, game_, code_, bucket, seats_left), c_, previous);
  }

 private:
  const MarketTruth& truth_;
  GameIndex game_;
  CodeIndex code_;
  PriceConstraints c_;
};

double grid_top(const MarketTruth& truth, CodeIndex code, const PriceConstraints& c) {
  return c.ceiling.value_or(4 * truth.codes[code].ref_price);
}

std::vector<double> candidate_prices(const MarketTruth& truth, CodeIndex code, const PriceConstraints& c, int points) {
  return price_grid(c, std::max(c.floor, 1.0), grid_top(truth, code, c), points);
}

}  // namespace

std::unique_ptr<CodePolicy> fixed_price_policy(double price, const PriceConstraints& constraints) {
  return std::make_unique<FixedPricePolicy>(price, constraints);
}

std::unique_ptr<CodePolicy> analyst_policy(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                           const PriceConstraints& constraints) {
  return std::make_unique<AnalystPolicy>(truth, game, code, constraints);
}

std::vector<BucketDemand> true_bucket_demand(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                             std::size_t first, double first_share, const std::vector<double>& grid,
                                             int seats) {
  std::vector<BucketDemand> out;
  for (std::size_t b = first; b < truth.buckets.size(); ++b) {
    const double arrivals = expected_arrivals(truth, game, code, b) * (b == first ? first_share : 1.0);
    BucketDemand bd;
    bd.prices = grid;
    for (double p : grid) {
      auto pmf = bucket_demand_pmf(arrivals * purchase_probability(truth, game, code, b, p), truth.order_size_pmf, seats);
      bd.demand_pmf.push_back(std::move(pmf));
    }
    out.push_back(std::move(bd));
  }
  return out;
}

std::unique_ptr<CodePolicy> oracle_policy(const MarketTruth& truth, GameIndex game, CodeIndex code, std::size_t first,
                                          double first_share, int seats, std::optional<double> price_in_force,
                                          const PriceConstraints& constraints, int price_points,
                                          double attendance_weight) {
  const auto grid = limited_price_grid(constraints, std::max(constraints.floor, 1.0), grid_top(truth, code, constraints),
                                       price_points, price_in_force);
  auto policy = ChangeLimitedPolicy::solve(true_bucket_demand(truth, game, code, first, first_share, grid, seats), seats,
                                           reachable_prices(grid, constraints), attendance_weight);
  return std::make_unique<ChangeLimitedCodePolicy>(std::move(policy), first, constraints);
}

double best_static_price(const MarketTruth& truth, GameIndex game, CodeIndex code, std::size_t first,
                         double first_share, int seats, const PriceConstraints& constraints, int price_points,
                         double attendance_weight) {
  const auto grid = candidate_prices(truth, code, constraints, price_points);
  double best_price = grid.front(), best_value = -1;
  for (double p : grid) {
    // A one-price grid makes the DP evaluate "hold p to game day".
    const auto value = StochasticPolicy::solve(true_bucket_demand(truth, game, code, first, first_share, {p}, seats),
                                               seats, attendance_weight)
                           .value(0, seats);
    if (value > best_value) {
      best_value = value;
      best_price = p;
    }
  }
  return best_price;
}

}  // namespace seatsync
