#include "store_fixtures.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "seatsync/diagnostics.hpp"
#include "seatsync/params.hpp"

namespace seatsync::test {

namespace {

Date ymd(int year, unsigned month, unsigned day) { return Date::from_ymd(year, month, day); }

Transaction sale(GameIndex game, CodeIndex code, std::string sold_at, Date sold_date, int quantity,
                 double price) {
  return Transaction{game, code, std::move(sold_at), sold_date, quantity, price};
}

// "prefix" followed by n, e.g. "S12".
std::string numbered(std::string prefix, std::size_t n) { return prefix += std::to_string(n); }

Params parsed(const std::string& toml) {
  Diagnostics diagnostics;
  Params params = parse_params(toml, "params.toml", diagnostics);
  diagnostics.throw_if_errors();
  return params;
}

}  // namespace

Dataset sample_dataset() {
  Dataset data;
  data.params_toml =
      "# Three buckets instead of the thesis's eight.\n"
      "tiers = [1, 2, 3]\n"
      "\n"
      "[[buckets]]\n"
      "name = \"early\"\n"
      "days_from = 15\n"
      "days_to = 400\n"
      "\n"
      "[[buckets]]\n"
      "name = \"late\"\n"
      "days_from = 1\n"
      "days_to = 14\n"
      "\n"
      "[[buckets]]\n"
      "name = \"game day\"\n"
      "days_from = 0\n"
      "days_to = 0\n"
      "\n"
      "[groups]\n"
      "premium = [\"VIP\", \"CLUB\"]\n";
  data.params = parsed(data.params_toml);

  data.games = {
      {"G01", ymd(2025, 9, 14), 1, "Rovers"},
      {"G02", ymd(2025, 10, 2), 3, ""},
      {"G03", ymd(2026, 2, 28), 2, "Ünited \"A\" | B"},
  };
  data.codes = {
      {"VIP", "premium", 50, 120.5},
      {"CLUB", "premium", 80, 0.1 + 0.2},  // 0.30000000000000004: not a short decimal
      {"GA", "general", 1000, 1.0 / 3.0},
  };
  data.transactions = {
      sale(0, 0, "2025-08-01", ymd(2025, 8, 1), 2, 149.99),
      sale(0, 2, "2025-09-13T19:45:00+02:00", ymd(2025, 9, 13), 4, 1.0 / 7.0),
      sale(0, 1, "2025-09-14 10:00", ymd(2025, 9, 14), 1, 1e-300),
      sale(1, 2, "2025-09-30T23:59:59.123Z", ymd(2025, 9, 30), 10, 123456789.123456789),
      sale(1, 0, "2025-01-01", ymd(2025, 1, 1), 1, 0.1),
      sale(2, 1, "2026-02-27T08:00", ymd(2026, 2, 27), 3, 2.5e9),
  };
  data.inventory = {
      {2, 0, 10, 199.95, "2026-02-26T21:30:00", ymd(2026, 2, 26)},
      {2, 2, 500, 45.0, "", std::nullopt},
      {2, 1, 0, 99.0 + 1e-9},
  };
  data.listings = {
      {2, 0, "2026-01-10T08:00:00Z", ymd(2026, 1, 10), 250.25, 2, "stubhub", "sh-881", "Loge 12"},
      {2, std::nullopt, "2026-01-11", ymd(2026, 1, 11), 99.5, 0, ""},
      {1, 2, "2025-09-01 12:00", ymd(2025, 9, 1), 0.01, 7, "competitor", "", "101"},
  };
  // One poll with every statistic, one whose source reports only a few (the others unknown).
  data.market_stats = {
      {2, "stubhub", "2026-01-10T08:00:00Z", ymd(2026, 1, 10), 3, 99.5, 104.1, 250.25, 1.0 / 3.0 + 200, 480.0,
       512.75, 0.1 + 0.2, 9},
      {1, "seatgeek", "2025-09-01 12:00", ymd(2025, 9, 1), 41, 12.0, std::nullopt, std::nullopt, 55.5, std::nullopt,
       990.0, std::nullopt, 0},
  };
  data.reindex();
  return data;
}

Dataset other_dataset() {
  Dataset data;
  data.games = {{"H1", ymd(2026, 5, 1), 4, "Harriers"}};
  data.codes = {{"BOX", "boxes", 12, 300.0}};
  data.transactions = {sale(0, 0, "2026-04-20", ymd(2026, 4, 20), 2, 310.0)};
  data.inventory = {{0, 0, 8, 320.0}};
  data.reindex();
  return data;
}

Dataset synthetic_dataset(std::size_t transactions) {
  constexpr std::size_t kGames = 40, kCodes = 20;
  Dataset data;
  const Date first_game = ymd(2025, 9, 1);
  for (std::size_t g = 0; g < kGames; ++g) {
    data.games.push_back({numbered("S", g), first_game + static_cast<int>(4 * g),
                          1 + static_cast<int>(g % 5), numbered("Opponent ", g)});
  }
  // Orders are spread evenly over the game x code pairs, at most 2 tickets each.
  const int capacity = static_cast<int>(2 * (transactions / (kGames * kCodes) + 1) + 100);
  for (std::size_t c = 0; c < kCodes; ++c) {
    data.codes.push_back({numbered("C", c), numbered("group", c % 4), capacity,
                          10.0 + 2.5 * static_cast<double>(c)});
  }
  data.transactions.reserve(transactions);
  for (std::size_t k = 0; k < transactions; ++k) {
    const auto game = static_cast<GameIndex>(k % kGames);
    const auto code = static_cast<CodeIndex>((k / kGames) % kCodes);
    const Date sold = data.games[game].date - static_cast<int>(k % 120);
    std::string sold_at = sold.str();
    if (k % 2) sold_at += "T12:34:56+01:00";
    data.transactions.push_back(sale(game, code, std::move(sold_at), sold, k % 4 == 0 ? 2 : 1,
                                     20.0 + static_cast<double>(k % 997) * 0.37));
  }
  for (std::size_t g = kGames - 10; g < kGames; ++g) {
    for (std::size_t c = 0; c < kCodes; ++c) {
      data.inventory.push_back({static_cast<GameIndex>(g), static_cast<CodeIndex>(c), capacity / 2,
                                data.codes[c].floor_price + 10.0});
    }
  }
  for (std::size_t l = 0; l < 2000; ++l) {
    const auto game = static_cast<GameIndex>(kGames - 1 - l % 10);
    const Date seen = data.games[game].date - static_cast<int>(1 + l % 30);
    std::optional<CodeIndex> code;
    if (l % 3) code = static_cast<CodeIndex>(l % kCodes);
    data.listings.push_back({game, code, seen.str(), seen, 15.0 + static_cast<double>(l % 50),
                             static_cast<int>(l % 6), "market"});
  }
  data.reindex();
  return data;
}

namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;
struct FinalizeStatement {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

DbHandle open_raw(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  DbHandle handle(db);
  if (rc != SQLITE_OK) throw std::runtime_error("cannot open " + file.string() + ": " + sqlite3_errmsg(db));
  sqlite3_busy_timeout(db, 5000);
  return handle;
}

StatementHandle prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
  }
  return StatementHandle(stmt);
}

std::string cell(sqlite3_stmt* stmt, int column) {
  char buffer[64];
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_NULL: return "NULL";
    case SQLITE_INTEGER:
      std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(sqlite3_column_int64(stmt, column)));
      return buffer;
    case SQLITE_FLOAT:
      std::snprintf(buffer, sizeof buffer, "%a", sqlite3_column_double(stmt, column));
      return buffer;
    default: {
      std::string quoted = "'";
      quoted += reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
      return quoted += "'";
    }
  }
}

}  // namespace

std::vector<std::string> dump_dataset_tables(const std::filesystem::path& file) {
  auto db = open_raw(file);
  std::vector<std::string> rows;
  for (const char* table : {"games", "price_codes", "transactions", "inventory", "listings", "market_stats", "params"}) {
    auto stmt = prepare(db.get(), std::string("SELECT * FROM ") + table + " ORDER BY 1");
    while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
      std::string row = table;
      for (int c = 0; c < sqlite3_column_count(stmt.get()); ++c) (row += '|') += cell(stmt.get(), c);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<std::string> query_column(const std::filesystem::path& file, const std::string& sql) {
  auto db = open_raw(file);
  auto stmt = prepare(db.get(), sql);
  std::vector<std::string> values;
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    values.push_back(text ? text : "NULL");
  }
  if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db.get()));
  return values;
}

void execute_sql(const std::filesystem::path& file, const std::string& sql) {
  auto db = open_raw(file);
  char* message = nullptr;
  if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error(sql + ": " + text);
  }
}

}  // namespace seatsync::test
