#pragma once
// A hand-made season for the booking-curve tests: games on given dates, codes with given seats,
// orders placed a given number of days before each game.
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"

namespace seatsync::test {

struct HandOrder {
  std::string game, code;
  int days_before = 0, quantity = 1;
};

inline Dataset hand_dataset(const std::vector<Game>& games, const std::vector<PriceCode>& codes,
                            const std::vector<HandOrder>& orders) {
  Dataset data;
  data.games = games;
  data.codes = codes;
  data.reindex();
  for (const auto& o : orders) {
    Transaction t;
    t.game = *data.find_game(o.game);
    t.code = *data.find_code(o.code);
    t.sold_date = data.games[t.game].date - o.days_before;
    t.sold_at = t.sold_date.str();
    t.quantity = o.quantity;
    t.price = 50;
    data.transactions.push_back(t);
  }
  return data;
}

}  // namespace seatsync::test
