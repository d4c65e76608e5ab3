#include "data/sqlite_dataset_writer.hpp"

#include <stdexcept>
#include <string>

#include "data/dataset_rows.hpp"
#include "data/sqlite_timestamp.hpp"
#include "seatsync/version.hpp"

namespace seatsync::sqlite {

namespace {

using store_rows::code_at;
using store_rows::game_at;
using store_rows::ImportProgress;

std::int64_t as_int(std::size_t value) { return static_cast<std::int64_t>(value); }

// row_no is 1-based, like the row numbers in diagnostics about a stored dataset.
std::int64_t row_no(std::size_t index) { return as_int(index) + 1; }

void delete_all(Connection& db) {
  // Children before parents, so no foreign key is ever left dangling mid-way.
  db.exec(
      "DELETE FROM market_stats; DELETE FROM listings; DELETE FROM inventory; DELETE FROM transactions;"
      "DELETE FROM price_codes; DELETE FROM games; DELETE FROM params;");
}

void insert_games(Connection& db, const Dataset& data, ImportProgress& progress) {
  Statement insert(db, "INSERT INTO games (row_no, id, date, tier, opponent) VALUES (?, ?, ?, ?, ?)");
  for (std::size_t row = 0; row < data.games.size(); ++row) {
    const Game& game = data.games[row];
    const std::string date = game.date.str();
    insert.bind(1, row_no(row)).bind(2, game.id).bind(3, date).bind(4, std::int64_t{game.tier});
    insert.bind(5, game.opponent).run();
    progress.row_done();
  }
}

void insert_codes(Connection& db, const Dataset& data, ImportProgress& progress) {
  Statement insert(db,
                   "INSERT INTO price_codes (row_no, code, group_name, capacity, floor_price) "
                   "VALUES (?, ?, ?, ?, ?)");
  for (std::size_t row = 0; row < data.codes.size(); ++row) {
    const PriceCode& code = data.codes[row];
    insert.bind(1, row_no(row)).bind(2, code.code).bind(3, code.group);
    insert.bind(4, std::int64_t{code.capacity}).bind(5, code.floor_price).run();
    progress.row_done();
  }
}

void insert_transactions(Connection& db, const Dataset& data, ImportProgress& progress) {
  Statement insert(db,
                   "INSERT INTO transactions (row_no, game_id, code, sold_at, sold_date, quantity, price) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t row = 0; row < data.transactions.size(); ++row) {
    const Transaction& sale = data.transactions[row];
    const std::string sold_date = sale.sold_date.str();
    insert.bind(1, row_no(row)).bind(2, game_at(data, sale.game, "transactions", row).id);
    insert.bind(3, code_at(data, sale.code, "transactions", row).code).bind(4, sale.sold_at);
    insert.bind(5, sold_date).bind(6, std::int64_t{sale.quantity}).bind(7, sale.price).run();
    progress.row_done();
  }
}

void insert_inventory(Connection& db, const Dataset& data, ImportProgress& progress) {
  Statement insert(db,
                   "INSERT INTO inventory (row_no, game_id, code, remaining, current_price, observed_at, "
                   "observed_date) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t row = 0; row < data.inventory.size(); ++row) {
    const InventoryRow& item = data.inventory[row];
    insert.bind(1, row_no(row)).bind(2, game_at(data, item.game, "inventory", row).id);
    insert.bind(3, code_at(data, item.code, "inventory", row).code);
    insert.bind(4, std::int64_t{item.remaining}).bind(5, item.current_price);
    // Bound text is not copied (SQLITE_STATIC): it must outlive run().
    const std::string observed_date = item.observed_date ? item.observed_date->str() : std::string();
    if (item.observed_date) insert.bind(6, item.observed_at).bind(7, observed_date);
    else insert.bind_null(6).bind_null(7);
    insert.run();
    progress.row_done();
  }
}

// Rows get row numbers first_row_no, first_row_no + 1, …: an append continues after the last.
void insert_listings(Connection& db, const Dataset& data, std::span<const Listing> listings,
                     std::int64_t first_row_no, ImportProgress& progress) {
  Statement insert(db,
                   "INSERT INTO listings (row_no, game_id, code, observed_at, observed_date, price, "
                   "quantity, source, listing_id, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t row = 0; row < listings.size(); ++row) {
    const Listing& listing = listings[row];
    const std::string observed_date = listing.observed_date.str();
    insert.bind(1, first_row_no + as_int(row)).bind(2, game_at(data, listing.game, "listings", row).id);
    if (listing.code) {
      insert.bind(3, code_at(data, *listing.code, "listings", row).code);
    } else {
      insert.bind_null(3);
    }
    insert.bind(4, listing.observed_at).bind(5, observed_date).bind(6, listing.price);
    insert.bind(7, std::int64_t{listing.quantity}).bind(8, listing.source);
    insert.bind(9, listing.listing_id).bind(10, listing.section).run();
    progress.row_done();
  }
}

void insert_market_stats(Connection& db, const Dataset& data, std::span<const MarketPollStats> stats,
                         std::int64_t first_row_no, ImportProgress& progress) {
  Statement insert(db,
                   "INSERT INTO market_stats (row_no, game_id, source, polled_at, polled_date, count, min, p10, "
                   "median, mean, p90, max, sd, tickets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t row = 0; row < stats.size(); ++row) {
    const MarketPollStats& s = stats[row];
    const std::string polled_date = s.polled_date.str();
    insert.bind(1, first_row_no + as_int(row)).bind(2, game_at(data, s.game, "market_stats", row).id);
    insert.bind(3, s.source).bind(4, s.polled_at).bind(5, polled_date).bind(6, as_int(s.count));
    const std::optional<double>* values[] = {&s.min, &s.p10, &s.median, &s.mean, &s.p90, &s.max, &s.sd};
    for (int k = 0; k < 7; ++k) {
      if (*values[k]) insert.bind(7 + k, **values[k]);
      else insert.bind_null(7 + k);
    }
    insert.bind(14, std::int64_t{s.tickets}).run();
    progress.row_done();
  }
}

std::int64_t next_row_no(Connection& db, const char* table) {
  Statement query(db, std::string("SELECT COALESCE(MAX(row_no), 0) + 1 FROM ") + table);
  const std::int64_t next = query.step() ? query.column_int(0) : 1;
  while (query.step()) {
  }
  return next;
}

void insert_params(Connection& db, const Dataset& data) {
  Statement insert(db, "INSERT INTO params (singleton, toml) VALUES (1, ?)");
  insert.bind(1, data.params_toml).run();
}

void log_import(Connection& db, const Dataset& data) {
  Statement insert(db,
                   "INSERT INTO imports (imported_at, seatsync_version, games, price_codes, "
                   "transactions, inventory, listings) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const std::string now = utc_timestamp_now();
  insert.bind(1, now).bind(2, std::string_view(kVersion));
  insert.bind(3, as_int(data.games.size())).bind(4, as_int(data.codes.size()));
  insert.bind(5, as_int(data.transactions.size())).bind(6, as_int(data.inventory.size()));
  insert.bind(7, as_int(data.listings.size())).run();
}

}  // namespace

void write_dataset(Connection& db, const Dataset& data, const ProgressFn& progress) {
  ImportProgress counter(progress, store_rows::dataset_rows(data));
  delete_all(db);
  insert_games(db, data, counter);
  insert_codes(db, data, counter);
  insert_transactions(db, data, counter);
  insert_inventory(db, data, counter);
  insert_listings(db, data, data.listings, 1, counter);
  insert_market_stats(db, data, data.market_stats, 1, counter);
  insert_params(db, data);
  log_import(db, data);
  counter.finish();
}

void append_market_rows(Connection& db, const Dataset& data, std::span<const Listing> listings,
                        std::span<const MarketPollStats> stats) {
  ImportProgress counter({}, listings.size() + stats.size());
  insert_listings(db, data, listings, next_row_no(db, "listings"), counter);
  insert_market_stats(db, data, stats, next_row_no(db, "market_stats"), counter);
}

}  // namespace seatsync::sqlite
