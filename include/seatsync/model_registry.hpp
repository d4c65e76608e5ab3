#pragma once
// The model registry: a directory of trained models (opaque bytes, e.g. XGBoost JSON) with a
// metadata file beside each one and a `latest` pointer per (scope, type). See
// docs/model-registry.md for the on-disk layout and the guarantees under concurrent writers.
#include <chrono>
#include <compare>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seatsync {

// A model file that exists but must not be used: its bytes do not match the recorded
// checksum, or its metadata is unreadable. The message names the file.
class ModelIntegrityError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A version is the UTC second the model was saved plus a sequence number that separates
// saves within the same second: "20261123T153012Z", then "20261123T153012Z-1", ...
struct ModelVersion {
  std::string stamp;  // YYYYMMDDTHHMMSSZ
  unsigned sequence = 0;

  std::string str() const;
  // Accepts exactly what str() produces; std::nullopt otherwise.
  static std::optional<ModelVersion> parse(std::string_view text);
  auto operator<=>(const ModelVersion&) const = default;
};

// One registered model as listed: where it is and what its metadata says.
struct ModelEntry {
  std::string scope;
  std::string type;
  ModelVersion version;
  std::filesystem::path file;       // the model bytes
  std::filesystem::path meta_file;  // the metadata JSON
  nlohmann::json metadata;          // caller's fields plus the registry's (see save)
  bool is_latest = false;
};

struct LoadedModel {
  std::shared_ptr<const std::string> bytes;  // shared with the registry's cache
  nlohmann::json metadata;
  ModelVersion version;
};

class ModelRegistry {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Touches nothing on disk; save() creates the directory, reads require it to exist.
  // `clock` exists so tests can control version stamps.
  explicit ModelRegistry(std::filesystem::path dir, Clock clock = {});

  const std::filesystem::path& dir() const { return dir_; }

  // Stores `bytes` as a new version of (scope, type) and moves `latest` to it. `metadata`
  // must be a JSON object (or null); the registry adds (overwriting any caller value)
  // scope, type, version, file, sha256, size_bytes, seatsync_version and created_at.
  // Scope and type are non-empty [A-Za-z0-9-] (the underscore separates name parts).
  // Safe against other processes saving into the same directory at the same time.
  // make_latest = false keeps `latest` where it is: a candidate retraining rejected stays
  // registered (to inspect or roll forward to) without serving.
  ModelEntry save(const std::string& scope, const std::string& type, std::string_view bytes,
                  nlohmann::json metadata, bool make_latest = true);

  // `version` is a version string or "latest". The bytes are verified against the recorded
  // SHA-256 (ModelIntegrityError otherwise) and cached by path + checksum, so loading the
  // same version again reads nothing but its metadata.
  LoadedModel load(const std::string& scope, const std::string& type, const std::string& version = "latest");

  // Every registered model, newest first.
  std::vector<ModelEntry> list() const;

  // One model's entry; std::invalid_argument if there is no such model.
  ModelEntry show(const std::string& scope, const std::string& type, const std::string& version = "latest") const;

  // The version `latest` points to, if any model of (scope, type) was saved.
  std::optional<ModelVersion> latest(const std::string& scope, const std::string& type) const;

  // Deletes old versions and returns them. Per (scope, type) it keeps the newest `keep` (>= 1),
  // the one `latest` points to, the kRollbackDepth versions just before it (what a rollback
  // would go back to) and every version younger than `watch` (a promotion under watch may
  // still be rolled back). Recorded in the history.
  std::vector<ModelEntry> prune(std::size_t keep, std::chrono::seconds watch = kPromotionWatch);
  // Moves `latest` of (scope, type) to `version` in one atomic step, after checking that the
  // version's bytes are whole (ModelIntegrityError otherwise); std::invalid_argument if there
  // is no such version. Returns the entry now latest. Recorded in the history with `who`/`why`.
  ModelEntry rollback(const std::string& scope, const std::string& type, const std::string& version,
                      const std::string& who, const std::string& why);
  // Appends a decision (an object; "at" is added) to the registry's history: history.jsonl,
  // one JSON object per line, appended under the registry's lock and fsynced. save, prune and
  // rollback record themselves; retraining records its promotions and rejections here.
  void record(nlohmann::json event);
  // Every recorded decision, oldest first. A last line torn by a crash is left out.
  std::vector<nlohmann::json> history() const;

  static constexpr std::size_t kRollbackDepth = 2;
  static constexpr std::chrono::seconds kPromotionWatch{48 * 3600};

 private:
  void record_locked(nlohmann::json event);  // the caller holds the directory lock

  std::filesystem::path dir_;
  Clock clock_;
  mutable std::mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const std::string>> cache_;  // key: path + '#' + sha256
};

// The `n` largest entries of metadata["importance"], largest first. It is either an object
// {name: value, ...} or an array of {"feature": name, "importance": value} objects or
// [name, value] pairs; anything else (or absence) gives an empty result.
std::vector<std::pair<std::string, double>> top_importance(const nlohmann::json& metadata, std::size_t n);

}  // namespace seatsync
