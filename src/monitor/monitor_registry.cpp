// Every registry model's health, each against the version saved before it.
#include <spdlog/spdlog.h>

#include <map>

#include "seatsync/model_monitor.hpp"
#include "seatsync/model_registry.hpp"

namespace seatsync {

std::size_t MonitorReport::alert_count() const {
  std::size_t n = 0;
  for (const auto& m : models) n += m.alerts.size();
  return n;
}

MonitorReport monitor_registry(const Dataset& data, ModelRegistry& registry, const MonitorContext& context,
                               const std::string& scope) {
  MonitorReport report;
  report.today = context.today;
  report.thresholds = context.thresholds;
  // list() is newest first: per (scope, type) the latest, then the one saved just before it.
  std::map<std::pair<std::string, std::string>, std::vector<ModelEntry>> by_model;
  for (auto& e : registry.list())
    if (scope.empty() || e.scope == scope) by_model[{e.scope, e.type}].push_back(std::move(e));
  for (const auto& [key, entries] : by_model) {
    const std::string name = key.first + "/" + key.second;
    auto latest = std::find_if(entries.begin(), entries.end(), [](const ModelEntry& e) { return e.is_latest; });
    if (latest == entries.end()) continue;
    const ModelEntry* previous = nullptr;
    for (const auto& e : entries)
      if (e.version < latest->version) {
        previous = &e;
        break;
      }
    try {
      const LoadedModel loaded = registry.load(key.first, key.second, latest->version.str());
      if (!loaded.metadata.contains("algo") || !loaded.metadata.contains("data"))
        throw std::runtime_error("not a model of a season dataset (no algo / data range in its metadata)");
      const auto model = load_model(parse_model_algo(loaded.metadata["algo"].get<std::string>()), *loaded.bytes);
      spdlog::info("monitor: assessing {} {}", name, latest->version.str());
      report.models.push_back(assess_model(data, *model, loaded.metadata, previous ? &previous->metadata : nullptr, context));
    } catch (const std::exception& e) {
      report.skipped.push_back(name + " " + latest->version.str() + ": " + e.what());
    }
  }
  return report;
}

}  // namespace seatsync
