#pragma once
// Every adjustable parameter of a season dataset (params.toml). Defaults are the thesis's.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/date.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/retrain_policy.hpp"

namespace seatsync {

// A range of days before the game, both ends inclusive; demand is taken as constant inside it.
struct TimeBucket {
  std::string name;  // by default "days_from-days_to", or "0" for a single day
  int days_from = 0;
  int days_to = 0;
  bool contains(int days_before) const { return days_before >= days_from && days_before <= days_to; }
  int length() const { return days_to - days_from + 1; }
};

// How price plans are made ([plan] in params.toml). Names are validated here; the planner maps
// them to its enums.
struct PlanParams {
  std::string method = "stochastic";  // "stochastic" (default: better in closed loop) or "deterministic"
  std::string demand = "monotone";    // Demand Matrix completion: nn, svd, hybrid, monotone
  double attendance_weight = 0.0;     // λ: objective = revenue + λ × tickets (dollars per ticket)
  std::string rounding = "dollar";    // none, dollar, five, charm
  std::optional<double> ceiling;      // absolute ceiling per ticket
  std::optional<double> ceiling_multiple = 3.0;  // ceiling = multiple × the code's average historical price
  // Largest change between consecutive buckets, as a fraction (+ one rounding step, see
  // PriceBounds); "none" in params.toml = no limit.
  std::optional<double> max_change = 0.2;
  // Hysteresis: the price in force is kept unless a change gains more than this share of the
  // expected revenue to go (stochastic planner), so noise-level gains do not flip a price.
  double hold_margin = 0.002;
  int price_points = 24;              // candidate prices per bucket (stochastic planner)
  // The share of arriving customers assumed to buy at the historical average price, which
  // (with the elasticity measured in the data) fixes the stochastic planner's WTP spread.
  double historical_conversion = 0.5;
};

// The Manual Price Adjustment Guide's thresholds ([guide] in params.toml).
struct GuideParams {
  double large_change = 0.10;   // |recommended − current| / current at or above this is "large"
  int min_support_orders = 30;  // historical orders behind a cell for it to count as supported
  // A large % alone is no reason to act: a move to the ceiling where nothing sells is "large".
  // A cell is "material" when the plan expects at least min_expected_tickets to sell in the
  // bucket at the recommended price and |recommended − current| × those tickets (the revenue
  // at stake) is at least min_revenue_at_stake dollars.
  double min_expected_tickets = 1.0;
  double min_revenue_at_stake = 200.0;
};

// A days-out multiplier of the time_based pricing strategy: the price in force times
// `multiplier` while the game is days_from to days_to days away (both inclusive).
struct DaysOutAdjustment {
  int days_from = 0;
  int days_to = 0;
  double multiplier = 1.0;
};

// The live pricing strategies' parameters ([strategy] in params.toml; docs/service.md). The
// defaults are starting points, not tuned values: an experiment should tune them.
struct StrategyParams {
  // competitive: the price relative to the market median — "match", "undercut" or "premium"
  // by `competitive_share` (0.05 = 5 % below or above).
  std::string competitive_position = "match";
  double competitive_share = 0.05;
  // time_based: multipliers on the price in force by days out; days not covered keep it.
  std::vector<DaysOutAdjustment> time_based = {{61, 365, 0.95}, {15, 60, 1.0}, {4, 14, 1.05}, {0, 3, 1.10}};
  // rule_based (seed 003's multiplier rule): base = market median or the price in force, times
  // a demand factor (the ML conversion probability's band), times an occupancy factor.
  double rule_high_occupancy = 0.85;    // at or above: x rule_high_factor
  double rule_high_factor = 1.10;
  double rule_low_occupancy = 0.30;     // below, within rule_last_minute_days: x rule_low_factor
  double rule_low_factor = 0.90;
  int rule_last_minute_days = 14;
};

// The pricing service ([service] in params.toml).
struct ServiceParams {
  std::string strategy = "revenue";  // the strategy of a /score request that names none
  std::string model_scope = "season";  // the registry scope of the ML models (entity.propertyId overrides)
  int market_days = 7;               // stored listings older than this many days before a quote are ignored
};

struct Params {
  MonitorThresholds monitor;  // [monitor]: model monitoring and retraining (seed 003's defaults)
  // Ordered from the furthest from the game to game day, contiguous, without overlaps.
  std::vector<TimeBucket> buckets;
  // Tiers in use (1 = most attractive). Empty = any tier >= 1.
  std::vector<int> tiers;
  // Optional regrouping: group name -> price codes. Codes not named keep seats.csv's group.
  std::map<std::string, std::vector<std::string>> groups;
  PlanParams plan;
  GuideParams guide;
  StrategyParams strategy;
  ServiceParams service;
  // [features] holidays = ["YYYY-MM-DD", ...]: local holidays and events the learned models'
  // calendar features count besides the US federal holidays.
  std::vector<Date> holidays;
  // timezone = "America/Chicago": the venue's IANA time zone (checked to exist). Timestamps
  // written with a UTC offset are moved into it; empty = none (dates are taken as written).
  std::string timezone;

  static Params defaults();  // thesis Table 5.2 buckets, tiers 1-5, groups from seats.csv
  // Index into `buckets` of the bucket holding `days_before`, if any.
  std::optional<std::size_t> bucket_index(int days_before) const;
  int max_days() const;  // the furthest day any bucket covers
};

// The default buckets of thesis Table 5.2: 91-365, 61-90, 31-60, 15-30, 8-14, 4-7, 1-3, 0.
std::vector<TimeBucket> default_buckets();

// Parses params.toml text. Problems are reported against `file` into `diag`; the returned
// Params holds the defaults for anything absent or invalid.
Params parse_params(std::string_view toml_text, const std::string& file, Diagnostics& diag);

// Checks buckets ordered from the furthest to game day: each non-empty, day 0 covered, no gap
// and no overlap between neighbours. `lines[i]` is where bucket i was defined (for messages).
void validate_buckets(const std::vector<TimeBucket>& buckets, const std::vector<std::size_t>& lines,
                      const std::string& file, Diagnostics& diag);

}  // namespace seatsync
