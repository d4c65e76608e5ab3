#include "data/sqlite_dataset_reader.hpp"

#include <stdexcept>
#include <string>

namespace seatsync::sqlite {

namespace {

[[noreturn]] void corrupt(const Connection& db, std::string_view table, std::int64_t row_no,
                          const std::string& problem) {
  throw std::runtime_error("SQLite database " + db.file().string() + ": " + std::string(table) +
                           " row_no " + std::to_string(row_no) + ": " + problem);
}

// The number of rows, so vectors are sized once instead of growing through 300k pushes.
std::size_t count_rows(Connection& db, std::string_view table) {
  Statement count(db, "SELECT COUNT(*) FROM " + std::string(table));
  const std::size_t rows = count.step() ? static_cast<std::size_t>(count.column_int(0)) : 0;
  while (count.step()) {
  }
  return rows;
}

// Reads one row of `statement` into the fields below. Columns are numbered as selected.
class RowReader {
 public:
  RowReader(const Connection& db, std::string_view table, const Statement& row)
      : db_(db), table_(table), row_(row) {}

  std::int64_t row_no() const { return row_.column_int(0); }
  std::string text(int column) const { return std::string(row_.column_text(column)); }
  int integer(int column) const { return static_cast<int>(row_.column_int(column)); }
  double real(int column) const { return row_.column_double(column); }

  Date date(int column) const {
    const std::string_view text = row_.column_text(column);
    const auto date = Date::parse(text);
    if (!date) corrupt(db_, table_, row_no(), "malformed date '" + std::string(text) + "'");
    return *date;
  }
  GameIndex game(const Dataset& data, int column) const {
    const auto index = data.find_game(row_.column_text(column));
    if (!index) corrupt(db_, table_, row_no(), "unknown game '" + text(column) + "'");
    return *index;
  }
  CodeIndex code(const Dataset& data, int column) const {
    const auto index = data.find_code(row_.column_text(column));
    if (!index) corrupt(db_, table_, row_no(), "unknown price code '" + text(column) + "'");
    return *index;
  }

 private:
  const Connection& db_;
  std::string_view table_;
  const Statement& row_;
};

std::string read_params_text(Connection& db) {
  Statement query(db, "SELECT toml FROM params WHERE singleton = 1");
  if (!query.step()) {
    throw std::runtime_error("SQLite database " + db.file().string() +
                             " holds no season dataset: nothing has been imported into it yet");
  }
  std::string text(query.column_text(0));
  while (query.step()) {
  }
  return text;
}

void read_games(Connection& db, Dataset& data) {
  data.games.reserve(count_rows(db, "games"));
  Statement query(db, "SELECT row_no, id, date, tier, opponent FROM games ORDER BY row_no");
  const RowReader row(db, "games", query);
  while (query.step()) {
    data.games.push_back(Game{row.text(1), row.date(2), row.integer(3), row.text(4)});
  }
}

void read_codes(Connection& db, Dataset& data) {
  data.codes.reserve(count_rows(db, "price_codes"));
  Statement query(db,
                  "SELECT row_no, code, group_name, capacity, floor_price FROM price_codes ORDER BY row_no");
  const RowReader row(db, "price_codes", query);
  while (query.step()) {
    data.codes.push_back(PriceCode{row.text(1), row.text(2), row.integer(3), row.real(4)});
  }
}

void read_transactions(Connection& db, Dataset& data) {
  data.transactions.reserve(count_rows(db, "transactions"));
  Statement query(db,
                  "SELECT row_no, game_id, code, sold_at, sold_date, quantity, price "
                  "FROM transactions ORDER BY row_no");
  const RowReader row(db, "transactions", query);
  while (query.step()) {
    data.transactions.push_back(Transaction{row.game(data, 1), row.code(data, 2), row.text(3),
                                            row.date(4), row.integer(5), row.real(6)});
  }
}

void read_inventory(Connection& db, Dataset& data) {
  data.inventory.reserve(count_rows(db, "inventory"));
  Statement query(db,
                  "SELECT row_no, game_id, code, remaining, current_price, observed_at, observed_date "
                  "FROM inventory ORDER BY row_no");
  const RowReader row(db, "inventory", query);
  while (query.step()) {
    InventoryRow item{row.game(data, 1), row.code(data, 2), row.integer(3), row.real(4), {}, {}};
    if (!query.column_is_null(6)) {
      item.observed_at = row.text(5);
      item.observed_date = row.date(6);
    }
    data.inventory.push_back(std::move(item));
  }
}

void read_listings(Connection& db, Dataset& data) {
  data.listings.reserve(count_rows(db, "listings"));
  Statement query(db,
                  "SELECT row_no, game_id, code, observed_at, observed_date, price, quantity, source, listing_id, "
                  "section FROM listings ORDER BY row_no");
  const RowReader row(db, "listings", query);
  while (query.step()) {
    Listing listing;
    listing.game = row.game(data, 1);
    if (!query.column_is_null(2)) listing.code = row.code(data, 2);
    listing.observed_at = row.text(3);
    listing.observed_date = row.date(4);
    listing.price = row.real(5);
    listing.quantity = row.integer(6);
    listing.source = row.text(7);
    listing.listing_id = row.text(8);
    listing.section = row.text(9);
    data.listings.push_back(std::move(listing));
  }
}

void read_market_stats(Connection& db, Dataset& data) {
  data.market_stats.reserve(count_rows(db, "market_stats"));
  Statement query(db,
                  "SELECT row_no, game_id, source, polled_at, polled_date, count, min, p10, median, mean, p90, max, "
                  "sd, tickets FROM market_stats ORDER BY row_no");
  const RowReader row(db, "market_stats", query);
  while (query.step()) {
    MarketPollStats s;
    s.game = row.game(data, 1);
    s.source = row.text(2);
    s.polled_at = row.text(3);
    s.polled_date = row.date(4);
    s.count = static_cast<std::size_t>(query.column_int(5));
    std::optional<double>* values[] = {&s.min, &s.p10, &s.median, &s.mean, &s.p90, &s.max, &s.sd};
    for (int k = 0; k < 7; ++k)
      if (!query.column_is_null(6 + k)) *values[k] = row.real(6 + k);
    s.tickets = query.column_int(13);
    data.market_stats.push_back(std::move(s));
  }
}

}  // namespace

void read_market_tables(Connection& db, Dataset& data) {
  data.listings.clear();
  data.market_stats.clear();
  read_listings(db, data);
  read_market_stats(db, data);
}

Dataset read_dataset(Connection& db) {
  ScopedTransaction snapshot(db, ScopedTransaction::Kind::Read);
  Dataset data;
  data.params_toml = read_params_text(db);
  read_games(db, data);
  read_codes(db, data);
  data.reindex();  // rows below refer to games and codes by key; resolve them to indexes
  read_transactions(db, data);
  read_inventory(db, data);
  read_market_tables(db, data);
  snapshot.commit();
  return data;
}

}  // namespace seatsync::sqlite
