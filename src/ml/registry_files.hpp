#pragma once
// The registry's on-disk vocabulary: file names, the lock, and whole-file reads. Kept apart
// from ModelRegistry so the naming rules live in one place.
#include <chrono>
#include <filesystem>

#include "seatsync/file_lock.hpp"
#include <optional>
#include <string>
#include <string_view>

#include "seatsync/model_registry.hpp"

namespace seatsync::registry {

// std::invalid_argument unless `name` is non-empty [A-Za-z0-9-]; `what` names the field.
void check_name_part(const std::string& name, const char* what);

// "YYYYMMDDTHHMMSSZ" for the UTC second containing `t`.
std::string utc_stamp(std::chrono::system_clock::time_point t);

// "YYYY-MM-DDTHH:MM:SSZ", for created_at.
std::string utc_iso8601(std::chrono::system_clock::time_point t);

std::string model_file_name(const std::string& scope, const std::string& type, const ModelVersion& v);
std::string meta_file_name(const std::string& scope, const std::string& type, const ModelVersion& v);
std::string latest_file_name(const std::string& scope, const std::string& type);
inline constexpr const char* kLockFileName = "registry.lock";
inline constexpr const char* kHistoryFileName = "history.jsonl";

struct VersionName {
  std::string scope, type;
  ModelVersion version;
};
// Parses "{scope}_{type}_v{version}.meta.json"; std::nullopt for any other file.
std::optional<VersionName> parse_meta_file_name(std::string_view file_name);
// Parses "{scope}_{type}_v{version}.json" (the model bytes); std::nullopt otherwise.
std::optional<VersionName> parse_model_file_name(std::string_view file_name);

std::string read_whole_file(const std::filesystem::path& file);

// Writes `bytes` to a new file in `dir` whose name no other writer can pick and fsyncs it;
// the caller renames it into place (or removes it).
std::filesystem::path write_unique_temp(const std::filesystem::path& dir, std::string_view bytes);

// The lock serialising the read-compare-write steps of the registry's writers, across processes.
inline FileLock directory_lock(const std::filesystem::path& dir) { return FileLock(dir / kLockFileName); }

}  // namespace seatsync::registry
