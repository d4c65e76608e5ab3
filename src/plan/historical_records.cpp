// The past decisions of a window as the data shows them: per (game, code, bucket) the seats
// left when the bucket opened, the price in force then, and what its orders paid and bought.
#include <algorithm>
#include <stdexcept>

#include "historical_replay.hpp"

namespace seatsync {
namespace {

std::vector<GameIndex> window_games(const Dataset& data, Date from, Date to, int max_games) {
  std::vector<GameIndex> games;
  for (GameIndex g = 0; g < data.games.size(); ++g)
    if (data.games[g].date >= from && data.games[g].date <= to) games.push_back(g);
  if (games.empty()) {
    std::string range = "it has no game";
    if (!data.games.empty()) {
      const auto [lo, hi] = std::minmax_element(data.games.begin(), data.games.end(),
                                                [](const Game& a, const Game& b) { return a.date < b.date; });
      range = "its games run from " + lo->date.str() + " to " + hi->date.str();
    }
    throw std::invalid_argument("no game of the data is played from " + from.str() + " to " + to.str() + " (" +
                                range + ")");
  }
  std::stable_sort(games.begin(), games.end(),
                   [&](GameIndex a, GameIndex b) { return data.games[a].date < data.games[b].date; });
  if (max_games > 0 && games.size() > static_cast<std::size_t>(max_games)) games.resize(max_games);
  return games;
}

}  // namespace

RecordSet historical_records(const Dataset& data, Date from, Date to, int max_games) {
  RecordSet out;
  out.games = window_games(data, from, to, max_games);
  const Date end = day_after_last_sale(data);  // the data knows nothing from this day on
  const auto& buckets = data.params.buckets;

  // The window's orders per (game slot, code), in date order (stable: file order within a day).
  std::vector<std::size_t> slot(data.games.size(), out.games.size());
  for (std::size_t k = 0; k < out.games.size(); ++k) slot[out.games[k]] = k;
  const std::size_t n_codes = data.codes.size();
  std::vector<std::vector<const Transaction*>> orders(out.games.size() * n_codes);
  for (const auto& t : data.transactions)
    if (slot[t.game] < out.games.size()) orders[slot[t.game] * n_codes + t.code].push_back(&t);

  for (std::size_t k = 0; k < out.games.size(); ++k) {
    const GameIndex g = out.games[k];
    const Date game_day = data.games[g].date;
    for (CodeIndex c = 0; c < n_codes; ++c) {
      auto& list = orders[k * n_codes + c];
      std::stable_sort(list.begin(), list.end(),
                       [](const Transaction* a, const Transaction* b) { return a->sold_date < b->sold_date; });
      ++out.pairs;
      std::size_t next = 0;  // the first order not yet before the bucket's day
      int sold = 0;
      std::optional<double> in_force;
      for (std::size_t b = 0; b < buckets.size(); ++b) {
        const Date day = game_day - buckets[b].days_to;
        const Date last = game_day - buckets[b].days_from;
        for (; next < list.size() && list[next]->sold_date < day; ++next) {
          sold += list[next]->quantity;
          in_force = list[next]->price;
        }
        if (last >= end) {  // the bucket was still selling when the data ends
          ++out.incomplete;
          continue;
        }
        HistoricalRecord r;
        r.game = g;
        r.code = c;
        r.bucket = b;
        r.day = day;
        r.seats_left = std::max(0, data.codes[c].capacity - sold);
        r.price_in_force = in_force;
        for (std::size_t i = next; i < list.size() && list[i]->sold_date <= last; ++i) {
          r.tickets += list[i]->quantity;
          r.revenue += list[i]->quantity * list[i]->price;
        }
        if (r.seats_left == 0) {
          ++out.sold_out;
          continue;
        }
        if (r.tickets > 0) r.observed_price = r.revenue / r.tickets;
        r.charged = r.observed_price.value_or(in_force.value_or(0.0));
        out.records.push_back(r);
      }
    }
  }
  if (out.records.empty())
    throw std::invalid_argument("the games played from " + from.str() + " to " + to.str() +
                                " have no time bucket that had seats left and was over by the end of the data (" +
                                (end - 1).str() + "): a backtest replays past decisions");
  return out;
}

}  // namespace seatsync
