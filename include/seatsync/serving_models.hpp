#pragma once
// The registered models a pricing service consults, loaded lazily (on first use) from the
// model registry with their checksums verified (seed 003's deployment step 4). A model that is
// missing or fails its checksum is remembered as such, so each request falls back to the rule
// quickly and says why; a reload builds a new ServingModels and tries again.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/features.hpp"
#include "seatsync/model.hpp"
#include "seatsync/model_registry.hpp"

namespace seatsync {

enum class ModelStatus { loaded, missing, integrity_error, error };
std::string_view to_string(ModelStatus status);

// What /model/metrics and /health report about one model (seed 003's fields).
struct ServingModelInfo {
  std::string scope, type;
  ModelStatus status = ModelStatus::missing;
  std::string message;  // why, when not loaded
  std::string version, checksum, algo, loaded_at, file;
  std::size_t num_features = 0;
  std::optional<int> num_trees, best_iteration;  // trees only
  nlohmann::json metrics = nlohmann::json::object();
  std::vector<std::pair<std::string, double>> importance;  // top 10 by gain
};

class ServingModels {
 public:
  using LoadObserver = std::function<void(const ServingModelInfo&)>;
  // No registry directory = every model is missing.
  ServingModels(std::optional<std::filesystem::path> registry_dir, LoadObserver on_load = {});

  struct Slot {
    ServingModelInfo info;
    std::unique_ptr<const Model> model;  // set when info.status == loaded
    std::vector<FeatureColumn> columns;
    FeatureOptions features;
  };
  // The latest model of (scope, type), loaded on the first call (thread-safe; later calls are a
  // map lookup). A scope or type that is not a registry name is reported missing.
  const Slot& get(const std::string& scope, const std::string& type) const;

  // P(a sale on `day`) for (game, code) at `price` by the scope's conversion model, cached per
  // (game, code, day, price in cents): a feature row costs milliseconds to build, a lookup does
  // not. nullopt when the model is not loaded.
  std::optional<double> conversion_probability(const Dataset& data, const std::string& scope, GameIndex game,
                                               CodeIndex code, Date day, double price) const;

  std::vector<ServingModelInfo> tried() const;  // every model asked for so far
  ModelRegistry* registry() const { return registry_.get(); }

 private:
  std::unique_ptr<ModelRegistry> registry_;
  LoadObserver on_load_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::unique_ptr<Slot>> slots_;  // "scope_type"
  mutable std::size_t missing_slots_ = 0;  // of slots_, those missing (bounded: serving_models.cpp)
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, double> conversion_cache_;
};

// The model facts the registry's metadata and bytes tell (version, checksum, trees, metrics,
// importance), for listings of models that are not loaded.
ServingModelInfo describe_model(const ModelEntry& entry, const std::string* bytes = nullptr);

}  // namespace seatsync
