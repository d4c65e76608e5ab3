// Algorithm 2 of the thesis: each game contributes, per bucket, one sample — its average order
// price — to the cell (bucket, tickets it sold) of its tier's matrix; cells average their samples.
#include "seatsync/demand_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "bucket_sales.hpp"

namespace seatsync {

std::size_t DemandMatrix::observed_cells() const {
  return static_cast<std::size_t>((games.array() > 0).count());
}

namespace {

BucketSalesTable tabulate(const Dataset& data, const MatrixBuildOptions& options, SalesKey key) {
  return tabulate_bucket_sales(data, key, options.as_of ? *options.as_of : day_after_last_sale(data),
                               options.include_game);
}

}  // namespace

std::vector<DemandMatrix> build_matrices(const Dataset& data, const BucketSalesTable& sales, QuantityAxis axis,
                                         bool pool_tiers) {
  const SalesKey key = sales.key;
  std::vector<int> tiers = pool_tiers ? std::vector<int>{0} : data.params.tiers;
  if (tiers.empty()) tiers = data.tiers_present();
  std::map<int, std::size_t> tier_slot;
  for (std::size_t i = 0; i < tiers.size(); ++i) tier_slot[tiers[i]] = i;
  auto matrix_index = [&](std::size_t game, std::size_t k) -> std::optional<std::size_t> {
    auto it = tier_slot.find(pool_tiers ? 0 : data.games[game].tier);
    if (it == tier_slot.end()) return std::nullopt;
    return it->second * sales.n_keys + k;
  };
  // Visits every (matrix, bucket, sample) that enters a matrix.
  auto for_each_sample = [&](auto&& visit) {
    for (std::size_t g = 0; g < sales.n_games; ++g)
      for (std::size_t k = 0; k < sales.n_keys; ++k)
        for (std::size_t b = 0; b < sales.n_buckets; ++b) {
          const BucketSales& s = sales.at(g, k, b);
          if (s.tickets == 0 || !sales.is_closed(g, b)) continue;
          if (auto m = matrix_index(g, k)) visit(*m, b, s);
        }
  };

  std::vector<int> width(tiers.size() * sales.n_keys, 1);
  for (std::size_t i = 0; i < width.size(); ++i)
    if (axis == QuantityAxis::capacity) width[i] = std::max(1, sales.key_capacity[i % sales.n_keys]);
  if (axis == QuantityAxis::largest_seen)
    for_each_sample([&](std::size_t m, std::size_t, const BucketSales& s) { width[m] = std::max(width[m], s.tickets); });

  std::vector<DemandMatrix> out(tiers.size() * sales.n_keys);
  const auto rows = static_cast<Eigen::Index>(sales.n_buckets);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& m = out[i];
    const std::size_t k = i % sales.n_keys;
    m.tier = tiers[i / sales.n_keys];
    m.group = sales.key_groups[k];
    if (key == SalesKey::code) m.code = sales.key_names[k];
    for (const auto& b : data.params.buckets) m.bucket_names.push_back(b.name);
    m.price = Eigen::MatrixXd::Zero(rows, width[i]);
    m.games = Eigen::MatrixXi::Zero(rows, width[i]);
    m.orders = Eigen::MatrixXi::Zero(rows, width[i]);
  }
  for_each_sample([&](std::size_t i, std::size_t b, const BucketSales& s) {
    auto& m = out[i];
    // Valid data never exceeds a capacity axis; clamp defensively all the same.
    const auto col = static_cast<Eigen::Index>(std::min(s.tickets, m.max_quantity()) - 1);
    const auto row = static_cast<Eigen::Index>(b);
    m.price(row, col) += s.average_order_price();
    m.games(row, col) += 1;
    m.orders(row, col) += s.orders;
  });
  for (auto& m : out)
    m.price = (m.games.array() > 0)
                  .select(m.price.array() / m.games.cast<double>().array(), std::numeric_limits<double>::quiet_NaN());
  return out;
}

std::vector<DemandMatrix> build_group_matrices(const Dataset& data, const MatrixBuildOptions& options) {
  return build_matrices(data, tabulate(data, options, SalesKey::group), options.axis, false);
}

std::vector<DemandMatrix> build_code_matrices(const Dataset& data, const MatrixBuildOptions& options) {
  return build_matrices(data, tabulate(data, options, SalesKey::code), options.axis, false);
}

std::vector<DemandMatrix> build_pooled_group_matrices(const Dataset& data, const MatrixBuildOptions& options) {
  return build_matrices(data, tabulate(data, options, SalesKey::group), options.axis, true);
}

std::vector<DemandMatrix> build_pooled_code_matrices(const Dataset& data, const MatrixBuildOptions& options) {
  return build_matrices(data, tabulate(data, options, SalesKey::code), options.axis, true);
}
}  // namespace seatsync
