// Registered models for serving: lazily loaded, checksum-verified, failures remembered.
#include "seatsync/serving_models.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "seatsync/demand_response.hpp"
#include "seatsync/model_training.hpp"
#include "ml/registry_files.hpp"

namespace seatsync {
namespace {

// No `latest` for the scope and type: reported as not found, not as a load error.
struct ModelNotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An XGBoost JSON model's tree count (seed 003's num_trees and best_iteration). Read from the
// text: XGBoost writes NaN literals that strict JSON parsers refuse, and the count is a plain
// string field of gbtree_model_param. seatsync trims a boosted model to its best round, so the
// best iteration is the last tree; a forest's trees are one round and have none.
void read_tree_facts(const std::string& bytes, ServingModelInfo& info) {
  constexpr std::string_view kKey = "\"num_trees\":\"";
  const auto at = bytes.find(kKey);
  if (at == std::string::npos) return;
  const std::size_t begin = at + kKey.size();
  const auto end = bytes.find('"', begin);
  try {
    info.num_trees = std::stoi(bytes.substr(begin, end - begin));
  } catch (const std::exception&) {
    return;
  }
  if (info.algo == "gbdt" && *info.num_trees > 0) info.best_iteration = *info.num_trees - 1;
}

}  // namespace

std::string_view to_string(ModelStatus status) {
  switch (status) {
    case ModelStatus::loaded: return "loaded";
    case ModelStatus::missing: return "missing";
    case ModelStatus::integrity_error: return "integrity_error";
    case ModelStatus::error: return "error";
  }
  return "error";
}

ServingModelInfo describe_model(const ModelEntry& entry, const std::string* bytes) {
  ServingModelInfo info;
  const auto& m = entry.metadata;
  info.scope = entry.scope;
  info.type = entry.type;
  info.version = entry.version.str();
  info.file = entry.file.string();
  info.checksum = m.value("sha256", "");
  info.algo = m.value("algo", "");
  if (m.contains("features") && m["features"].is_array()) info.num_features = m["features"].size();
  if (m.contains("metrics") && m["metrics"].is_object()) info.metrics = m["metrics"];
  info.importance = top_importance(m, 10);
  if (bytes && (info.algo == "gbdt" || info.algo == "rf")) read_tree_facts(*bytes, info);
  return info;
}

namespace {

// Names come from requests (/score's entity.propertyId, /model/metrics/{scope}), so the models
// found missing are remembered up to this many; past it a miss is answered without being kept
// or logged, or a client sending new names would grow memory and the log without end.
constexpr std::size_t kMaxMissingSlots = 256;
// Conversion probabilities kept at most; the cache starts again when full (the key holds the
// price in cents a request names, so it is not bounded by the dataset).
constexpr std::size_t kMaxConversionCache = 200'000;

const ServingModels::Slot& unremembered_missing() {
  static const ServingModels::Slot slot = [] {
    ServingModels::Slot s;
    s.info.message = "no such model in the registry";
    return s;
  }();
  return slot;
}

}  // namespace

ServingModels::ServingModels(std::optional<std::filesystem::path> registry_dir, LoadObserver on_load)
    : on_load_(std::move(on_load)) {
  if (registry_dir) registry_ = std::make_unique<ModelRegistry>(*registry_dir);
}

const ServingModels::Slot& ServingModels::get(const std::string& scope, const std::string& type) const {
  const std::string key = scope + "_" + type;
  std::lock_guard lock(mutex_);
  if (auto it = slots_.find(key); it != slots_.end()) return *it->second;
  // Loading under the lock: the first requests of a model wait for it rather than load it twice.
  auto slot = std::make_unique<Slot>();
  auto& info = slot->info;
  info.scope = scope;
  info.type = type;
  std::string bad_name;
  try {
    registry::check_name_part(scope, "scope");
    registry::check_name_part(type, "type");
  } catch (const std::invalid_argument& e) {
    // A name a client sent may be any bytes, and it is shown in /health: bytes outside printable
    // ASCII are shown as '?' (invalid UTF-8 there made every later /health fail: fuzz_service).
    auto shown = [](std::string text) {
      for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
      return text;
    };
    bad_name = shown(e.what());
    info.scope = shown(scope);
    info.type = shown(type);
  }
  if (!registry_) {
    info.message = "no model registry (--registry) is configured";
  } else if (!bad_name.empty()) {
    info.message = bad_name;
  } else {
    // Inside the try: a corrupt *_latest.json makes the model unloadable; it must not fail requests.
    try {
      if (!std::filesystem::is_directory(registry_->dir()) || !registry_->latest(scope, type))
        throw ModelNotFound(fmt::format("model {}_{} not found in registry {}", scope, type, registry_->dir().string()));
      const LoadedModel loaded = registry_->load(scope, type, "latest");
      const ModelEntry entry = registry_->show(scope, type, loaded.version.str());
      info = describe_model(entry, loaded.bytes.get());
      const std::string algo = loaded.metadata.value("algo", "");
      if (algo.empty()) throw std::runtime_error("its metadata has no \"algo\": not a model saved by `seatsync train --data`");
      slot->model = load_model(parse_model_algo(algo), *loaded.bytes);
      slot->columns = columns_from_metadata(loaded.metadata);
      slot->features = feature_options_from_metadata(loaded.metadata);
      info.status = ModelStatus::loaded;
      info.loaded_at = registry::utc_iso8601(std::chrono::system_clock::now());
    } catch (const ModelNotFound& e) {
      info.message = e.what();
    } catch (const ModelIntegrityError& e) {
      info.status = ModelStatus::integrity_error;
      info.message = e.what();
    } catch (const std::exception& e) {
      info.status = ModelStatus::error;
      info.message = fmt::format("model {}_{} could not be loaded: {}", scope, type, e.what());
    }
  }
  if (info.status == ModelStatus::missing && missing_slots_ >= kMaxMissingSlots) return unremembered_missing();
  if (info.status == ModelStatus::missing) ++missing_slots_;
  if (on_load_) on_load_(info);
  return *slots_.emplace(key, std::move(slot)).first->second;
}

std::optional<double> ServingModels::conversion_probability(const Dataset& data, const std::string& scope,
                                                            GameIndex game, CodeIndex code, Date day,
                                                            double price) const {
  const Slot& slot = get(scope, "conversion");
  if (!slot.model) return std::nullopt;
  const std::string key = fmt::format("{}|{}|{}|{}|{}", scope, game, code, day.days(), std::llround(price * 100));
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = conversion_cache_.find(key); it != conversion_cache_.end()) return it->second;
  }
  const double prices[] = {price};
  const auto p = slot.model->predict(situation_rows(slot.columns, data, slot.features, game, code, day, prices));
  const double value = p.empty() || !std::isfinite(p[0]) ? 0.0 : std::clamp<double>(p[0], 0.0, 1.0);
  std::lock_guard lock(cache_mutex_);
  if (conversion_cache_.size() >= kMaxConversionCache) conversion_cache_.clear();
  conversion_cache_.emplace(key, value);
  return value;
}

std::vector<ServingModelInfo> ServingModels::tried() const {
  std::lock_guard lock(mutex_);
  std::vector<ServingModelInfo> out;
  for (const auto& [key, slot] : slots_) out.push_back(slot->info);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.scope + a.type < b.scope + b.type; });
  return out;
}

}  // namespace seatsync
