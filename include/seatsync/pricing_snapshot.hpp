#pragma once
// Everything a live price is read from, built once and then immutable: the dataset, the
// planner's demand models fitted on sales before as_of, one closed-loop policy per upcoming
// (game, price code) and the registered ML models (loaded lazily). A service answers every
// request from one snapshot and swaps in a new one to reload (in-flight requests keep the old).
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/serving_models.hpp"
#include "seatsync/time_zone.hpp"

namespace seatsync {

struct SnapshotOptions {
  Date as_of;
  std::optional<std::filesystem::path> registry;  // the model registry; none = no ML models
  ServingModels::LoadObserver on_model_load;      // told about every model load (logs, metrics)
  ProgressFn progress;
};

class PricingSnapshot {
 public:
  // Fits the planner and solves the policy of every (game, code) in inventory on or after
  // as_of. Throws what the planner throws on data it cannot plan.
  static std::shared_ptr<const PricingSnapshot> build(Dataset data, SnapshotOptions options);
  PricingSnapshot(const PricingSnapshot&) = delete;
  PricingSnapshot& operator=(const PricingSnapshot&) = delete;

  const Dataset& data() const { return data_; }
  Date as_of() const { return as_of_; }
  const Planner& planner() const { return *planner_; }
  const ServingModels& models() const { return models_; }
  std::chrono::system_clock::time_point built_at() const { return built_at_; }
  // The venue's time zone (params.toml timezone); nullptr = dates as written.
  const TimeZone* zone() const { return zone_ ? &*zone_ : nullptr; }

  // The stored state of an upcoming (game, code); nullptr when inventory has no row for it.
  const InventoryRow* inventory(GameIndex game, CodeIndex code) const;
  // The policy solved for (game, code), valid for up to policy_seats() seats left; nullptr when
  // the game is not upcoming or the code has no inventory row.
  const CodePolicy* policy(GameIndex game, CodeIndex code) const;
  int policy_seats(GameIndex game, CodeIndex code) const;
  // The first bucket the policy covers (the bucket holding as_of).
  std::size_t policy_first_bucket(GameIndex game) const;
  std::span<const Listing> listings(GameIndex game) const;
  std::vector<GameIndex> upcoming_games() const;  // by date

 private:
  PricingSnapshot(Dataset data, const SnapshotOptions& options);
  struct Entry {
    const InventoryRow* row = nullptr;
    std::unique_ptr<CodePolicy> policy;
    int seats = 0;
  };
  Entry* entry(GameIndex game, CodeIndex code);
  const Entry* entry(GameIndex game, CodeIndex code) const;

  Dataset data_;  // first: the planner refers to it
  Date as_of_;
  std::unique_ptr<Planner> planner_;
  ServingModels models_;
  std::chrono::system_clock::time_point built_at_;
  std::optional<TimeZone> zone_;
  std::vector<Entry> entries_;                  // [game × codes + code]
  std::vector<std::size_t> listing_offsets_;    // listings_ of game g: [offsets[g], offsets[g + 1])
  std::vector<Listing> listings_;               // sorted by game
};

}  // namespace seatsync
