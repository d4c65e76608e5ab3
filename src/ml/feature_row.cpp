// Filling one row: fixed (game, code) columns, then the sale day's families, then interactions.
#include <algorithm>
#include <cmath>
#include <limits>

#include "ml/feature_row.hpp"

namespace seatsync::feature {
namespace {

Date default_as_of(const Dataset& data) {
  // Everything recorded counts: the day after the latest order (or game, without orders).
  if (data.last_sale_day()) return day_after_last_sale(data);
  std::int32_t latest = std::numeric_limits<std::int32_t>::min();
  for (const auto& g : data.games) latest = std::max(latest, g.date.days());
  return Date::from_days(latest == std::numeric_limits<std::int32_t>::min() ? 0 : latest + 1);
}

HolidayCalendar holidays_for(const Dataset& data, const FeatureOptions& options) {
  int first = 9999, last = 0;
  for (const auto& g : data.games) {
    first = std::min(first, g.date.year());
    last = std::max(last, g.date.year());
  }
  if (first > last) first = last = 2000;
  // Sales run up to a year (max_days_before) ahead of the game.
  return HolidayCalendar(first - 2, last + 1, options.extra_holidays);
}

std::vector<float> price_ranks(const Dataset& data) {
  // Ties share a rank; normalised so that the scale does not depend on the number of codes.
  std::vector<float> ranks(data.codes.size(), 0.0f);
  if (data.codes.size() < 2) return ranks;
  for (std::size_t i = 0; i < data.codes.size(); ++i) {
    int below = 0;
    for (const auto& other : data.codes) below += other.floor_price < data.codes[i].floor_price;
    ranks[i] = static_cast<float>(below) / static_cast<float>(data.codes.size() - 1);
  }
  return ranks;
}

float flag(bool b) { return b ? 1.0f : 0.0f; }

}  // namespace

SaleCalendar sale_calendar(Date day, const HolidayCalendar& holidays) {
  std::array<float, column_count> row;
  fill_sale_calendar(day, holidays, row.data());
  SaleCalendar out;
  std::copy_n(row.begin() + sale_day_of_week, sale_calendar_width, out.begin());
  return out;
}

BuildContext::BuildContext(const Dataset& data_, const FeatureOptions& options_,
                           const std::vector<FeatureColumn>& columns)
    : data(data_),
      options(options_),
      as_of(options_.as_of.value_or(default_as_of(data_))),
      holidays(holidays_for(data_, options_)),
      categories(columns),
      code_price_rank(price_ranks(data_)) {}

PairState make_pair_state(const BuildContext& ctx, GameIndex game, CodeIndex code,
                          std::span<const Transaction* const> orders, std::span<const Listing* const> listings,
                          Date first_day) {
  const Game& g = ctx.data.games[game];
  const PriceCode& c = ctx.data.codes[code];
  // Thirty days of slack before the first row keep the 30-day lags inside the series.
  Date origin = first_day - 31;
  for (const Transaction* t : orders) origin = std::min(origin, t->sold_date);
  PairState pair{game, code, {}, build_pair_history(orders, origin, g.date, c.floor_price), market_pools(ctx.data, listings, code)};

  float* row = pair.fixed.data();
  std::fill(pair.fixed.begin(), pair.fixed.end(), missing);
  fill_game_calendar(g.date, ctx.holidays, row);
  if (auto it = ctx.options.weather.find(g.id); it != ctx.options.weather.end()) {
    row[weather_temperature] = static_cast<float>(it->second.temperature);
    row[weather_precipitation] = static_cast<float>(it->second.precipitation);
    row[weather_wind] = static_cast<float>(it->second.wind);
    row[weather_cloud_cover] = static_cast<float>(it->second.cloud_cover);
  }
  row[game_tier] = static_cast<float>(g.tier);
  row[Col::opponent] = CategoryCodes::lookup(ctx.categories.opponent, g.opponent);
  row[Col::price_group] = CategoryCodes::lookup(ctx.categories.group, c.group);
  row[Col::price_code] = CategoryCodes::lookup(ctx.categories.code, c.code);
  row[code_capacity] = static_cast<float>(c.capacity);
  row[code_floor_price] = static_cast<float>(c.floor_price);
  row[Col::code_price_rank] = ctx.code_price_rank[code];
  return pair;
}

void fill_row(const BuildContext& ctx, PairState& pair, Date day, double price, const SaleCalendar& calendar,
              float* row) {
  std::copy(pair.fixed.begin(), pair.fixed.end(), row);
  std::copy(calendar.begin(), calendar.end(), row + sale_day_of_week);

  const Game& g = ctx.data.games[pair.game];
  const int before = g.date - day;
  row[days_before] = static_cast<float>(before);
  row[lead_last_minute] = flag(before <= 3);
  row[lead_short] = flag(before > 3 && before <= 14);
  row[lead_medium] = flag(before > 14 && before <= 60);
  row[lead_long] = flag(before > 60);
  const auto bucket = ctx.data.params.bucket_index(before);
  row[bucket_index] = bucket ? static_cast<float>(*bucket) : missing;

  fill_history(pair.history, day, ctx.data.codes[pair.code].capacity, row);
  fill_competitor(pair.pools, day, row);
  set_offered_price(row, price);

  const float weekend = row[game_is_weekend];
  row[weekend_fall] = weekend * row[season_fall];
  row[weekend_winter] = weekend * row[season_winter];
  row[weekend_spring] = weekend * row[season_spring];
  row[weekend_summer] = weekend * row[season_summer];
  row[holiday_x_weekend] = weekend * row[game_is_holiday];
  row[last_minute_x_weekend] = weekend * row[lead_last_minute];
  row[tier_x_days_before] = row[game_tier] * row[days_before];
  row[occupancy_x_weekend] = weekend * row[sell_through];
  const float rain = row[weather_precipitation];
  row[rain_x_weekend] = std::isnan(rain) ? missing : weekend * flag(rain > 0.0f);
}

double row_price(const PairState& pair, Date day) { return pair.history.price_on(day); }

}  // namespace seatsync::feature
