#pragma once
// The audit trail's records (docs/audit.md), one builder per kind, so that every writer says the
// same things the same way. Fields every kind shares:
//
//   kind           "score" | "plan" | "snapshot" | "promotion" | "rejection" | "rollback"
//   at             when the decision was made (AuditLog / AsyncAuditWriter stamp it)
//   source         who decided: "serve", "daily", "models", …
//   game_id, price_code   what was priced (absent on records that concern every game)
//   inputs         what the decision was asked (the /score body as received; the plan's state)
//   inputs_sha256  SHA-256 of `inputs` in canonical form (canonical_sha256)
//   output         what was decided: the price and how it was made
//   strategy       the pricing strategy
//   constraints    floor, ceiling, max_change (a fraction; null = none), rounding, and for a
//                  score the price in force and which constraints moved the price ("applied")
//
// plus "snapshot" (score: which data and planner answered), "models" (score: the registry model
// consulted, with its version and checksum), "data" (plan, snapshot: the dataset's identity).
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/audit_log.hpp"
#include "seatsync/dataset.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/pricing_snapshot.hpp"
#include "seatsync/score.hpp"

namespace seatsync {

// SHA-256 (hex) of `value` as nlohmann::json dumps it compactly: object keys sorted, no spaces,
// numbers in their shortest round-trip form — the same bytes for the same JSON value.
std::string canonical_sha256(const nlohmann::json& value);

// What identifies a dataset's content, so records made from the same data say so:
// {"sha256" (of every game, code, order, inventory row, listing and params.toml), "games",
// "codes", "transactions", "inventory", "listings" (counts), "last_sale" (date or null),
// "params_sha256"}. Linear in the data (tens of milliseconds for three seasons): computed once
// per snapshot or run, never per request.
nlohmann::json dataset_identity(const Dataset& data);

// kind "snapshot": the service loaded a snapshot (start or reload) — no game_id, it serves them
// all. {as_of, built_at, data: dataset_identity, planner: {method, demand, attendance_weight,
// sales_before}, models: [{name, status, version, sha256}] (those loaded so far)}.
nlohmann::json snapshot_audit_record(const PricingSnapshot& snapshot, const nlohmann::json& data_identity,
                                     std::string_view source);
// The compact form a score record carries: {as_of, built_at, data_sha256} — the snapshot record
// with the same built_at has the rest. data_sha256 null when unknown.
nlohmann::json snapshot_reference(const PricingSnapshot& snapshot, const std::optional<std::string>& data_sha256);

// kind "score": one /score answer, serialised straight into `out` (cleared first; no JSON tree
// is built and a caller reusing `out` allocates nothing once it has grown: this runs on the
// request path). Returns the UTC day of its "at" ("20261201") for AsyncAuditWriter::submit_line.
// `inputs` is the request body as received; `snapshot_ref` the dumped snapshot_reference() of the
// snapshot that answered; `at` when it answered.
// output = {price, pricing_method, bucket, conf_band [lower, upper], expected_tickets_bucket,
// ml_conversion_prob, occupancy, lead_days, capacity, remaining, market {p10, p50, p90, count,
// source} or null, reasons}; models = {conversion: {name, status, version, sha256} or null when
// use_ml was off}; experiment = {id, arm} when an A/B arm priced it.
std::string score_audit_line(std::string& out, const nlohmann::json& inputs, const ScoreRequest& request,
                             const ScoreResult& result, const PricingSnapshot& snapshot, std::string_view snapshot_ref,
                             std::string_view source, std::chrono::system_clock::time_point at);

// kind "plan": one record per (game, code) plan of `plans` (sold-out codes too: price null).
// inputs = {as_of, game_id, price_code, remaining, current_price, data_sha256, params_sha256};
// output = {price (the price to set now), pricing_method (the planner's method), buckets
// [{bucket, days_from, days_to, price, expected_quantity, expected_revenue}], expected_tickets,
// expected_revenue, notes}; also as_of, game_date, data (dataset_identity), planner
// {method, demand, attendance_weight}.
std::vector<nlohmann::json> plan_audit_records(const PlanSet& plans, const Dataset& data,
                                               const nlohmann::json& data_identity, std::string_view source);

// kinds "promotion", "rejection", "rollback" from a model registry history event ({"action",
// "scope", "type", "version", "at", "from", "who", "why", "metrics"}, ModelRegistry::record):
// {kind = action, model "SCOPE_TYPE", scope, type, version, from, who, why, metrics, at}.
// nullopt for other actions (save, prune), which decide no price.
std::optional<nlohmann::json> model_decision_audit_record(const nlohmann::json& registry_event, std::string_view source);

}  // namespace seatsync
