#pragma once
// The feature families, each filling its own columns of one row (float*, indexed by
// feature::Col). The batch builder and the single-row API call the same functions.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "ml/feature_schema.hpp"
#include "seatsync/dataset.hpp"
#include "seatsync/features.hpp"

namespace seatsync::feature {

inline constexpr float missing = std::numeric_limits<float>::quiet_NaN();

// ---- calendar (features_calendar.cpp) ----
int iso_week(Date d);
int season_year_of(Date d);  // seasons run July-June and are named by the year they start
void fill_sale_calendar(Date day, const HolidayCalendar& holidays, float* row);
void fill_game_calendar(Date game_day, const HolidayCalendar& holidays, float* row);

// ---- orders of one (game, code) as daily series (features_history.cpp) ----
struct PairHistory {
  Date origin;                      // day index 0; no order of the pair is earlier
  std::vector<int> tickets;         // per day
  std::vector<double> revenue;      // per day
  // The price in force on each day, known whether or not anyone bought: the average order price
  // of the latest sale day strictly before it, or the opening price before the pair's first
  // order. Size days + 1 (entry i reads only days < i), so a day's own sales never move it.
  std::vector<double> price;
  std::vector<std::int64_t> tickets_before;  // size days + 1: tickets on days < i
  std::vector<std::int32_t> orders_before;   // size days + 1: orders on days < i
  std::vector<std::int32_t> last_sale_before;  // size days + 1: last day index < i with a sale, -1 if none

  int index(Date d) const { return d - origin; }
  int days() const { return static_cast<int>(tickets.size()); }
  int tickets_on(Date d) const;
  double price_on(Date d) const;  // the price in force on d (opening price before the origin)
  double average_price_on(Date d) const;  // the day's own orders only; NaN without any
};

// `orders` are the pair's orders (any order); `last_day` the last day the series must cover;
// `opening_price` the price in force before the first order (the code's floor price).
PairHistory build_pair_history(std::span<const Transaction* const> orders, Date origin, Date last_day,
                               double opening_price);
// Occupancy, price history (lags, averages) and velocity for sale day `day`.
void fill_history(const PairHistory& history, Date day, int capacity, float* row);

// ---- market listings (features_market.cpp) ----
// The listings of one pool observed before a moving day, kept sorted by price.
class ListingWindow {
 public:
  explicit ListingWindow(std::vector<const Listing*> listings);  // any order
  void advance_to(Date day);  // takes in every listing observed before `day`; days never go back
  const std::vector<double>& prices() const { return sorted_prices_; }

 private:
  std::vector<const Listing*> by_date_;
  std::size_t taken_ = 0;
  std::vector<double> sorted_prices_;
};

// A code's own listings, and those of its group plus untied ones as the fallback.
struct MarketPools {
  ListingWindow code_level;
  ListingWindow group_level;
};
MarketPools market_pools(const Dataset& data, std::span<const Listing* const> game_listings, CodeIndex code);
void fill_competitor(MarketPools& pools, Date day, float* row);
// The offered price and the columns comparing it with yesterday's price and the market (price,
// price_change_1d, price_vs_comp_p50, price_vs_comp_p50_pct, comp_position), from the row's
// price_lag_1 and comp_p50: the only columns that move with the candidate price.
void set_offered_price(float* row, double price);

// ---- categories ----
// Label -> code of the categorical columns, from a column list (the dataset's or a model's).
struct CategoryCodes {
  std::unordered_map<std::string, int> opponent, group, code;
  explicit CategoryCodes(const std::vector<FeatureColumn>& columns);
  static float lookup(const std::unordered_map<std::string, int>& map, const std::string& label);
};

}  // namespace seatsync::feature
