#pragma once
// How replicas of `seatsync serve` that share a store tell each other to reload: a generation
// number kept in the store (migration 6). A reload on one replica announces a new generation;
// every replica polls the number and reloads when it moved. Polling one row every few seconds
// costs nothing next to /score traffic, and unlike LISTEN/NOTIFY a replica that was down or
// disconnected when the reload happened still sees it when it comes back.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace seatsync {

class ReloadSignal {
 public:
  virtual ~ReloadSignal() = default;
  // The generation now in the store; 0 before the first announced reload.
  virtual std::int64_t generation() = 0;
  // Adds one to the generation (atomically, however many replicas announce at once) and
  // returns the new value.
  virtual std::int64_t announce() = 0;
};

// The store at `location` (store.hpp: a SQLite file or a postgresql:// URL), migrated if needed.
// Thread-safe: the calls of one object may come from several threads.
std::unique_ptr<ReloadSignal> open_reload_signal(const std::string& location);
std::unique_ptr<ReloadSignal> open_sqlite_reload_signal(const std::filesystem::path& file);
std::unique_ptr<ReloadSignal> open_postgres_reload_signal(const std::string& url);

}  // namespace seatsync
