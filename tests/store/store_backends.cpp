#include "store_backends.hpp"

#include <pqxx/pqxx>

#include "pg_test_server.hpp"
#include "store_fixtures.hpp"

namespace seatsync::test {

const std::string& StoreBackendTest::location() {
  if (location_.empty()) location_ = postgres() ? fresh_postgres_database() : (dir_ / "season.db").string();
  return location_;
}

std::vector<std::string> StoreBackendTest::query(const std::string& sql) {
  if (!postgres()) return query_column(location(), sql);
  pqxx::connection c(location());
  pqxx::nontransaction tx(c);
  std::vector<std::string> out;
  for (const auto& row : tx.exec(sql)) out.push_back(row[0].is_null() ? "NULL" : row[0].c_str());
  return out;
}

void StoreBackendTest::execute(const std::string& sql) {
  if (!postgres()) return execute_sql(location(), sql);
  pqxx::connection c(location());
  pqxx::nontransaction(c).exec(sql);
}

std::vector<std::string> store_backends() { return {"sqlite", "postgres"}; }

// Every TEST_P of the suite, whichever file holds it, runs on each backend.
INSTANTIATE_TEST_SUITE_P(Backends, StoreBackendTest, ::testing::ValuesIn(store_backends()),
                         [](const auto& info) { return info.param; });

}  // namespace seatsync::test
