#pragma once
// Price plans for upcoming games: the demand models fitted on sales before as_of, one dynamic
// program per (game, price code) over the buckets from today to game day, and every price
// passed through the constraints (floor, ceiling, change limit, rounding).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seatsync/arrival_demand.hpp"
#include "seatsync/dataset.hpp"
#include "seatsync/demand_model.hpp"
#include "seatsync/price_constraints.hpp"
#include "seatsync/price_dp.hpp"
#include "seatsync/progress.hpp"

namespace seatsync {

enum class PlanMethod { deterministic, stochastic };
std::optional<PlanMethod> parse_plan_method(std::string_view name);
std::string_view to_string(PlanMethod method);

struct BucketRecommendation {
  std::size_t bucket = 0;  // index into params.buckets
  std::string name;
  int days_from = 0, days_to = 0;
  double price = 0.0;
  double expected_quantity = 0.0;
  double expected_revenue = 0.0;
};

struct CodePlan {
  GameIndex game = 0;
  CodeIndex code = 0;
  int remaining = 0;
  std::optional<double> current_price;
  PlanMethod method = PlanMethod::stochastic;
  PriceConstraints constraints;  // floor, ceiling, change limit and rounding applied
  std::vector<BucketRecommendation> buckets;  // [0] = the current bucket: the price to set now
  double expected_revenue = 0.0, expected_tickets = 0.0;
  std::vector<std::string> notes;
};

struct GamePlan {
  GameIndex game = 0;
  std::vector<CodePlan> plans;
};

struct PlanSet {
  Date as_of;
  PlanMethod method = PlanMethod::stochastic;
  std::vector<GamePlan> games;
};

// A closed-loop pricing rule for one (game, code): the price to set at the start of a bucket
// given the seats left and the price in force. Used by backtests and by the plan itself.
class CodePolicy {
 public:
  virtual ~CodePolicy() = default;
  virtual double price(std::size_t bucket, int seats_left, std::optional<double> previous) const = 0;
  // The prices the rule chooses among, ascending; empty when it has no fixed grid.
  virtual std::vector<double> candidates() const { return {}; }
};

class Planner {
 public:
  // Fits the demand models on sales dated before as_of of the included games (all when empty).
  Planner(const Dataset& data, Date as_of, const PlanParams& params, std::vector<bool> include_game = {});

  // The plan for one (game, code) from the bucket holding `today` to game day.
  CodePlan plan(GameIndex game, CodeIndex code, int remaining, std::optional<double> current_price,
                Date today) const;
  // The same decision rule, for every bucket from the one holding `today`: re-plans from the
  // state it is given (seats left, price in force) at each call. `current_price` (the price in
  // force today) joins the stochastic planner's price grid, so keeping it is always an option.
  // plan() reports exactly this rule's quotes at the plan's expected state.
  std::unique_ptr<CodePolicy> policy(GameIndex game, CodeIndex code, int remaining, Date today,
                                     std::optional<double> current_price = std::nullopt) const;

  PriceConstraints constraints(CodeIndex code) const;
  // The in-season update in words, when it moves the game's demand by 10% or more: how the game
  // (or, before it has sold, its season) sells against its tier's demand.
  std::optional<std::string> pace_note(GameIndex game) const;
  // P(tickets demanded = d), d = 0 … seats (demand beyond the seats folded into the last entry),
  // in `bucket` at `price` over the share of the bucket still ahead: the stochastic planner's
  // demand, from which the service reads expected sales and their quantiles.
  std::vector<double> bucket_sales_pmf(GameIndex game, CodeIndex code, std::size_t bucket, double share, int seats,
                                       double price) const;
  PlanMethod method() const { return method_; }
  const MatrixDemandModel& matrices() const { return *matrices_; }
  const ArrivalDemandModel& arrivals() const { return *arrivals_; }

 private:
  struct Horizon {
    std::size_t first_bucket = 0;
    double first_share = 1.0;  // the part of the first bucket still ahead
    std::vector<std::string> notes;
  };
  std::optional<Horizon> horizon(GameIndex game, Date today) const;
  std::vector<QuantityPrices> quantity_prices(GameIndex game, CodeIndex code, const Horizon& h, int seats,
                                              const PriceConstraints& c) const;
  std::vector<BucketDemand> bucket_demand(GameIndex game, CodeIndex code, const Horizon& h, int seats,
                                          const std::vector<double>& grid) const;
  std::vector<double> grid(CodeIndex code, const PriceConstraints& c, std::optional<double> current_price) const;

  const Dataset& data_;
  Date as_of_;
  PlanParams params_;
  PlanMethod method_;
  std::unique_ptr<MatrixDemandModel> matrices_;
  std::unique_ptr<ArrivalDemandModel> arrivals_;
};

// Plans every requested game (default: every game in inventory.csv on or after as_of) and
// every price code, using both cores; a sold-out code has a plan without buckets, noted "sold out".
PlanSet plan_games(const Dataset& data, Date as_of, const std::vector<GameIndex>& games = {},
                   const ProgressFn& progress = {});
// The same with a planner already fitted (at as_of) — when its models serve other outputs too.
PlanSet plan_games(const Dataset& data, const Planner& planner, Date as_of, const std::vector<GameIndex>& games = {},
                   const ProgressFn& progress = {});

}  // namespace seatsync
