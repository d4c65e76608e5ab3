#pragma once
// A readable overview of a season dataset: games per tier, and tickets, revenue and
// average price per price-code group and time bucket.
#include <map>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"

namespace seatsync {

struct SalesCell {
  long long orders = 0;
  long long tickets = 0;
  double revenue = 0.0;
  double average_price() const { return tickets > 0 ? revenue / static_cast<double>(tickets) : 0.0; }
};

struct SeasonSummary {
  std::size_t games = 0;
  std::size_t upcoming_games = 0;  // games with inventory rows
  std::map<int, std::size_t> games_per_tier;
  std::vector<std::string> groups;        // row order
  std::vector<std::string> buckets;       // column order, furthest first
  std::vector<std::vector<SalesCell>> by_group_bucket;  // [group][bucket]
  std::vector<SalesCell> by_group;
  SalesCell total;
  long long outside_buckets = 0;  // tickets sold before the first bucket opens
};

SeasonSummary summarize(const Dataset& data);

// Plain-text tables for a terminal.
std::string format_summary(const SeasonSummary& summary);

}  // namespace seatsync
