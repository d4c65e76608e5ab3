#pragma once
// The one feature list: every column's name, kind and description, in column order. The enum
// and feature_columns() are both generated from it, so code indexes columns by name and the
// list can never drift from what the filler writes.
#include <cstddef>

// X(name, categorical, description)
#define SEATSYNC_FEATURE_LIST(X)                                                                        \
  X(sale_day_of_week, false, "Sale day: day of week, 0 = Sunday … 6 = Saturday")                      \
  X(sale_day_of_month, false, "Sale day: day of month, 1-31")                                         \
  X(sale_week_of_year, false, "Sale day: ISO week of the year, 1-53")                                 \
  X(sale_month, false, "Sale day: month, 1-12")                                                       \
  X(sale_quarter, false, "Sale day: quarter, 1-4")                                                    \
  X(sale_is_weekend, false, "Sale day is a Saturday or Sunday")                                       \
  X(sale_is_month_start, false, "Sale day is the first of its month")                                 \
  X(sale_is_month_end, false, "Sale day is the last of its month")                                    \
  X(sale_is_holiday, false, "Sale day is a holiday (federal, actual or observed, or a caller's extra date)") \
  X(game_day_of_week, false, "Game day: day of week, 0 = Sunday … 6 = Saturday")                      \
  X(game_day_of_month, false, "Game day: day of month, 1-31")                                         \
  X(game_week_of_year, false, "Game day: ISO week of the year, 1-53")                                 \
  X(game_month, false, "Game day: month, 1-12")                                                       \
  X(game_quarter, false, "Game day: quarter, 1-4")                                                    \
  X(game_is_weekend, false, "Game day is a Saturday or Sunday")                                       \
  X(game_is_month_start, false, "Game day is the first of its month")                                 \
  X(game_is_month_end, false, "Game day is the last of its month")                                    \
  X(game_is_holiday, false, "Game day is a holiday")                                                  \
  X(game_holiday_weekend, false, "Game day is in a Friday-Monday weekend holding a holiday")          \
  X(game_days_to_holiday, false, "Days from game day to the nearest holiday, capped at 60")           \
  X(season_year, false, "Season of the game: the year it starts (seasons run July-June)")            \
  X(season_fall, false, "Game in September-November")                                                 \
  X(season_winter, false, "Game in December-February")                                                \
  X(season_spring, false, "Game in March-May")                                                        \
  X(season_summer, false, "Game in June-August")                                                      \
  X(weather_temperature, false, "Game-day temperature, °C (caller's weather map; NaN if absent)")     \
  X(weather_precipitation, false, "Game-day precipitation, mm (NaN if absent)")                       \
  X(weather_wind, false, "Game-day wind speed, km/h (NaN if absent)")                                 \
  X(weather_cloud_cover, false, "Game-day cloud cover, % (NaN if absent)")                            \
  X(game_tier, false, "Game tier, 1 = most attractive")                                               \
  X(opponent, true, "Opponent (categorical; empty = unknown)")                                        \
  X(price_group, true, "Price-code group (categorical)")                                              \
  X(price_code, true, "Price code (categorical)")                                                     \
  X(code_capacity, false, "Seats of the price code per game")                                         \
  X(code_floor_price, false, "The code's floor (season-ticket) price, its reference price")          \
  X(code_price_rank, false, "Rank of the code's reference price among all codes, 0 = cheapest, 1 = dearest") \
  X(days_before, false, "Days from the sale day to the game, 0 = game day")                           \
  X(lead_last_minute, false, "days_before <= 3")                                                      \
  X(lead_short, false, "days_before 4-14")                                                            \
  X(lead_medium, false, "days_before 15-60")                                                          \
  X(lead_long, false, "days_before > 60")                                                             \
  X(bucket_index, false, "Index of the params.toml time bucket holding days_before (0 = furthest)")  \
  X(sold_before, false, "Tickets of this game and code sold before the sale day")                     \
  X(sell_through, false, "sold_before / capacity")                                                    \
  X(remaining_share, false, "Share of capacity still unsold before the sale day, 1 - sell_through (>= 0)") \
  X(comp_count, false, "Market listings observed before the sale day (see docs: code or group pool)") \
  X(comp_p10, false, "10th percentile of those listings' prices")                                     \
  X(comp_p50, false, "Median of those listings' prices")                                              \
  X(comp_p90, false, "90th percentile of those listings' prices")                                     \
  X(comp_range, false, "comp_p90 - comp_p10")                                                         \
  X(price_vs_comp_p50, false, "price - comp_p50")                                                     \
  X(price_vs_comp_p50_pct, false, "(price - comp_p50) / comp_p50")                                    \
  X(comp_position, false, "Our price vs the market median, ordered: 0 = budget (< 0.9 x p50), 1 = market, 2 = premium (> 1.1 x p50)") \
  X(price, false, "Our price in force that day: the last order price before it (the floor before any order)") \
  X(price_lag_1, false, "Our price 1 day earlier")                                                    \
  X(price_lag_7, false, "Our price 7 days earlier")                                                   \
  X(price_lag_30, false, "Our price 30 days earlier")                                                 \
  X(price_ma_7, false, "Mean of our price over the 7 days before")                                    \
  X(price_ma_30, false, "Mean of our price over the 30 days before")                                  \
  X(price_change_1d, false, "price - price_lag_1")                                                    \
  X(price_volatility_7d, false, "Standard deviation of our price over the 7 days before")             \
  X(sold_last_1d, false, "Tickets sold the day before")                                               \
  X(sold_last_7d, false, "Tickets sold in the 7 days before")                                         \
  X(sold_last_14d, false, "Tickets sold in the 14 days before")                                       \
  X(orders_before, false, "Orders of this game and code before the sale day")                         \
  X(days_since_last_sale, false, "Days since the last sale of this game and code (NaN if none)")      \
  X(weekend_fall, false, "game_is_weekend x season_fall")                                             \
  X(weekend_winter, false, "game_is_weekend x season_winter")                                         \
  X(weekend_spring, false, "game_is_weekend x season_spring")                                         \
  X(weekend_summer, false, "game_is_weekend x season_summer")                                         \
  X(holiday_x_weekend, false, "game_is_holiday x game_is_weekend")                                    \
  X(last_minute_x_weekend, false, "lead_last_minute x game_is_weekend")                               \
  X(tier_x_days_before, false, "game_tier x days_before")                                             \
  X(occupancy_x_weekend, false, "sell_through x game_is_weekend")                                     \
  X(rain_x_weekend, false, "precipitation > 0 x game_is_weekend (NaN without weather)")

namespace seatsync::feature {

enum Col : int {
#define SEATSYNC_FEATURE_ENUM(name, categorical, description) name,
  SEATSYNC_FEATURE_LIST(SEATSYNC_FEATURE_ENUM)
#undef SEATSYNC_FEATURE_ENUM
  column_count
};

}  // namespace seatsync::feature
