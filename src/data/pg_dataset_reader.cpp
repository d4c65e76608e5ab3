// Tables → Dataset. Values are parsed with std::from_chars: PostgreSQL (12 and later) prints
// DOUBLE PRECISION in its shortest exact form, so the double read is the one written.
#include <charconv>
#include <stdexcept>
#include <string>

#include "data/pg_dataset_io.hpp"

namespace seatsync::pg {

namespace {

// Reads one result row's columns; columns are numbered as selected, 0 being row_no.
class RowReader {
 public:
  RowReader(const std::string& where, const char* table, const Dataset& data)
      : where_(where), table_(table), data_(data) {}
  void at(const pqxx::row& row) { row_ = &row; }

  bool null(int c) const { return (*row_)[c].is_null(); }
  std::string text(int c) const { return std::string((*row_)[c].c_str(), (*row_)[c].size()); }
  long long integer(int c) const { return parse<long long>(c, "integer"); }
  double real(int c) const { return parse<double>(c, "number"); }
  Date date(int c) const {
    const auto d = Date::parse(std::string_view((*row_)[c].c_str(), (*row_)[c].size()));
    if (!d) corrupt("malformed date '" + text(c) + "'");
    return *d;
  }
  GameIndex game(int c) const {
    const auto g = data_.find_game(std::string_view((*row_)[c].c_str(), (*row_)[c].size()));
    if (!g) corrupt("unknown game '" + text(c) + "'");
    return *g;
  }
  CodeIndex code(int c) const {
    const auto k = data_.find_code(std::string_view((*row_)[c].c_str(), (*row_)[c].size()));
    if (!k) corrupt("unknown price code '" + text(c) + "'");
    return *k;
  }

 private:
  template <typename T>
  T parse(int c, const char* what) const {
    const pqxx::field f = (*row_)[c];
    T value{};
    const auto [end, ec] = std::from_chars(f.c_str(), f.c_str() + f.size(), value);
    if (ec != std::errc() || end != f.c_str() + f.size()) corrupt(std::string("malformed ") + what + " '" + text(c) + "'");
    return value;
  }
  [[noreturn]] void corrupt(const std::string& problem) const {
    throw std::runtime_error("PostgreSQL database " + where_ + ": " + table_ + " row_no " + text(0) + ": " + problem);
  }

  const std::string& where_;
  const char* table_;
  const Dataset& data_;
  const pqxx::row* row_ = nullptr;
};

// Runs `select` (ordered by row_no) and hands each row to `add`, sized once up front.
template <typename Vector, typename Add>
void read_table(pqxx::transaction_base& tx, const std::string& where, const Dataset& data, const char* table,
                const std::string& select, Vector& out, Add add) {
  const pqxx::result rows = tx.exec(select);
  out.reserve(out.size() + rows.size());
  RowReader reader(where, table, data);
  for (const auto& row : rows) {
    reader.at(row);
    add(reader);
  }
}

void read_listings(pqxx::transaction_base& tx, const std::string& where, Dataset& data) {
  read_table(tx, where, data, "listings",
             "SELECT row_no, game_id, code, observed_at, observed_date, price, quantity, source, listing_id, section "
             "FROM listings ORDER BY row_no",
             data.listings, [&](const RowReader& r) {
               Listing l;
               l.game = r.game(1);
               if (!r.null(2)) l.code = r.code(2);
               l.observed_at = r.text(3);
               l.observed_date = r.date(4);
               l.price = r.real(5);
               l.quantity = static_cast<int>(r.integer(6));
               l.source = r.text(7);
               l.listing_id = r.text(8);
               l.section = r.text(9);
               data.listings.push_back(std::move(l));
             });
}

void read_market_stats(pqxx::transaction_base& tx, const std::string& where, Dataset& data) {
  read_table(tx, where, data, "market_stats",
             "SELECT row_no, game_id, source, polled_at, polled_date, count, min, p10, median, mean, p90, max, sd, "
             "tickets FROM market_stats ORDER BY row_no",
             data.market_stats, [&](const RowReader& r) {
               MarketPollStats s;
               s.game = r.game(1);
               s.source = r.text(2);
               s.polled_at = r.text(3);
               s.polled_date = r.date(4);
               s.count = static_cast<std::size_t>(r.integer(5));
               std::optional<double>* values[] = {&s.min, &s.p10, &s.median, &s.mean, &s.p90, &s.max, &s.sd};
               for (int k = 0; k < 7; ++k)
                 if (!r.null(6 + k)) *values[k] = r.real(6 + k);
               s.tickets = r.integer(13);
               data.market_stats.push_back(std::move(s));
             });
}

}  // namespace

void read_market_tables(pqxx::transaction_base& tx, const std::string& where, Dataset& data) {
  data.listings.clear();
  data.market_stats.clear();
  read_listings(tx, where, data);
  read_market_stats(tx, where, data);
}

Dataset read_dataset(pqxx::transaction_base& tx, const std::string& where) {
  Dataset data;
  const pqxx::result params = tx.exec("SELECT toml FROM params WHERE singleton = 1");
  if (params.empty())
    throw std::runtime_error("PostgreSQL database " + where +
                             " holds no season dataset: nothing has been imported into it yet");
  data.params_toml = params[0][0].c_str();
  read_table(tx, where, data, "games", "SELECT row_no, id, date, tier, opponent FROM games ORDER BY row_no",
             data.games, [&](const RowReader& r) {
               data.games.push_back(Game{r.text(1), r.date(2), static_cast<int>(r.integer(3)), r.text(4)});
             });
  read_table(tx, where, data, "price_codes",
             "SELECT row_no, code, group_name, capacity, floor_price FROM price_codes ORDER BY row_no", data.codes,
             [&](const RowReader& r) {
               data.codes.push_back(PriceCode{r.text(1), r.text(2), static_cast<int>(r.integer(3)), r.real(4)});
             });
  data.reindex();  // rows below refer to games and codes by key; resolve them to indexes
  read_table(tx, where, data, "transactions",
             "SELECT row_no, game_id, code, sold_at, sold_date, quantity, price FROM transactions ORDER BY row_no",
             data.transactions, [&](const RowReader& r) {
               data.transactions.push_back(Transaction{r.game(1), r.code(2), r.text(3), r.date(4),
                                                       static_cast<int>(r.integer(5)), r.real(6)});
             });
  read_table(tx, where, data, "inventory",
             "SELECT row_no, game_id, code, remaining, current_price, observed_at, observed_date FROM inventory "
             "ORDER BY row_no",
             data.inventory, [&](const RowReader& r) {
               InventoryRow item{r.game(1), r.code(2), static_cast<int>(r.integer(3)), r.real(4), {}, {}};
               if (!r.null(6)) {
                 item.observed_at = r.text(5);
                 item.observed_date = r.date(6);
               }
               data.inventory.push_back(std::move(item));
             });
  read_market_tables(tx, where, data);
  return data;
}

}  // namespace seatsync::pg
