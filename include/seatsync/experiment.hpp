#pragma once
// An A/B experiment of pricing policies: who is in it (the randomisation unit, the games it
// covers, its time window), its arms with their traffic shares, and what decides it (a primary
// metric, guardrails). Assignment is a consistent hash of (experiment, unit): the same unit
// always gets the same arm, in every process, and one experiment's split never moves another's
// units. Free of I/O; the JSON mapping is in experiment_json.hpp, storage in experiment_store.hpp.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace seatsync {

enum class ExperimentStatus { draft, running, stopped };
enum class RandomisationUnit { game, price_code, user, session };

std::string_view to_string(ExperimentStatus status);
std::string_view to_string(RandomisationUnit unit);
std::optional<ExperimentStatus> parse_experiment_status(std::string_view text);
std::optional<RandomisationUnit> parse_randomisation_unit(std::string_view text);

// What an arm does to a /score request. Every price it leads to still passes enforce_price.
struct ArmPolicy {
  std::string strategy;          // a registered strategy; empty = the service's default
  std::optional<bool> use_ml;    // overrides the request's toggles.use_ml
  double multiplier = 1.0;       // applied to the strategy's target price
  std::optional<double> price;   // a fixed test price (seed 000's price variants)
};

struct ExperimentArm {
  std::string name;
  double share = 0.0;  // of the covered traffic; the arms' shares sum to 1
  ArmPolicy policy;
};

// The metrics an experiment reads out (per quote shown and purchase made).
inline constexpr std::string_view kExperimentMetrics[] = {"conversion_rate", "revenue_per_quote", "average_price"};

struct Experiment {
  std::string id, name, description;
  std::string start, end;  // ISO 8601 timestamps; empty end = open-ended
  ExperimentStatus status = ExperimentStatus::draft;
  RandomisationUnit unit = RandomisationUnit::session;
  std::vector<ExperimentArm> arms;  // the first is the control
  std::vector<std::string> games;   // the games it covers; empty = every game
  std::string primary_metric = "revenue_per_quote";
  std::vector<std::string> guardrails = {"conversion_rate"};
  double alpha = 0.05;
  double minimum_detectable_effect = 0.05;  // relative, for power and the sequential test's scale
  bool sequential = false;                  // always-valid p-values: safe to look every day
  std::string created_at, stopped_at;

  const ExperimentArm& control() const { return arms.front(); }
  const ExperimentArm* find_arm(std::string_view name) const;
};

// A definition that cannot run; `field` names the JSON field at fault (e.g. "arms[1].share").
class ExperimentError : public std::invalid_argument {
 public:
  ExperimentError(std::string field, const std::string& message)
      : std::invalid_argument(field + ": " + message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// Throws ExperimentError for a definition that cannot run: no name, fewer than two arms,
// duplicate or reserved arm names, shares not positive or not summing to 1 (within 1e-6),
// an unknown strategy or metric, a multiplier or price that is not finite and > 0, a window
// whose end is before its start, alpha or the MDE outside (0, 1).
void validate_experiment(const Experiment& experiment);

// Who a request is, for the experiment's unit: the game, "game/code", the user or the session;
// nullopt when the request does not carry it (a user experiment and an anonymous request).
struct UnitContext {
  std::string game_id, price_code, user_id, session_id;
};
std::optional<std::string> unit_key(const Experiment& experiment, const UnitContext& context);

// The unit's place in [0, 1): the first 8 bytes of SHA-256("experiment-id\x1funit"). Arms hold
// consecutive ranges of it in order, so ramping a later arm's share up only moves units into it.
double unit_position(std::string_view experiment_id, std::string_view unit);
const ExperimentArm& assign_arm(const Experiment& experiment, std::string_view unit);

// Running, inside its window at `timestamp` (ISO 8601, compared as UTC instants) and covering
// the game.
bool experiment_covers(const Experiment& experiment, std::string_view game_id, std::string_view timestamp);

}  // namespace seatsync
