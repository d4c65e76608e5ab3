#pragma once
// The keys that may call write routes (--api-keys FILE: one `sha256:<hex>` line per key, the
// key's digest, or — for files written before — the key itself, with a warning; blank lines and
// lines starting with # are skipped). Only SHA-256 digests are kept, on disk and in memory, and a
// presented key's digest is compared against every digest in constant time, so neither the
// file, a memory dump nor response timing gives a key away.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace seatsync::service {

class ApiKeys {
 public:
  ApiKeys() = default;  // no keys: every write is refused
  // std::runtime_error naming the file (and line) when it cannot be read or holds a bad key.
  static ApiKeys load(const std::filesystem::path& file);
  static ApiKeys from_keys(const std::vector<std::string>& keys);

  bool empty() const { return digests_.empty(); }
  std::size_t size() const { return digests_.size(); }
  // True when `authorization` is "Bearer KEY" with KEY one of the keys.
  bool allows(std::string_view authorization) const;

 private:
  std::vector<std::string> digests_;  // SHA-256, hex
};

}  // namespace seatsync::service
