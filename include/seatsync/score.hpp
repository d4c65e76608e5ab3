#pragma once
// One live price for one situation — the pricing service's /score (seed 003's request and
// response): the planner's policy read at the actual state, the chosen strategy on top, and
// the constraints always enforced last. Free of HTTP: the service maps JSON to and from these.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "seatsync/market_summary.hpp"
#include "seatsync/pricing_snapshot.hpp"

namespace seatsync {

struct ScoreRequest {
  std::string game_id, price_code;
  std::string quote_time;                 // ISO 8601 date-time (or date); its venue-local date is the sale day
  std::string stay_date;                  // optional: must be the game's date when given
  std::optional<int> capacity, remaining;  // default: the code's capacity, the stored seats left
  std::optional<double> current_price;     // the price in force; default: the stored one
  std::optional<std::vector<CompetitorPrice>> competitors;  // default: stored listings before the quote
  std::string scope;                       // the ML models' registry scope; empty = [service] model_scope
  bool use_ml = true, use_competitors = true, apply_seasonality = true;
  std::string strategy;                    // empty = [service] strategy
  std::string user_id, session_id;         // entity.userId, entity.sessionId: experiments' units
  // Set by an experiment's arm (apply_experiment_arm): the arm's name, its experiment, and what
  // it does to the strategy's target before the constraints.
  std::optional<std::string> ab_variant, ab_experiment;
  double price_multiplier = 1.0;
  std::optional<double> fixed_price;
};

struct ScoreResult {
  std::string game_id, price_code, strategy, pricing_method, bucket;
  double price = 0.0;
  std::vector<double> price_grid;  // the candidate prices considered, all valid now
  double conf_lower = 0.0, conf_upper = 0.0;
  double occ_now = 0.0, occ_end_bucket = 0.0;
  double expected_tickets_bucket = 0.0;  // sales expected in the rest of the bucket at `price`
  std::vector<std::string> reasons;
  std::optional<double> ml_conversion_prob;
  int lead_days = 0, capacity = 0, remaining = 0;
  std::optional<MarketSummary> competitor_data;
  std::optional<std::string> ab_variant, ab_experiment;
  std::optional<double> price_in_force;
  PriceConstraints constraints;  // as applied (a strategy may change the rounding)
  std::vector<std::string> constraints_applied;  // "floor", "ceiling", "change_limit", "rounding"
};

// A request the snapshot cannot answer: `field` names the request field (JSON path) at fault.
class ScoreError : public std::runtime_error {
 public:
  enum class Kind { invalid, not_found };
  ScoreError(Kind kind, std::string field, const std::string& message)
      : std::runtime_error(message), kind_(kind), field_(std::move(field)) {}
  Kind kind() const { return kind_; }
  const std::string& field() const { return field_; }

 private:
  Kind kind_;
  std::string field_;
};

ScoreResult score(const PricingSnapshot& snapshot, const ScoreRequest& request);

}  // namespace seatsync
