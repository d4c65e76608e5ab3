// Turning demand models into price plans: the horizon from today to game day, the demand each
// dynamic program needs, and the constraints every reported price passes through.
#include "seatsync/planner.hpp"

#include "code_policies.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <tuple>

namespace seatsync {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// The most tickets that sell at `price` by the matrix row: the largest q priced at or above it.
int quantity_at(const QuantityPrices& row, double price) {
  int q = 0;
  for (std::size_t i = 0; i < row.prices.size(); ++i)
    if (std::isfinite(row.prices[i]) && row.prices[i] >= price - 1e-9) q = static_cast<int>(i) + 1;
  return q;
}

}  // namespace

std::vector<double> bucket_demand_pmf(double order_rate, const std::vector<double>& size_pmf, int seats) {
  auto pmf = compound_poisson_pmf(order_rate, size_pmf);
  if (pmf.size() > static_cast<std::size_t>(seats) + 1) {
    double tail = 0;
    for (std::size_t d = static_cast<std::size_t>(seats); d < pmf.size(); ++d) tail += pmf[d];
    pmf.resize(static_cast<std::size_t>(seats) + 1);
    pmf.back() = tail;
  }
  return pmf;
}

std::optional<PlanMethod> parse_plan_method(std::string_view name) {
  if (name == "stochastic") return PlanMethod::stochastic;
  if (name == "deterministic") return PlanMethod::deterministic;
  return std::nullopt;
}

std::string_view to_string(PlanMethod method) {
  return method == PlanMethod::stochastic ? "stochastic" : "deterministic";
}

Planner::Planner(const Dataset& data, Date as_of, const PlanParams& params, std::vector<bool> include_game)
    : data_(data), as_of_(as_of), params_(params), method_(*parse_plan_method(params.method)) {
  DemandModelOptions mo;
  mo.method = *parse_completion_method(params.demand);
  mo.individual = true;  // the planner sells one code's seats: its own quantity axis
  mo.build.as_of = as_of;
  mo.build.include_game = include_game;
  matrices_ = std::make_unique<MatrixDemandModel>(MatrixDemandModel::fit(data, mo));
  ArrivalFitOptions ao;
  ao.as_of = as_of;
  ao.include_game = std::move(include_game);
  ao.historical_conversion = params.historical_conversion;
  arrivals_ = std::make_unique<ArrivalDemandModel>(ArrivalDemandModel::fit(data, ao));
}

PriceConstraints Planner::constraints(CodeIndex code) const {
  PriceConstraints c;
  c.floor = data_.codes[code].floor_price;
  std::optional<double> ceiling = params_.ceiling;
  if (params_.ceiling_multiple) {
    const double relative = *params_.ceiling_multiple * arrivals_->reference_price(code);
    ceiling = ceiling ? std::min(*ceiling, relative) : relative;
  }
  if (ceiling) c.ceiling = std::max(*ceiling, c.floor);  // a ceiling never undercuts the floor
  c.max_change = params_.max_change;
  c.rounding = *parse_rounding(params_.rounding);
  return c;
}

std::optional<std::string> Planner::pace_note(GameIndex game) const {
  const GameDemand pace = arrivals_->game_demand(game);
  std::string note;
  if (pace.expected_orders > 0 && std::abs(pace.multiplier - 1.0) >= 0.1)
    note = fmt::format("this game is selling {:.2f}× its tier's pace ({:.0f} orders so far where its tier's demand "
                       "expected {:.0f} at the prices charged): demand ahead scaled by it",
                       pace.multiplier, pace.orders, pace.expected_orders);
  else if (pace.expected_orders == 0 && std::abs(pace.multiplier - 1.0) >= 0.1)
    note = fmt::format("no completed bucket yet; this season is selling {:.2f}× past seasons' pace: demand ahead "
                       "scaled by it",
                       pace.multiplier);
  if (std::abs(pace.wtp_shift) >= std::log(1.05))
    note += fmt::format("{}this season's buyers pay {:.2f}× what history's model expects at the same prices",
                        note.empty() ? "" : "; ", std::exp(pace.wtp_shift));
  if (note.empty()) return std::nullopt;
  return note;
}

std::optional<Planner::Horizon> Planner::horizon(GameIndex game, Date today) const {
  const int days = data_.games[game].date - today;
  if (days < 0) return std::nullopt;
  Horizon h;
  const auto& buckets = data_.params.buckets;
  if (auto b = data_.params.bucket_index(days)) {
    h.first_bucket = *b;
    h.first_share = static_cast<double>(days - buckets[*b].days_from + 1) / buckets[*b].length();
  } else {
    h.notes.push_back(fmt::format("the game is {} days away, before the first bucket opens: planned from it", days));
  }
  return h;
}

std::vector<QuantityPrices> Planner::quantity_prices(GameIndex game, CodeIndex code, const Horizon& h, int seats,
                                                     const PriceConstraints& c) const {
  const int tier = data_.games[game].tier;
  const auto& matrix = matrices_->code_matrix(tier, code);
  const double ceiling = c.ceiling.value_or(std::numeric_limits<double>::infinity());
  std::vector<QuantityPrices> out;
  for (std::size_t b = h.first_bucket; b < data_.params.buckets.size(); ++b) {
    const double share = b == h.first_bucket ? h.first_share : 1.0;
    QuantityPrices row;
    const int width = matrix.observed.max_quantity();
    const int k = std::min(seats, static_cast<int>(std::floor(width * share)));
    row.prices.resize(static_cast<std::size_t>(std::max(k, 0)), kNaN);
    for (int q = 1; q <= k; ++q) {
      // Selling q in the part of the bucket still ahead is like selling q/share in a whole one.
      const int whole = std::max(1, static_cast<int>(std::ceil(q / share)));
      const double p = matrices_->price(tier, code, b, whole);
      if (p >= c.floor && p <= ceiling) row.prices[static_cast<std::size_t>(q - 1)] = p;
    }
    row.hold_price = std::clamp(matrix.price.row(static_cast<Eigen::Index>(b)).maxCoeff(), c.floor, ceiling);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<BucketDemand> Planner::bucket_demand(GameIndex game, CodeIndex code, const Horizon& h, int seats,
                                                 const std::vector<double>& grid) const {
  std::vector<BucketDemand> out;
  for (std::size_t b = h.first_bucket; b < data_.params.buckets.size(); ++b) {
    const double share = b == h.first_bucket ? h.first_share : 1.0;
    BucketDemand bd;
    bd.prices = grid;
    for (double p : grid) bd.demand_pmf.push_back(bucket_sales_pmf(game, code, b, share, seats, p));
    out.push_back(std::move(bd));
  }
  return out;
}

std::vector<double> Planner::bucket_sales_pmf(GameIndex game, CodeIndex code, std::size_t bucket, double share,
                                              int seats, double price) const {
  const int tier = data_.games[game].tier;
  const GameDemand demand = arrivals_->game_demand(game);
  const double rate = arrivals_->arrivals(tier, code, bucket) * demand.multiplier * share *
                      arrivals_->purchase_probability(tier, code, bucket, demand.tier_price(price));
  return bucket_demand_pmf(rate, arrivals_->response(code).size_pmf, seats);
}

class DeterministicCodePolicy : public CodePolicy {
 public:
  DeterministicCodePolicy(std::vector<QuantityPrices> rows, std::size_t first, PriceConstraints c, double weight)
      : rows_(std::move(rows)), first_(first), c_(c), weight_(weight) {}
  double price(std::size_t bucket, int seats_left, std::optional<double> previous) const override {
    return quote(bucket, seats_left, previous).first;
  }
  // Re-solved from the current bucket and seats (the deterministic plan has no state feedback):
  // the valid price and the tickets the plan sells at it.
  std::pair<double, double> quote(std::size_t bucket, int seats_left, std::optional<double> previous) const {
    std::vector<QuantityPrices> rest(rows_.begin() + static_cast<std::ptrdiff_t>(bucket - first_), rows_.end());
    const auto plan = solve_deterministic(rest, seats_left, weight_);
    if (plan.buckets.empty()) return {enforce_price(kNaN, c_, previous), 0.0};
    const double p = enforce_price(plan.buckets[0].price, c_, previous);
    double q = plan.buckets[0].expected_quantity;
    if (std::abs(p - plan.buckets[0].price) > 1e-9 && q > 0)
      q = std::min<double>(q, quantity_at(rest[0], p));  // the valid price may sell less
    return {p, q};
  }

 private:
  std::vector<QuantityPrices> rows_;
  std::size_t first_;
  PriceConstraints c_;
  double weight_;
};

std::vector<double> Planner::grid(CodeIndex code, const PriceConstraints& c, std::optional<double> current_price) const {
  // From $1 (the geometric grid needs a positive lower end) or the floor, to the ceiling. A
  // ceiling below $1, or no ceiling and a floor above 4 × the reference price, would make that
  // range empty (price_grid throws): the range is then the single price lo, clamped into the
  // constraints by the grid.
  const double lo = std::max(c.floor, 1.0);
  const double hi = std::max(lo, c.ceiling.value_or(4 * arrivals_->reference_price(code)));
  return limited_price_grid(c, lo, hi, params_.price_points, current_price);
}

std::unique_ptr<CodePolicy> Planner::policy(GameIndex game, CodeIndex code, int remaining, Date today,
                                            std::optional<double> current_price) const {
  auto h = horizon(game, today);
  if (!h) return nullptr;
  const auto c = constraints(code);
  if (method_ == PlanMethod::deterministic)
    return std::make_unique<DeterministicCodePolicy>(quantity_prices(game, code, *h, remaining, c), h->first_bucket, c,
                                                     params_.attendance_weight);
  const auto prices = grid(code, c, current_price);
  return std::make_unique<ChangeLimitedCodePolicy>(
      ChangeLimitedPolicy::solve(bucket_demand(game, code, *h, remaining, prices), remaining,
                                 reachable_prices(prices, c), params_.attendance_weight, params_.hold_margin),
      h->first_bucket, c);
}

CodePlan Planner::plan(GameIndex game, CodeIndex code, int remaining, std::optional<double> current_price,
                       Date today) const {
  CodePlan out;
  out.game = game;
  out.code = code;
  out.remaining = remaining;
  out.current_price = current_price;
  out.method = method_;
  out.constraints = constraints(code);
  auto h = horizon(game, today);
  if (!h) {
    out.notes.push_back("the game has been played");
    return out;
  }
  out.notes = h->notes;
  if (arrivals_->borrowed(code))
    out.notes.push_back(fmt::format("no past orders for this price code: demand borrowed from its group '{}' and tier "
                                    "(thin evidence)",
                                    data_.codes[code].group));
  if (auto note = pace_note(game)) out.notes.push_back(*note);
  if (remaining <= 0) {
    out.notes.push_back("sold out");
    return out;
  }

  // The plan is the policy itself read at the plan's expected state: each bucket quotes what the
  // closed-loop rule would at the expected seats left (rounded) with the previous bucket's price
  // in force, and expects what sells at that price; seats are carried in expectation.
  const auto rule = policy(game, code, remaining, today, current_price);
  double seats = remaining;
  std::optional<double> previous = current_price;
  for (std::size_t b = h->first_bucket; b < data_.params.buckets.size(); ++b) {
    const int s = std::clamp(static_cast<int>(std::lround(seats)), 0, remaining);
    double p, q;
    if (method_ == PlanMethod::deterministic) {
      std::tie(p, q) = static_cast<const DeterministicCodePolicy&>(*rule).quote(b, s, previous);
    } else {
      p = rule->price(b, s, previous);
      const double share = b == h->first_bucket ? h->first_share : 1.0;
      q = expected_sales(bucket_sales_pmf(game, code, b, share, s, p), s);
    }
    q = std::min(q, seats);  // a bucket never expects more than remain
    const auto& bucket = data_.params.buckets[b];
    out.buckets.push_back({b, bucket.name, bucket.days_from, bucket.days_to, p, q, p * q});
    out.expected_revenue += p * q;
    out.expected_tickets += q;
    seats = std::max(0.0, seats - q);
    previous = p;
  }
  return out;
}

}  // namespace seatsync
