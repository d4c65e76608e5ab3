// An experiment's definition rules, its units and their consistent assignment to arms.
#include "seatsync/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

#include "../ml/sha256.hpp"
#include "seatsync/date.hpp"
#include "seatsync/pricing_strategy.hpp"

namespace seatsync {
namespace {

// Keys of the results object beside the arms' names (seed 003's shape puts arms at the top).
constexpr std::string_view kReservedArmNames[] = {"experiment_id", "status", "control_arm", "arms", "lift",
                                                  "lift_by_variant", "significance", "comparisons", "notes",
                                                  "srm", "guardrails", "power"};

bool known_metric(std::string_view name) {
  return std::find(std::begin(kExperimentMetrics), std::end(kExperimentMetrics), name) != std::end(kExperimentMetrics);
}

}  // namespace

std::string_view to_string(ExperimentStatus status) {
  switch (status) {
    case ExperimentStatus::draft: return "draft";
    case ExperimentStatus::running: return "running";
    case ExperimentStatus::stopped: return "stopped";
  }
  return "?";
}

std::string_view to_string(RandomisationUnit unit) {
  switch (unit) {
    case RandomisationUnit::game: return "game";
    case RandomisationUnit::price_code: return "price_code";
    case RandomisationUnit::user: return "user";
    case RandomisationUnit::session: return "session";
  }
  return "?";
}

std::optional<ExperimentStatus> parse_experiment_status(std::string_view text) {
  for (auto s : {ExperimentStatus::draft, ExperimentStatus::running, ExperimentStatus::stopped})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::optional<RandomisationUnit> parse_randomisation_unit(std::string_view text) {
  for (auto u : {RandomisationUnit::game, RandomisationUnit::price_code, RandomisationUnit::user, RandomisationUnit::session})
    if (to_string(u) == text) return u;
  return std::nullopt;
}

const ExperimentArm* Experiment::find_arm(std::string_view arm) const {
  for (const auto& a : arms)
    if (a.name == arm) return &a;
  return nullptr;
}

void validate_experiment(const Experiment& e) {
  if (e.name.empty()) throw ExperimentError("name", "is required");
  if (e.arms.size() < 2) throw ExperimentError("arms", "an experiment needs at least two arms (the first is the control)");
  std::set<std::string> names;
  double total = 0;
  for (std::size_t i = 0; i < e.arms.size(); ++i) {
    const auto& arm = e.arms[i];
    const std::string f = "arms[" + std::to_string(i) + "]";
    if (arm.name.empty()) throw ExperimentError(f + ".name", "is required");
    if (!names.insert(arm.name).second) throw ExperimentError(f + ".name", "duplicate arm name '" + arm.name + "'");
    if (std::find(std::begin(kReservedArmNames), std::end(kReservedArmNames), arm.name) != std::end(kReservedArmNames))
      throw ExperimentError(f + ".name", "'" + arm.name + "' is reserved (a key of the results)");
    if (!(std::isfinite(arm.share) && arm.share > 0 && arm.share <= 1))
      throw ExperimentError(f + ".share", "must be a number in (0, 1]");
    total += arm.share;
    const auto& p = arm.policy;
    if (!p.strategy.empty() && !find_strategy(p.strategy))
      throw ExperimentError(f + ".strategy", "unknown strategy '" + p.strategy + "'");
    if (!(std::isfinite(p.multiplier) && p.multiplier > 0))
      throw ExperimentError(f + ".multiplier", "must be a finite number > 0");
    if (p.price && !(std::isfinite(*p.price) && *p.price > 0))
      throw ExperimentError(f + ".price", "must be a finite number > 0");
  }
  if (std::abs(total - 1.0) > 1e-6) throw ExperimentError("arms", "the arms' shares must sum to 1 (they sum to " + std::to_string(total) + ")");
  if (!e.start.empty() && !parse_utc_seconds(e.start)) throw ExperimentError("start_date", "'" + e.start + "' is not an ISO 8601 date-time");
  if (!e.end.empty() && !parse_utc_seconds(e.end)) throw ExperimentError("end_date", "'" + e.end + "' is not an ISO 8601 date-time");
  if (!e.start.empty() && !e.end.empty() && *parse_utc_seconds(e.end) < *parse_utc_seconds(e.start))
    throw ExperimentError("end_date", "is before start_date");
  if (!known_metric(e.primary_metric))
    throw ExperimentError("primary_metric", "unknown metric '" + e.primary_metric + "' (conversion_rate, revenue_per_quote, average_price)");
  for (std::size_t i = 0; i < e.guardrails.size(); ++i)
    if (!known_metric(e.guardrails[i]))
      throw ExperimentError("guardrails[" + std::to_string(i) + "]", "unknown metric '" + e.guardrails[i] + "'");
  if (!(e.alpha > 0 && e.alpha < 1)) throw ExperimentError("alpha", "must be in (0, 1)");
  if (!(e.minimum_detectable_effect > 0 && e.minimum_detectable_effect < 1))
    throw ExperimentError("minimum_detectable_effect", "must be in (0, 1) (relative)");
}

std::optional<std::string> unit_key(const Experiment& e, const UnitContext& c) {
  std::string key;
  switch (e.unit) {
    case RandomisationUnit::game: key = c.game_id; break;
    case RandomisationUnit::price_code: key = c.game_id.empty() || c.price_code.empty() ? "" : c.game_id + "/" + c.price_code; break;
    case RandomisationUnit::user: key = c.user_id; break;
    case RandomisationUnit::session: key = c.session_id; break;
  }
  if (key.empty()) return std::nullopt;
  return key;
}

double unit_position(std::string_view experiment_id, std::string_view unit) {
  std::string bytes(experiment_id);
  bytes += '\x1f';  // a separator no id contains: ("ab", "c") and ("a", "bc") differ
  bytes += unit;
  const std::string hex = sha256_hex(bytes);
  const std::uint64_t head = std::stoull(hex.substr(0, 16), nullptr, 16);
  return static_cast<double>(head >> 11) * 0x1.0p-53;  // 53 bits: exactly representable, < 1
}

const ExperimentArm& assign_arm(const Experiment& e, std::string_view unit) {
  const double u = unit_position(e.id, unit);
  double upper = 0;
  for (const auto& arm : e.arms) {
    upper += arm.share;
    if (u < upper) return arm;
  }
  return e.arms.back();  // shares summing to 1 − 1e-7 leave a sliver: it belongs to the last arm
}

bool experiment_covers(const Experiment& e, std::string_view game_id, std::string_view timestamp) {
  if (e.status != ExperimentStatus::running) return false;
  if (!e.games.empty() && std::find(e.games.begin(), e.games.end(), game_id) == e.games.end()) return false;
  const auto at = parse_utc_seconds(timestamp);
  if (!at) return false;
  if (!e.start.empty() && *at < *parse_utc_seconds(e.start)) return false;
  if (!e.end.empty() && *at > *parse_utc_seconds(e.end)) return false;
  return true;
}

}  // namespace seatsync
