// The service's audit records: one per /score answer, one per snapshot it loads.
#include <cmath>

#include "audit/json_text.hpp"
#include "ml/sha256.hpp"
#include "seatsync/audit_records.hpp"

namespace seatsync {
namespace {

using nlohmann::json;

json model_entry(const ServingModelInfo& info) {
  return {{"name", info.scope + "_" + info.type},
          {"status", std::string(to_string(info.status))},
          {"version", info.version.empty() ? json() : json(info.version)},
          {"sha256", info.checksum.empty() ? json() : json(info.checksum)}};
}

audit::JsonText& optional_number(audit::JsonText& w, const std::optional<double>& v) {
  return v ? w.number(*v) : w.null();
}

audit::JsonText& optional_string(audit::JsonText& w, const std::string& v) { return v.empty() ? w.null() : w.string(v); }

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

std::string score_audit_line(std::string& out, const json& inputs, const ScoreRequest& req, const ScoreResult& r,
                             const PricingSnapshot& snap, std::string_view snapshot_ref, std::string_view source,
                             std::chrono::system_clock::time_point at) {
  const std::string stamp = audit_timestamp(at);
  // The canonical form is both what is hashed and what is stored: one dump.
  const std::string canonical = inputs.dump(-1, ' ', false, json::error_handler_t::replace);
  out.clear();
  audit::JsonText w(out);
  w.object().key("kind").string("score").key("at").string(stamp).key("source").string(source);
  w.key("game_id").string(r.game_id).key("price_code").string(r.price_code);
  w.key("inputs_sha256").string(sha256_hex(canonical)).key("inputs").raw(canonical);
  w.key("snapshot").raw(snapshot_ref);
  w.key("models").object().key("conversion");
  if (req.use_ml) {
    // Already looked up (and loaded) by score(): a map lookup here.
    const std::string scope = req.scope.empty() ? snap.data().params.service.model_scope : req.scope;
    const ServingModelInfo& info = snap.models().get(scope, "conversion").info;
    w.object().key("name").string(info.scope + "_" + info.type).key("status").string(to_string(info.status));
    optional_string(w.key("version"), info.version);
    optional_string(w.key("sha256"), info.checksum).end();
  } else {
    w.null();  // learned models were off for this request
  }
  w.end();
  w.key("output").object().key("price").number(r.price).key("pricing_method").string(r.pricing_method);
  w.key("bucket").string(r.bucket).key("conf_band").array().number(r.conf_lower).number(r.conf_upper).end();
  w.key("expected_tickets_bucket").number(r.expected_tickets_bucket);
  optional_number(w.key("ml_conversion_prob"), r.ml_conversion_prob);
  w.key("occupancy").number(r.occ_now).key("lead_days").integer(r.lead_days);
  w.key("capacity").integer(r.capacity).key("remaining").integer(r.remaining).key("market");
  if (const auto& m = r.competitor_data) {
    w.object().key("p10").number(m->p10).key("p50").number(m->p50).key("p90").number(m->p90);
    w.key("count").integer(static_cast<long long>(m->count)).key("source").string(m->source).end();
  } else {
    w.null();
  }
  w.key("reasons").array();
  for (const auto& reason : r.reasons) w.string(reason);
  w.end().end();
  w.key("strategy").string(r.strategy);
  const auto& c = r.constraints;
  w.key("constraints").object().key("floor").number(c.floor);
  optional_number(w.key("ceiling"), c.ceiling);
  optional_number(w.key("max_change"), c.max_change && std::isfinite(*c.max_change) ? c.max_change : std::nullopt);
  w.key("rounding").string(to_string(c.rounding));
  optional_number(w.key("price_in_force"), r.price_in_force);
  w.key("applied").array();
  for (const auto& a : r.constraints_applied) w.string(a);
  w.end().end();
  if (r.ab_variant || r.ab_experiment) {
    w.key("experiment").object();
    r.ab_experiment ? w.key("id").string(*r.ab_experiment) : w.key("id").null();
    r.ab_variant ? w.key("arm").string(*r.ab_variant) : w.key("arm").null();
    w.end();
  }
  w.end();
  return stamp.substr(0, 4) + stamp.substr(5, 2) + stamp.substr(8, 2);
}

}  // namespace seatsync
