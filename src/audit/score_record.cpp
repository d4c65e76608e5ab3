// The service's audit records: one per /score answer, one per snapshot it loads.
#include <cmath>

#include "seatsync/audit_log.hpp"
#include "seatsync/audit_records.hpp"

namespace seatsync {
namespace {

using nlohmann::json;

json or_null(const std::optional<double>& v) { return v ? json(*v) : json(); }

json model_entry(const ServingModelInfo& info) {
  return {{"name", info.scope + "_" + info.type},
          {"status", std::string(to_string(info.status))},
          {"version", info.version.empty() ? json() : json(info.version)},
          {"sha256", info.checksum.empty() ? json() : json(info.checksum)}};
}

}  // namespace

json snapshot_reference(const PricingSnapshot& snap, const std::optional<std::string>& data_sha256) {
  return {{"as_of", snap.as_of().str()},
          {"built_at", audit_timestamp(snap.built_at())},
          {"data_sha256", data_sha256 ? json(*data_sha256) : json()}};
}

json snapshot_audit_record(const PricingSnapshot& snap, const json& data_identity, std::string_view source) {
  json models = json::array();
  for (const auto& info : snap.models().tried()) models.push_back(model_entry(info));
  const auto& params = snap.data().params.plan;
  return {{"kind", "snapshot"},
          {"source", source},
          {"as_of", snap.as_of().str()},
          {"built_at", audit_timestamp(snap.built_at())},
          {"data", data_identity},
          // The DP's demand is fitted from the data when the snapshot is built, not registered:
          // the data's identity and as_of are what identify it.
          {"planner",
           {{"method", std::string(to_string(snap.planner().method()))},
            {"demand", params.demand},
            {"attendance_weight", params.attendance_weight},
            {"sales_before", snap.as_of().str()}}},
          {"models", models}};
}

json score_audit_record(json inputs, const ScoreRequest& req, const ScoreResult& r, const PricingSnapshot& snap,
                        json snapshot_ref, std::string_view source) {
  const auto& c = r.constraints;
  json market;
  if (r.competitor_data)
    market = {{"p10", r.competitor_data->p10}, {"p50", r.competitor_data->p50}, {"p90", r.competitor_data->p90},
              {"count", r.competitor_data->count}, {"source", r.competitor_data->source}};
  json conversion;  // null: learned models were off for this request
  if (req.use_ml) {
    // Already looked up (and loaded) by score(): a map lookup here.
    const std::string scope = req.scope.empty() ? snap.data().params.service.model_scope : req.scope;
    conversion = model_entry(snap.models().get(scope, "conversion").info);
  }
  std::string sha = canonical_sha256(inputs);
  json record{{"kind", "score"},
              {"source", source},
              {"game_id", r.game_id},
              {"price_code", r.price_code},
              {"inputs_sha256", std::move(sha)},
              {"inputs", std::move(inputs)},
              {"snapshot", std::move(snapshot_ref)},
              {"models", {{"conversion", std::move(conversion)}}},
              {"output",
               {{"price", r.price},
                {"pricing_method", r.pricing_method},
                {"bucket", r.bucket},
                {"conf_band", {r.conf_lower, r.conf_upper}},
                {"expected_tickets_bucket", r.expected_tickets_bucket},
                {"ml_conversion_prob", or_null(r.ml_conversion_prob)},
                {"occupancy", r.occ_now},
                {"lead_days", r.lead_days},
                {"capacity", r.capacity},
                {"remaining", r.remaining},
                {"market", std::move(market)},
                {"reasons", r.reasons}}},
              {"strategy", r.strategy},
              {"constraints",
               {{"floor", c.floor},
                {"ceiling", or_null(c.ceiling)},
                {"max_change", c.max_change && std::isfinite(*c.max_change) ? json(*c.max_change) : json()},
                {"rounding", std::string(to_string(c.rounding))},
                {"price_in_force", or_null(r.price_in_force)},
                {"applied", r.constraints_applied}}}};
  if (r.ab_variant || r.ab_experiment)
    record["experiment"] = {{"id", r.ab_experiment ? json(*r.ab_experiment) : json()},
                            {"arm", r.ab_variant ? json(*r.ab_variant) : json()}};
  return record;
}

}  // namespace seatsync
