#pragma once
// One storage test suite for every backend: TEST_P(StoreBackendTest, …) runs once on a SQLite
// file and once on a fresh PostgreSQL database of the test server (pg_test_server.hpp).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "seatsync/experiment_store.hpp"
#include "seatsync/store.hpp"
#include "test_support.hpp"

namespace seatsync::test {

class StoreBackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  bool postgres() const { return GetParam() == "postgres"; }
  // This test's own store location (a file in a temporary directory, or a new database).
  const std::string& location();
  std::unique_ptr<Store> open() { return open_store(location()); }
  std::unique_ptr<ExperimentStore> open_experiments() { return open_experiment_store(location()); }
  // The first column of each row `sql` returns, as text ("NULL" for NULL), on a connection of its own.
  std::vector<std::string> query(const std::string& sql);
  // Runs statements that return nothing, on a connection of their own.
  void execute(const std::string& sql);

  TempDir dir_;

 private:
  std::string location_;
};

// "sqlite" and "postgres", named so in test names.
std::vector<std::string> store_backends();

}  // namespace seatsync::test
