#pragma once
// Sales per (game, key, time bucket), where the key is a price-code group or a single price
// code: the unit both the Demand Matrix (thesis Algorithm 2) and its evaluation work on.
#include <cstddef>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/demand_matrix.hpp"

namespace seatsync {

enum class SalesKey { group, code };

struct BucketSales {
  int tickets = 0;
  int orders = 0;
  double order_price_sum = 0.0;  // sum of per-ticket order prices: their unweighted mean is the thesis's
  double average_order_price() const { return order_price_sum / orders; }
};

struct BucketSalesTable {
  SalesKey key = SalesKey::group;
  std::size_t n_games = 0, n_keys = 0, n_buckets = 0;
  std::vector<std::string> key_names;   // group names or codes
  std::vector<std::string> key_groups;  // the group of each key
  std::vector<std::size_t> key_of_code; // price code -> key
  std::vector<int> key_capacity;        // seats per game under each key
  std::vector<BucketSales> cells;

  const BucketSales& at(std::size_t game, std::size_t key, std::size_t bucket) const {
    return cells[(game * n_keys + key) * n_buckets + bucket];
  }
  // False when as_of had not yet closed the bucket for the game (its sales are incomplete).
  std::vector<bool> closed;  // [game * n_buckets + bucket]
  bool is_closed(std::size_t game, std::size_t bucket) const { return closed[game * n_buckets + bucket]; }
};

// Tabulates orders dated before `as_of` of the games with include_game[g] (all when empty).
BucketSalesTable tabulate_bucket_sales(const Dataset& data, SalesKey key, Date as_of,
                                       const std::vector<bool>& include_game);

// Algorithm 2 over a tabulation: one matrix per (tier in use, key), or per key pooled over
// tiers (tier 0). Lets a caller build tier and pooled matrices from one pass over the orders.
std::vector<DemandMatrix> build_matrices(const Dataset& data, const BucketSalesTable& sales, QuantityAxis axis,
                                         bool pool_tiers);

}  // namespace seatsync
