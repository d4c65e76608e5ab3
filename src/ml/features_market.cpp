// Competitor / secondary-market features: where our price sits among the listings seen for the
// same game before the sale day.
#include <algorithm>
#include <cmath>

#include "ml/feature_parts.hpp"
#include "seatsync/sample_quantile.hpp"

namespace seatsync::feature {

ListingWindow::ListingWindow(std::vector<const Listing*> listings) : by_date_(std::move(listings)) {
  std::stable_sort(by_date_.begin(), by_date_.end(),
                   [](const Listing* a, const Listing* b) { return a->observed_date < b->observed_date; });
}

void ListingWindow::advance_to(Date day) {
  for (; taken_ < by_date_.size() && by_date_[taken_]->observed_date < day; ++taken_) {
    const double p = by_date_[taken_]->price;
    sorted_prices_.insert(std::upper_bound(sorted_prices_.begin(), sorted_prices_.end(), p), p);
  }
}

MarketPools market_pools(const Dataset& data, std::span<const Listing* const> game_listings, CodeIndex code) {
  std::vector<const Listing*> own, group;
  const std::string& our_group = data.codes[code].group;
  for (const Listing* l : game_listings) {
    if (l->code && *l->code == code) own.push_back(l);
    if (!l->code || data.codes[*l->code].group == our_group) group.push_back(l);
  }
  return {ListingWindow(std::move(own)), ListingWindow(std::move(group))};
}

void fill_competitor(MarketPools& pools, Date day, float* row) {
  pools.code_level.advance_to(day);
  pools.group_level.advance_to(day);
  // The code's own listings are the closest comparison; without any, fall back to its group's
  // and to listings tied to no code.
  const auto& prices = pools.code_level.prices().empty() ? pools.group_level.prices() : pools.code_level.prices();
  row[comp_count] = static_cast<float>(prices.size());
  if (prices.empty()) {
    for (int c : {comp_p10, comp_p50, comp_p90, comp_range}) row[c] = missing;
    return;
  }
  const double p10 = sorted_quantile(prices, 0.10), p50 = sorted_quantile(prices, 0.50), p90 = sorted_quantile(prices, 0.90);
  row[comp_p10] = static_cast<float>(p10);
  row[comp_p50] = static_cast<float>(p50);
  row[comp_p90] = static_cast<float>(p90);
  row[comp_range] = static_cast<float>(p90 - p10);
}

void set_offered_price(float* row, double price) {
  const double before = row[price_lag_1], p50 = row[comp_p50];
  row[Col::price] = static_cast<float>(price);
  row[price_change_1d] = static_cast<float>(price - before);
  if (std::isnan(p50) || std::isnan(price)) {
    row[price_vs_comp_p50] = row[price_vs_comp_p50_pct] = row[comp_position] = missing;
    return;
  }
  row[price_vs_comp_p50] = static_cast<float>(price - p50);
  row[price_vs_comp_p50_pct] = p50 > 0 ? static_cast<float>((price - p50) / p50) : missing;
  row[comp_position] = price < 0.9 * p50 ? 0.0f : price > 1.1 * p50 ? 2.0f : 1.0f;
}

}  // namespace seatsync::feature
