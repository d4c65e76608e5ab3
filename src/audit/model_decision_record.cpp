// Model decisions (promotion, rejection, rollback) in the audit trail: what changed the model
// every later price was made by.
#include "seatsync/audit_records.hpp"

namespace seatsync {

std::optional<nlohmann::json> model_decision_audit_record(const nlohmann::json& event, std::string_view source) {
  if (!event.is_object()) return std::nullopt;
  const auto action = event.find("action");
  if (action == event.end() || !action->is_string()) return std::nullopt;
  const std::string kind = action->get<std::string>();
  if (kind != "promotion" && kind != "rejection" && kind != "rollback") return std::nullopt;
  nlohmann::json record{{"kind", kind}, {"source", source}};
  for (const char* key : {"scope", "type", "version", "from", "who", "why", "metrics", "at"})
    if (const auto it = event.find(key); it != event.end()) record[key] = *it;
  if (event.contains("scope") && event.contains("type") && event["scope"].is_string() && event["type"].is_string())
    record["model"] = event["scope"].get<std::string>() + "_" + event["type"].get<std::string>();
  return record;
}

}  // namespace seatsync
