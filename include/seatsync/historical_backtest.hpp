#pragma once
// The backtest on history (seed 003, section 6): replays the decisions of past games — one per
// (game, price code, time bucket) — under other pricing policies and compares what they would
// have earned with what was actually charged and sold.
//
// What a counterfactual is here. The history shows only the prices actually charged; what a
// different price would have sold is never observed. It is estimated by the learned demand
// model (the stochastic planner's: arrivals × P(WTP ≥ price), compound Poisson in tickets), at
// the seats left as actually observed when the bucket opened, capped by them. The same model
// is also read at the actual prices, so its own bias against what happened is visible; and when
// the simulator's truth is given, the true expected sales at both prices stand beside the
// model's (and the sales of the very customers who came), so the estimator's bias at the
// policies' prices — where nothing was observed — is visible too.
//
// No look-ahead: every decision is made and estimated from a fit on the sales dated before the
// day its bucket opened, re-fitted for every decision day (the data does not change between
// decisions, so the fits are independent and run in parallel). The policy sees what was known
// then: the seats left and the last price observed before the bucket.
//
// The replay is open-loop per decision: each bucket starts from the seats actually left, not
// from what the policy's own earlier prices would have left. A policy that sells more early is
// credited again later with seats it would already have sold; `over_capacity` counts the
// (game, code) pairs where the estimate exceeds the seats there were.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/params.hpp"
#include "seatsync/price_constraints.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/truth.hpp"

namespace seatsync {

// The policies a historical backtest knows: "seatsync-stochastic" (the default planner's
// policy), "seatsync-deterministic" (the thesis's DP), "rule_based" (seed 003's rule, the
// service's rule_based strategy without an ML model), "static" (the tier × code's historical
// average price) and "multiplier:X" (X × the price actually charged, 0 < X ≤ 10).
std::vector<std::string> default_historical_policies();  // seatsync-stochastic, rule_based, static
// Throws std::invalid_argument naming the policy when it is not one of the above.
void check_historical_policy(std::string_view name);
// One line saying what the policy does.
std::string describe_historical_policy(std::string_view name);

struct HistoricalBacktestOptions {
  Date from, to;  // the games played in [from, to] are replayed
  std::vector<std::string> policies = default_historical_policies();
  int max_games = 0;  // only the first N games of the window by date (0 = all)
  PlanParams plan = Params::defaults().plan;  // the constraints and the planner's settings
};

// One past decision as the data shows it.
struct HistoricalRecord {
  GameIndex game = 0;
  CodeIndex code = 0;
  std::size_t bucket = 0;
  Date day;            // the bucket's first day: when its price was set
  int seats_left = 0;  // capacity − tickets sold before `day`
  std::optional<double> price_in_force;  // the last price observed before `day` (none: no earlier sale)
  std::optional<double> observed_price;  // what the bucket's orders paid per ticket (none: nothing sold)
  // The price the actual arm is read at: the observed price, else (nothing sold, so no price was
  // seen) the price in force, else the code's average historical price on `day`. Imputed then.
  double charged = 0.0;
  int tickets = 0;  // sold in the bucket
  double revenue = 0.0;
};

// One price set on one record: what each demand says it sells.
struct ArmDecision {
  double price = 0.0;
  double model_tickets = 0.0;                // E[tickets] by the model fitted on `day`
  std::optional<double> true_tickets;        // E[tickets] by truth.json
  std::optional<int> realized_tickets;       // what the customers who came would have bought
};

struct HistoricalDecision {
  HistoricalRecord record;
  PriceConstraints constraints;    // of the fit on record.day; every policy price passed them
  std::vector<ArmDecision> arms;   // [0] = actual (at record.charged), then the policies in order
};

// Sales of one price set over a set of records, under one demand.
struct SalesTotals {
  std::size_t records = 0;
  double tickets = 0.0;         // conversions: tickets sold
  double seats_offered = 0.0;   // Σ seats left at the records' starts
  double revenue = 0.0;
  double conversion_rate() const { return seats_offered > 0 ? tickets / seats_offered : 0.0; }
  double average_price() const { return tickets > 0 ? revenue / tickets : 0.0; }
};

struct ArmTotals {
  std::optional<SalesTotals> observed;  // the actual arm only: what was sold
  SalesTotals model;
  std::optional<SalesTotals> truth;     // with truth.json: expected sales
  std::optional<SalesTotals> realized;  // with truth.json: the customers who came
  // The open-loop replay's excess: (game, code) pairs whose model sales over their records exceed
  // the seats left at their first record, and the tickets beyond those seats.
  std::size_t over_capacity = 0;
  double excess_tickets = 0.0;
};

struct HistoricalArm {
  std::string name;  // "actual" or the policy's name
  std::string description;
  ArmTotals total;
  std::vector<std::pair<int, ArmTotals>> tiers;  // tiers ascending
};

struct HistoricalBacktestResult {
  Date from, to;
  std::size_t games = 0;          // replayed
  std::size_t pairs = 0;          // game × code
  std::size_t records = 0;        // decisions replayed (buckets with seats left)
  std::size_t sold_out = 0;       // buckets skipped: no seats left when they opened
  std::size_t imputed = 0;        // records whose price was not observed (nothing sold)
  std::size_t incomplete = 0;     // buckets left out: not over by the end of the data
  std::size_t decision_days = 0;  // fits
  bool has_truth = false;
  std::vector<HistoricalArm> arms;  // [0] = actual
  std::vector<HistoricalDecision> decisions;
};

// Replays the games of the window. `truth` (optional) is the simulator's; its games and codes
// are matched to the data's by id. Throws std::invalid_argument when the window is empty (from >
// to, no game played in it, no bucket of its games over by the end of the data), a policy is
// unknown, or the truth does not describe the data.
HistoricalBacktestResult run_historical_backtest(const Dataset& data, const MarketTruth* truth,
                                                 const HistoricalBacktestOptions& options,
                                                 const ProgressFn& progress = {});

}  // namespace seatsync
