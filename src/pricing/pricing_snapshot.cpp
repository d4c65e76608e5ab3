// Building the immutable state the service prices from.
#include "seatsync/pricing_snapshot.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "../plan/parallel_for.hpp"

namespace seatsync {

std::shared_ptr<const PricingSnapshot> PricingSnapshot::build(Dataset data, SnapshotOptions options) {
  return std::shared_ptr<const PricingSnapshot>(new PricingSnapshot(std::move(data), options));
}

PricingSnapshot::PricingSnapshot(Dataset data, const SnapshotOptions& options)
    : data_(std::move(data)),
      as_of_(options.as_of),
      models_(options.registry, options.on_model_load),
      built_at_(std::chrono::system_clock::now()) {
  if (!data_.params.timezone.empty()) zone_ = TimeZone::locate(data_.params.timezone);
  planner_ = std::make_unique<Planner>(data_, as_of_, data_.params.plan);
  entries_.resize(data_.games.size() * data_.codes.size());
  std::vector<Entry*> todo;
  for (const auto& row : data_.inventory) {
    if (data_.games[row.game].date < as_of_) continue;
    Entry* e = entry(row.game, row.code);
    e->row = &row;
    // Planned for every seat the code has, not only those left today, so a request that reports
    // more seats (returns, a release of held seats) reads the same policy.
    e->seats = std::max(row.remaining, data_.codes[row.code].capacity);
    todo.push_back(e);
  }
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  parallel_for(todo.size(), [&](std::size_t i) {
    Entry& e = *todo[i];
    if (e.seats > 0)
      e.policy = planner_->policy(e.row->game, e.row->code, e.seats, as_of_, e.row->current_price);
    const std::size_t finished = ++done;
    std::lock_guard lock(progress_mutex);
    report(options.progress, "policies", finished, todo.size());
  });

  listings_ = data_.listings;
  std::stable_sort(listings_.begin(), listings_.end(), [](const Listing& a, const Listing& b) { return a.game < b.game; });
  listing_offsets_.assign(data_.games.size() + 1, 0);
  for (const auto& l : listings_) ++listing_offsets_[l.game + 1];
  for (std::size_t g = 0; g < data_.games.size(); ++g) listing_offsets_[g + 1] += listing_offsets_[g];
}

PricingSnapshot::Entry* PricingSnapshot::entry(GameIndex game, CodeIndex code) {
  return &entries_[static_cast<std::size_t>(game) * data_.codes.size() + code];
}
const PricingSnapshot::Entry* PricingSnapshot::entry(GameIndex game, CodeIndex code) const {
  if (game >= data_.games.size() || code >= data_.codes.size()) return nullptr;
  return &entries_[static_cast<std::size_t>(game) * data_.codes.size() + code];
}

const InventoryRow* PricingSnapshot::inventory(GameIndex game, CodeIndex code) const {
  const Entry* e = entry(game, code);
  return e ? e->row : nullptr;
}
const CodePolicy* PricingSnapshot::policy(GameIndex game, CodeIndex code) const {
  const Entry* e = entry(game, code);
  return e ? e->policy.get() : nullptr;
}
int PricingSnapshot::policy_seats(GameIndex game, CodeIndex code) const {
  const Entry* e = entry(game, code);
  return e ? e->seats : 0;
}

std::size_t PricingSnapshot::policy_first_bucket(GameIndex game) const {
  return data_.params.bucket_index(data_.games[game].date - as_of_).value_or(0);
}

std::span<const Listing> PricingSnapshot::listings(GameIndex game) const {
  if (game >= data_.games.size()) return {};
  return {listings_.data() + listing_offsets_[game], listing_offsets_[game + 1] - listing_offsets_[game]};
}

std::vector<GameIndex> PricingSnapshot::upcoming_games() const {
  std::vector<GameIndex> out;
  for (const auto& row : data_.inventory)
    if (data_.games[row.game].date >= as_of_ && std::find(out.begin(), out.end(), row.game) == out.end())
      out.push_back(row.game);
  std::sort(out.begin(), out.end(), [&](GameIndex a, GameIndex b) { return data_.games[a].date < data_.games[b].date; });
  return out;
}

}  // namespace seatsync
