#include "bucket_sales.hpp"

#include <algorithm>
#include <limits>

namespace seatsync {

BucketSalesTable tabulate_bucket_sales(const Dataset& data, SalesKey key, Date as_of,
                                       const std::vector<bool>& include_game) {
  BucketSalesTable table;
  table.key = key;
  const auto groups = data.groups();
  table.n_games = data.games.size();
  table.n_buckets = data.params.buckets.size();
  table.key_of_code.resize(data.codes.size());
  if (key == SalesKey::group) {
    table.key_names = groups;
    table.key_groups = groups;
  } else {
    for (const auto& c : data.codes) {
      table.key_names.push_back(c.code);
      table.key_groups.push_back(c.group);
    }
  }
  table.n_keys = table.key_names.size();
  table.key_capacity.assign(table.n_keys, 0);
  for (std::size_t c = 0; c < data.codes.size(); ++c) {
    table.key_of_code[c] =
        key == SalesKey::code
            ? c
            : static_cast<std::size_t>(std::find(groups.begin(), groups.end(), data.codes[c].group) - groups.begin());
    table.key_capacity[table.key_of_code[c]] += data.codes[c].capacity;
  }

  table.cells.assign(table.n_games * table.n_keys * table.n_buckets, {});
  // days before the game -> bucket (-1: none), so the hot loop does one lookup per order.
  std::vector<int> bucket_of_day(static_cast<std::size_t>(data.params.max_days()) + 1, -1);
  for (std::size_t d = 0; d < bucket_of_day.size(); ++d)
    if (auto b = data.params.bucket_index(static_cast<int>(d))) bucket_of_day[d] = static_cast<int>(*b);
  for (const auto& t : data.transactions) {
    if (!include_game.empty() && !include_game[t.game]) continue;
    if (t.sold_date >= as_of) continue;
    const int days = data.days_before(t);
    if (days < 0 || days >= static_cast<int>(bucket_of_day.size()) || bucket_of_day[days] < 0) continue;
    const auto b = static_cast<std::size_t>(bucket_of_day[days]);
    auto& s = table.cells[(t.game * table.n_keys + table.key_of_code[t.code]) * table.n_buckets + b];
    s.tickets += t.quantity;
    s.orders += 1;
    s.order_price_sum += t.price;
  }

  // A bucket's last day is game_date - days_from: the bucket is complete once that day is past.
  table.closed.resize(table.n_games * table.n_buckets);
  for (std::size_t g = 0; g < table.n_games; ++g)
    for (std::size_t b = 0; b < table.n_buckets; ++b)
      table.closed[g * table.n_buckets + b] = data.games[g].date - data.params.buckets[b].days_from < as_of;
  return table;
}

}  // namespace seatsync
