#pragma once
// One row of features from its parts: what is fixed for a (game, code), and the sale day's
// calendar, history and market values. Batch and serving both go through fill_row.
#include <array>

#include "ml/feature_parts.hpp"

namespace seatsync::feature {

inline constexpr int sale_calendar_width = sale_is_holiday - sale_day_of_week + 1;
using SaleCalendar = std::array<float, sale_calendar_width>;
SaleCalendar sale_calendar(Date day, const HolidayCalendar& holidays);

// What every row of a dataset shares.
struct BuildContext {
  const Dataset& data;
  const FeatureOptions& options;
  Date as_of;  // orders and listings from this day on are never read
  HolidayCalendar holidays;
  CategoryCodes categories;
  std::vector<float> code_price_rank;  // per code

  BuildContext(const Dataset& data, const FeatureOptions& options, const std::vector<FeatureColumn>& columns);
};

// One (game, code): its fixed columns, orders as daily series and market listings.
struct PairState {
  GameIndex game;
  CodeIndex code;
  std::array<float, column_count> fixed;  // day-independent columns; the rest NaN
  PairHistory history;
  MarketPools pools;
};

// `orders` and `listings` are the pair's orders and the game's listings dated before as_of;
// the history covers `first_day` (at least) to game day.
PairState make_pair_state(const BuildContext& ctx, GameIndex game, CodeIndex code,
                          std::span<const Transaction* const> orders, std::span<const Listing* const> listings,
                          Date first_day);

// Fills every column of the row of `day` offered at `price`. Days must not go back between
// calls on the same state (the listing windows only move forward).
void fill_row(const BuildContext& ctx, PairState& pair, Date day, double price, const SaleCalendar& calendar,
              float* row);

// The day's offered price as the batch defines it, for every target: the price in force that
// day (PairHistory::price), never read from the day's own orders — their presence, count or
// price is the target, and a price that moved only when a sale happened would reveal it.
double row_price(const PairState& pair, Date day);

}  // namespace seatsync::feature
