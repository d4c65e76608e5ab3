// ModelRegistry: save, load (verified + cached), list, show, prune, rollback. Every step that reads the
// directory's state and then changes it runs under the registry's flock, so concurrent
// writers in different processes cannot pick the same name or move `latest` backwards.
#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>
#include <system_error>
#include <tuple>

#include "ml/registry_files.hpp"
#include "ml/sha256.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/model_registry.hpp"
#include "seatsync/version.hpp"

namespace seatsync {
namespace fs = std::filesystem;
using registry::check_name_part;

namespace {
void require_directory(const fs::path& dir) {
  if (!fs::is_directory(dir))
    throw std::invalid_argument("model registry directory '" + dir.string() + "' does not exist");
}

nlohmann::json read_json(const fs::path& file) {
  try {
    return nlohmann::json::parse(registry::read_whole_file(file));
  } catch (const nlohmann::json::exception& e) {
    throw ModelIntegrityError("metadata file " + file.string() + " is not valid JSON (" + e.what() + ")");
  }
}

// The next free version of (scope, type) in the given second. Looks at model files as well
// as metadata, so a save that died between the two steps still reserves its name.
ModelVersion next_version(const fs::path& dir, const std::string& scope, const std::string& type,
                          const std::string& stamp) {
  std::optional<unsigned> highest;
  for (const auto& item : fs::directory_iterator(dir)) {
    const std::string name = item.path().filename().string();
    auto parsed = registry::parse_meta_file_name(name);
    if (!parsed) parsed = registry::parse_model_file_name(name);
    if (!parsed || parsed->scope != scope || parsed->type != type || parsed->version.stamp != stamp) continue;
    highest = std::max(highest.value_or(0), parsed->version.sequence);
  }
  return {stamp, highest ? *highest + 1 : 0};
}

ModelEntry entry_from_meta(const fs::path& dir, const registry::VersionName& name) {
  ModelEntry e;
  e.scope = name.scope;
  e.type = name.type;
  e.version = name.version;
  e.file = dir / registry::model_file_name(name.scope, name.type, name.version);
  e.meta_file = dir / registry::meta_file_name(name.scope, name.type, name.version);
  e.metadata = read_json(e.meta_file);
  return e;
}

std::string cache_key(const fs::path& file, const std::string& sha256) { return file.string() + '#' + sha256; }

// What killed writers leave behind, removed by prune under the lock: model bytes without
// metadata (a save killed between renaming the bytes into place and writing the metadata, or
// a prune killed between removing the two), and the temporaries of the metadata and `latest`
// files. Those are all written under the lock, so whatever of them is there while it is held
// belongs to no live writer. A save writes its bytes' temporary before taking the lock, so one
// of those counts as abandoned only once it is an hour old.
std::vector<std::string> remove_litter(const fs::path& dir) {
  const auto abandoned_before = fs::file_time_type::clock::now() - std::chrono::hours(1);
  std::vector<std::string> removed;
  for (const auto& item : fs::directory_iterator(dir)) {
    const std::string name = item.path().filename().string();
    bool litter = false;
    if (const auto model = registry::parse_model_file_name(name))
      litter = !fs::exists(dir / registry::meta_file_name(model->scope, model->type, model->version));
    else if (name.rfind(".model.tmp-", 0) == 0)
      litter = item.last_write_time() < abandoned_before;
    else if (const auto tmp = name.find(".tmp-"); name.rfind('.', 0) == 0 && tmp != std::string::npos) {
      const std::string target = name.substr(1, tmp - 1);  // write_file_atomic's ".{target}.tmp-N"
      litter = registry::parse_meta_file_name(target) || target.ends_with("_latest.json");
    }
    std::error_code ec;
    if (litter && fs::remove(item.path(), ec)) removed.push_back(name);
  }
  std::sort(removed.begin(), removed.end());
  return removed;
}

// Replaced in one rename: readers see the old pointer or the new one, never a mix.
void write_latest_pointer(const fs::path& dir, const std::string& scope, const std::string& type, const ModelVersion& v) {
  const nlohmann::json pointer = {{"scope", scope}, {"type", type}, {"version", v.str()},
                                  {"file", registry::model_file_name(scope, type, v)}};
  write_file_atomic(dir / registry::latest_file_name(scope, type), pointer.dump(2) + "\n");
}
}  // namespace

ModelRegistry::ModelRegistry(fs::path dir, Clock clock) : dir_(std::move(dir)), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
}

std::optional<ModelVersion> ModelRegistry::latest(const std::string& scope, const std::string& type) const {
  check_name_part(scope, "scope");
  check_name_part(type, "type");
  const fs::path pointer = dir_ / registry::latest_file_name(scope, type);
  if (!fs::exists(pointer)) return std::nullopt;
  const nlohmann::json j = read_json(pointer);
  std::optional<ModelVersion> v;
  if (j.is_object() && j.contains("version") && j["version"].is_string())
    v = ModelVersion::parse(j["version"].get<std::string>());
  if (!v) throw ModelIntegrityError("latest pointer " + pointer.string() + " holds no valid version");
  return v;
}

ModelEntry ModelRegistry::save(const std::string& scope, const std::string& type, std::string_view bytes,
                               nlohmann::json metadata, bool make_latest) {
  check_name_part(scope, "scope");
  check_name_part(type, "type");
  if (metadata.is_null()) metadata = nlohmann::json::object();
  if (!metadata.is_object()) throw std::invalid_argument("model metadata must be a JSON object");
  fs::create_directories(dir_);

  // The slow part (writing and fsyncing the bytes) happens before taking the lock.
  const std::string sha256 = sha256_hex(bytes);
  const fs::path tmp = registry::write_unique_temp(dir_, bytes);
  fs::path placed, meta_written;
  try {
    const auto lock = registry::directory_lock(dir_);
    const auto now = clock_();
    const ModelVersion version = next_version(dir_, scope, type, registry::utc_stamp(now));
    const std::string file_name = registry::model_file_name(scope, type, version);

    metadata["scope"] = scope;
    metadata["type"] = type;
    metadata["version"] = version.str();
    metadata["file"] = file_name;
    metadata["sha256"] = sha256;
    metadata["size_bytes"] = bytes.size();
    metadata["seatsync_version"] = kVersion;
    metadata["created_at"] = registry::utc_iso8601(now);

    placed = dir_ / file_name;
    fs::rename(tmp, placed);
    // The metadata appears last: a model counts as registered only once it has one.
    const fs::path meta_file = dir_ / registry::meta_file_name(scope, type, version);
    write_file_atomic(meta_file, metadata.dump(2) + "\n");
    meta_written = meta_file;

    const auto current = latest(scope, type);
    const bool is_newest = make_latest && (!current || *current < version);
    if (is_newest) write_latest_pointer(dir_, scope, type, version);
    record_locked({{"action", "save"}, {"scope", scope}, {"type", type}, {"version", version.str()},
                   {"latest", is_newest}, {"metrics", metadata.value("metrics", nlohmann::json())}});
    return {scope, type, version, placed, meta_file, metadata, is_newest};
  } catch (...) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    if (!meta_written.empty()) fs::remove(meta_written, ignored);
    if (!placed.empty()) fs::remove(placed, ignored);
    throw;
  }
}

ModelEntry ModelRegistry::show(const std::string& scope, const std::string& type, const std::string& version) const {
  check_name_part(scope, "scope");
  check_name_part(type, "type");
  require_directory(dir_);
  const auto latest_version = latest(scope, type);
  std::optional<ModelVersion> wanted = version == "latest" ? latest_version : ModelVersion::parse(version);
  if (!wanted) {
    if (version == "latest")
      throw std::invalid_argument("no " + scope + "_" + type + " model in " + dir_.string());
    throw std::invalid_argument("'" + version + "' is not a model version (expected YYYYMMDDTHHMMSSZ[-N] or latest)");
  }
  const registry::VersionName name{scope, type, *wanted};
  if (!fs::exists(dir_ / registry::meta_file_name(scope, type, *wanted)))
    throw std::invalid_argument("no " + scope + "_" + type + " model version " + wanted->str() + " in " + dir_.string());
  ModelEntry e = entry_from_meta(dir_, name);
  e.is_latest = latest_version == wanted;
  return e;
}

LoadedModel ModelRegistry::load(const std::string& scope, const std::string& type, const std::string& version) {
  const ModelEntry e = show(scope, type, version);
  const auto& sha = e.metadata.contains("sha256") ? e.metadata["sha256"] : nlohmann::json();
  if (!sha.is_string()) throw ModelIntegrityError("metadata file " + e.meta_file.string() + " has no sha256");
  const std::string expected = sha.get<std::string>();
  const std::string key = cache_key(e.file, expected);
  {
    std::lock_guard guard(cache_mutex_);
    if (auto hit = cache_.find(key); hit != cache_.end()) return {hit->second, e.metadata, e.version};
  }

  if (!fs::exists(e.file)) throw ModelIntegrityError("model file " + e.file.string() + " is missing");
  auto bytes = std::make_shared<const std::string>(registry::read_whole_file(e.file));
  const std::string actual = sha256_hex(*bytes);
  if (actual != expected) {
    std::string why = "its SHA-256 is " + actual + ", expected " + expected;
    if (e.metadata.contains("size_bytes") && e.metadata["size_bytes"].is_number_unsigned() &&
        e.metadata["size_bytes"].get<std::size_t>() != bytes->size())
      why = "it has " + std::to_string(bytes->size()) + " bytes, expected " +
            std::to_string(e.metadata["size_bytes"].get<std::size_t>()) + " (truncated?)";
    throw ModelIntegrityError("refusing to load model file " + e.file.string() + ": checksum mismatch, " + why);
  }
  std::lock_guard guard(cache_mutex_);
  cache_.emplace(key, bytes);
  return {bytes, e.metadata, e.version};
}

std::vector<ModelEntry> ModelRegistry::list() const {
  require_directory(dir_);
  std::vector<ModelEntry> out;
  for (const auto& item : fs::directory_iterator(dir_)) {
    const auto name = registry::parse_meta_file_name(item.path().filename().string());
    if (name) out.push_back(entry_from_meta(dir_, *name));
  }
  std::map<std::pair<std::string, std::string>, std::optional<ModelVersion>> latest_of;
  for (auto& e : out) {
    auto [it, fresh] = latest_of.try_emplace({e.scope, e.type});
    if (fresh) it->second = latest(e.scope, e.type);
    e.is_latest = it->second == e.version;
  }
  std::sort(out.begin(), out.end(), [](const ModelEntry& a, const ModelEntry& b) {
    if (a.version != b.version) return a.version > b.version;
    return std::tie(a.scope, a.type) < std::tie(b.scope, b.type);
  });
  return out;
}

std::vector<ModelEntry> ModelRegistry::prune(std::size_t keep, std::chrono::seconds watch) {
  if (keep < 1) throw std::invalid_argument("prune must keep at least one model per scope and type");
  require_directory(dir_);
  // Under the lock: a save that is moving `latest` must not interleave with the deletion.
  const auto lock = registry::directory_lock(dir_);
  const std::string watched_since = registry::utc_stamp(clock_() - watch);
  std::map<std::pair<std::string, std::string>, std::size_t> seen, past_latest;
  std::set<std::pair<std::string, std::string>> latest_seen;
  std::vector<ModelEntry> removed;
  for (auto& e : list()) {  // newest first: a version after its latest is older than it
    const std::pair<std::string, std::string> key{e.scope, e.type};
    const std::size_t rank = seen[key]++;
    if (e.is_latest) latest_seen.insert(key);
    const std::size_t behind = !e.is_latest && latest_seen.count(key) ? ++past_latest[key] : 0;
    if (rank < keep || e.is_latest || (behind > 0 && behind <= kRollbackDepth) || e.version.stamp > watched_since)
      continue;
    // Metadata first: a half-removed model is then merely unregistered, never listed.
    fs::remove(e.meta_file);
    fs::remove(e.file);
    removed.push_back(std::move(e));
  }
  const std::vector<std::string> litter = remove_litter(dir_);
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& e : removed) versions.push_back(e.scope + "_" + e.type + "_v" + e.version.str());
  if (!removed.empty() || !litter.empty()) {
    nlohmann::json event = {{"action", "prune"}, {"keep", keep}, {"watch_seconds", watch.count()}, {"removed", versions}};
    if (!litter.empty()) event["litter"] = litter;
    record_locked(std::move(event));
  }
  std::lock_guard guard(cache_mutex_);
  std::erase_if(cache_, [&](const auto& item) {
    return std::any_of(removed.begin(), removed.end(),
                       [&](const ModelEntry& e) { return item.first.starts_with(e.file.string() + '#'); });
  });
  return removed;
}

ModelEntry ModelRegistry::rollback(const std::string& scope, const std::string& type, const std::string& version,
                                   const std::string& who, const std::string& why) {
  require_directory(dir_);
  const auto lock = registry::directory_lock(dir_);
  const auto from = latest(scope, type);
  ModelEntry target = show(scope, type, version);  // throws for no such version
  load(scope, type, target.version.str());         // the bytes must be whole before latest points at them
  write_latest_pointer(dir_, scope, type, target.version);
  target.is_latest = true;
  record_locked({{"action", "rollback"}, {"scope", scope}, {"type", type}, {"version", target.version.str()},
                 {"from", from ? nlohmann::json(from->str()) : nlohmann::json()}, {"who", who}, {"why", why}});
  return target;
}

}  // namespace seatsync
