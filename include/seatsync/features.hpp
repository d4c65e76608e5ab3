#pragma once
// The feature builder: one row per (game, price code, sale day) with calendar, holiday, weather,
// game, seat, lead-time, occupancy, competitor, price-history, velocity and interaction
// features, and the day's outcome as the target. Training (build_feature_table) and serving
// (features_for_row) fill rows through the same code, from the same column list
// (feature_columns), so a model never sees features computed two different ways.
// See docs/features.md for every column and the row policy.
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/date.hpp"
#include "seatsync/tabular.hpp"

namespace seatsync {

// ---- Holidays ---------------------------------------------------------------------------

struct Holiday {
  std::string name;
  Date date;      // the holiday itself
  Date observed;  // the day off: Saturday -> Friday before, Sunday -> Monday after
};

// US federal holidays of `year`, computed by rule (Juneteenth from 2021 on). Observed dates may
// fall in a neighbouring year (New Year's Day on a Saturday is observed on December 31).
std::vector<Holiday> us_federal_holidays(int year);

// A set of holiday days: both the actual and the observed date of every federal holiday of the
// years asked for, plus the caller's extra dates (local events, school breaks …).
class HolidayCalendar {
 public:
  HolidayCalendar(int first_year, int last_year, const std::vector<Date>& extra = {});
  bool is_holiday(Date d) const;
  // A Friday-to-Monday weekend holding `d` (d itself a Fri, Sat, Sun or Mon) with a holiday in it.
  bool is_holiday_weekend(Date d) const;
  // Days from `d` to the nearest holiday either way, capped at `cap`.
  int days_to_nearest(Date d, int cap = 60) const;

 private:
  std::vector<std::int32_t> days_;  // sorted, unique
};

// ---- Features -----------------------------------------------------------------------------

enum class FeatureTarget {
  demand,      // tickets sold that day
  conversion,  // 1 when the day had any sale, else 0
  price,       // quantity-weighted average price of the day's orders (NaN when none)
};
// Whatever the target, the `price` feature of day d is the price in force that day, read from
// orders before d only (docs/features.md, "No leakage").

struct GameWeather {  // a forecast or observation for game day; NaN = unknown
  double temperature = std::numeric_limits<double>::quiet_NaN();    // °C
  double precipitation = std::numeric_limits<double>::quiet_NaN();  // mm
  double wind = std::numeric_limits<double>::quiet_NaN();           // km/h
  double cloud_cover = std::numeric_limits<double>::quiet_NaN();    // %
};

struct FeatureOptions {
  // Only orders and listings dated before as_of are read; rows come from games dated on or
  // before it, for days before it (their outcome is complete). Unset = the day after the
  // latest order.
  std::optional<Date> as_of;
  std::vector<bool> include_game;         // per game index; empty = every game
  std::vector<Date> extra_holidays;       // added to the federal calendar
  std::unordered_map<std::string, GameWeather> weather;  // by game id; games absent stay NaN
  FeatureTarget target = FeatureTarget::demand;
  // Row policy: every day with a sale becomes a row; a day without one becomes a row with this
  // probability (a deterministic hash of game, code and day, so the same rows on every run).
  // 1 = every day. Reweight kept no-sale rows by 1 / fraction for unbiased rates.
  double no_sale_fraction = 0.2;
  int max_days_before = 365;  // the earliest row is never further from the game than this
};

// The feature list shared by training and serving, in column order. The categorical columns
// (opponent, price_group, price_code) take their categories from the dataset
// (feature_columns_for, build_feature_table) or a trained model. comp_position is an ordered
// number (0 budget, 1 market, 2 premium), so a model can be held monotone in it like in price.
const std::vector<FeatureColumn>& feature_columns();

// The columns with categories taken from `data` (opponents, groups, codes in dataset order).
std::vector<FeatureColumn> feature_columns_for(const Dataset& data);

// Which (game, code, sale day) a row of build_feature_table describes.
struct FeatureRowKey {
  GameIndex game = 0;
  CodeIndex code = 0;
  Date day;
};

// All training rows. y holds options.target; time holds each row's sale day. With `keys`, it
// receives one key per row, in row order.
Table build_feature_table(const Dataset& data, const FeatureOptions& options = {},
                          std::vector<FeatureRowKey>* keys = nullptr);

// Serving: the features of one row — `game`, `code`, sale day `day`, offered at `price` —
// computed by the same code as build_feature_table from the orders and listings dated before
// `day` (and before options.as_of, if set). `columns` are the trained model's (their
// categories map labels to codes; labels it never saw become NaN). `out` has one entry per column.
void features_for_row(const Dataset& data, const FeatureOptions& options,
                      const std::vector<FeatureColumn>& columns, GameIndex game, CodeIndex code,
                      Date day, double price, std::span<float> out);

// The same row at several candidate prices (one row of `out` per price), reading the pair's
// history once.
void features_for_prices(const Dataset& data, const FeatureOptions& options,
                         const std::vector<FeatureColumn>& columns, GameIndex game, CodeIndex code, Date day,
                         std::span<const double> prices, FeatureMatrix& out);

// A filled row (feature_columns() order) offered at another price: rewrites `price` and the
// columns comparing it with yesterday's price and the market, the only ones that depend on it.
void reprice_feature_row(std::span<float> row, double price);

}  // namespace seatsync
