// The training table (every kept row of every game and code) and the single serving row, both
// through feature_row.cpp. Rows of different (game, code) pairs are independent, so the batch
// lays out rows first and then fills pairs in parallel.
#include <algorithm>
#include <atomic>
#include <limits>
#include <stdexcept>
#include <thread>

#include "ml/feature_row.hpp"
#include "seatsync/features.hpp"

namespace seatsync {
namespace {

using feature::BuildContext;
using feature::PairState;

// A deterministic uniform number in [0, 1) per (game, code, day): which no-sale days are kept
// does not change between runs, machines or thread counts.
double keep_draw(GameIndex game, CodeIndex code, Date day) {
  std::uint64_t x = (static_cast<std::uint64_t>(game) << 40) ^ (static_cast<std::uint64_t>(code) << 24) ^
                    static_cast<std::uint32_t>(day.days());
  x += 0x9e3779b97f4a7c15ULL;  // splitmix64 finaliser
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

// The first row day of a pair: the earlier of its first sale and the furthest bucket day, never
// more than max_days_before from the game.
Date first_row_day(const BuildContext& ctx, const Game& game, std::span<const Transaction* const> orders) {
  int furthest = ctx.data.params.max_days();
  for (const Transaction* t : orders) furthest = std::max(furthest, game.date - t->sold_date);
  return game.date - std::min(furthest, ctx.options.max_days_before);
}

struct PairRows {
  GameIndex game;
  CodeIndex code;
  Date first_day;
  std::size_t offset = 0;  // first row in the table
  std::vector<Date> days;  // kept row days, ascending
};

std::vector<Date> kept_days(const BuildContext& ctx, GameIndex game, CodeIndex code, Date first, Date last,
                            std::span<const Transaction* const> orders) {
  std::vector<std::int32_t> sale_days;
  for (const Transaction* t : orders)
    if (t->quantity > 0) sale_days.push_back(t->sold_date.days());
  std::sort(sale_days.begin(), sale_days.end());
  std::vector<Date> days;
  for (Date d = first; d <= last; d = d + 1) {
    const bool sale = std::binary_search(sale_days.begin(), sale_days.end(), d.days());
    if (sale || keep_draw(game, code, d) < ctx.options.no_sale_fraction) days.push_back(d);
  }
  return days;
}

float target_of(const feature::PairHistory& history, Date day, FeatureTarget target) {
  switch (target) {
    case FeatureTarget::demand: return static_cast<float>(history.tickets_on(day));
    case FeatureTarget::conversion: return history.tickets_on(day) > 0 ? 1.0f : 0.0f;
    case FeatureTarget::price: return static_cast<float>(history.average_price_on(day));
  }
  return feature::missing;
}

std::vector<const Listing*> game_listings_before(const Dataset& data, GameIndex game, Date as_of) {
  std::vector<const Listing*> out;
  for (const auto& l : data.listings)
    if (l.game == game && l.observed_date < as_of) out.push_back(&l);
  return out;
}

}  // namespace

Table build_feature_table(const Dataset& data, const FeatureOptions& options, std::vector<FeatureRowKey>* keys) {
  Table table;
  table.columns = feature_columns_for(data);
  const BuildContext ctx(data, options, table.columns);
  const std::size_t n_codes = data.codes.size();

  std::vector<std::vector<const Transaction*>> orders(data.games.size() * n_codes);
  for (const auto& t : data.transactions)
    if (t.sold_date < ctx.as_of && t.game < data.games.size() && t.code < n_codes)
      orders[t.game * n_codes + t.code].push_back(&t);
  std::vector<std::vector<const Listing*>> listings(data.games.size());
  for (const auto& l : data.listings)
    if (l.observed_date < ctx.as_of && l.game < data.games.size()) listings[l.game].push_back(&l);

  // Pass 1: which rows exist, so that the matrix is allocated once and pairs fill it in parallel.
  std::vector<PairRows> pairs;
  std::size_t total = 0;
  Date min_day = Date::from_days(std::numeric_limits<std::int32_t>::max()), max_day = Date::from_days(0);
  for (GameIndex g = 0; g < data.games.size(); ++g) {
    if (!options.include_game.empty() && (g >= options.include_game.size() || !options.include_game[g])) continue;
    const Game& game = data.games[g];
    // Only games played by as_of: an upcoming game's early days would skew training towards
    // long lead times, and its outcome is not known yet.
    if (game.date > ctx.as_of) continue;
    const Date last = std::min(game.date, ctx.as_of - 1);
    for (CodeIndex c = 0; c < n_codes; ++c) {
      const auto& pair_orders = orders[g * n_codes + c];
      const Date first = first_row_day(ctx, game, pair_orders);
      if (first > last) continue;
      PairRows rows{g, c, first, total, kept_days(ctx, g, c, first, last, pair_orders)};
      if (rows.days.empty()) continue;
      total += rows.days.size();
      min_day = std::min(min_day, rows.days.front());
      max_day = std::max(max_day, rows.days.back());
      pairs.push_back(std::move(rows));
    }
  }

  table.x.resize(static_cast<Eigen::Index>(total), feature::column_count);
  table.y.assign(total, 0.0f);
  table.time.assign(total, 0.0);
  if (keys) {
    keys->clear();
    keys->reserve(total);
    for (const auto& rows : pairs)
      for (Date day : rows.days) keys->push_back({rows.game, rows.code, day});
  }
  if (total == 0) return table;

  // Sale-day calendars once per date rather than once per row.
  std::vector<feature::SaleCalendar> calendars(static_cast<std::size_t>(max_day - min_day + 1));
  for (std::size_t i = 0; i < calendars.size(); ++i)
    calendars[i] = feature::sale_calendar(min_day + static_cast<int>(i), ctx.holidays);

  // Pass 2: fill pairs on a few threads, each pair's rows owned by one thread.
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t p; (p = next.fetch_add(1)) < pairs.size();) {
      const PairRows& rows = pairs[p];
      PairState pair = feature::make_pair_state(ctx, rows.game, rows.code, orders[rows.game * n_codes + rows.code],
                                                listings[rows.game], rows.first_day);
      for (std::size_t k = 0; k < rows.days.size(); ++k) {
        const Date day = rows.days[k];
        const std::size_t r = rows.offset + k;
        feature::fill_row(ctx, pair, day, feature::row_price(pair, day),
                          calendars[static_cast<std::size_t>(day - min_day)], table.x.row(static_cast<Eigen::Index>(r)).data());
        table.y[r] = target_of(pair.history, day, options.target);
        table.time[r] = day.days();
      }
    }
  };
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return table;
}

void features_for_prices(const Dataset& data, const FeatureOptions& options, const std::vector<FeatureColumn>& columns,
                         GameIndex game, CodeIndex code, Date day, std::span<const double> prices, FeatureMatrix& out) {
  if (game >= data.games.size() || code >= data.codes.size())
    throw std::out_of_range("features_for_row: game or code index out of range");
  if (day > data.games[game].date) throw std::invalid_argument("features_for_row: sale day after the game");
  if (columns.size() != static_cast<std::size_t>(feature::column_count))
    throw std::invalid_argument("features_for_row: columns do not match feature_columns()");

  // The pair's history is read once; only the price differs between the rows.
  const BuildContext ctx(data, options, columns);
  std::vector<const Transaction*> orders;
  for (const auto& t : data.transactions)
    if (t.game == game && t.code == code && t.sold_date < ctx.as_of) orders.push_back(&t);
  const auto listings = game_listings_before(data, game, ctx.as_of);
  const Date first = std::min(day, first_row_day(ctx, data.games[game], orders));
  PairState pair = feature::make_pair_state(ctx, game, code, orders, listings, first);
  const auto calendar = feature::sale_calendar(day, ctx.holidays);
  out.resize(static_cast<Eigen::Index>(prices.size()), feature::column_count);
  for (std::size_t i = 0; i < prices.size(); ++i) {
    float* row = out.row(static_cast<Eigen::Index>(i)).data();
    if (i == 0) feature::fill_row(ctx, pair, day, prices[i], calendar, row);
    else {
      std::copy_n(out.row(0).data(), feature::column_count, row);
      feature::set_offered_price(row, prices[i]);
    }
  }
}

void reprice_feature_row(std::span<float> row, double price) {
  if (row.size() != static_cast<std::size_t>(feature::column_count))
    throw std::invalid_argument("reprice_feature_row: the row does not have feature_columns() columns");
  feature::set_offered_price(row.data(), price);
}

void features_for_row(const Dataset& data, const FeatureOptions& options, const std::vector<FeatureColumn>& columns,
                      GameIndex game, CodeIndex code, Date day, double price, std::span<float> out) {
  if (out.size() != static_cast<std::size_t>(feature::column_count))
    throw std::invalid_argument("features_for_row: columns do not match feature_columns()");
  FeatureMatrix row;
  features_for_prices(data, options, columns, game, code, day, std::span<const double>(&price, 1), row);
  std::copy(row.data(), row.data() + row.size(), out.begin());
}

}  // namespace seatsync
