// What goes into a store (each backend) comes back out: every row, every field, in import order,
// with params re-parsed and the dataset re-validated as if read from CSV.
#include <gtest/gtest.h>

#include <stdexcept>

#include "seatsync/diagnostics.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/store.hpp"
#include "seatsync/version.hpp"
#include "pg_test_server.hpp"
#include "store_backends.hpp"
#include "store_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

TEST_P(StoreBackendTest, StoreRoundTrip_SampleDatasetComesBackFieldForField) {
  const Dataset sample = sample_dataset();
  auto store = open();
  store->replace(sample);
  expect_same_dataset(sample, store->load());
}

TEST_P(StoreBackendTest, StoreRoundTrip_DatasetReadFromCsvComesBackTheSame) {
  const Dataset from_csv = load_season_dir(std::filesystem::path(SEATSYNC_TEST_DATA) / "tiny");
  auto store = open();
  store->replace(from_csv);
  expect_same_dataset(from_csv, store->load());
}

TEST_P(StoreBackendTest, StoreRoundTrip_ParamsAreParsedFromTheStoredText) {
  auto store = open();
  store->replace(sample_dataset());
  const Dataset loaded = store->load();
  ASSERT_EQ(loaded.params.buckets.size(), 3u);
  EXPECT_EQ(loaded.params.buckets[0].name, "early");
  EXPECT_EQ(loaded.params.buckets[0].days_to, 400);
  EXPECT_EQ(loaded.params.buckets[2].name, "game day");
  EXPECT_EQ(loaded.params.tiers, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(loaded.params.groups.at("premium"), (std::vector<std::string>{"VIP", "CLUB"}));
}

TEST_P(StoreBackendTest, StoreRoundTrip_EmptyParamsTextLoadsTheDefaults) {
  const Dataset other = other_dataset();
  ASSERT_TRUE(other.params_toml.empty());
  auto store = open();
  store->replace(other);
  const Dataset loaded = store->load();
  EXPECT_EQ(loaded.params_toml, "");
  expect_same_dataset(other, loaded);  // other.params are the defaults
}

TEST_P(StoreBackendTest, StoreRoundTrip_SurvivesClosingAndReopening) {
  const Dataset sample = sample_dataset();
  open()->replace(sample);
  expect_same_dataset(sample, open()->load());
}

TEST_P(StoreBackendTest, StoreRoundTrip_LargeDatasetKeepsRowOrder) {
  const Dataset big = synthetic_dataset(50'000);
  auto store = open();
  store->replace(big);
  expect_same_dataset(big, store->load());
}

TEST_P(StoreBackendTest, StoreLoad_NeverImportedStoreSaysSo) {
  auto store = open();
  try {
    store->load();
    FAIL() << "load() of an empty store returned";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(redact_location(location())), std::string::npos) << message;
    EXPECT_NE(message.find("nothing has been imported"), std::string::npos) << message;
  }
}

TEST_P(StoreBackendTest, StoreLoad_RevalidatesStoredRowsAndNamesThem) {
  Dataset bad = sample_dataset();
  bad.transactions[1].sold_date = bad.games[0].date + 1;  // sold after its game
  auto store = open();
  store->replace(bad);  // the store keeps what it is given; validation is load()'s job
  try {
    store->load();
    FAIL() << "load() accepted a sale after its game";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.total_errors(), 1u);
    const Diagnostic* error = nullptr;
    for (const auto& d : e.diagnostics()) if (!d.warning) error = &d;
    ASSERT_NE(error, nullptr);
    const Diagnostic& first = *error;
    EXPECT_EQ(first.file, redact_location(location()) + ":transactions");
    EXPECT_EQ(first.line, 2u);  // row_no of the second transaction
    EXPECT_EQ(first.column, "sold_at");
  }
}

TEST_P(StoreBackendTest, StoreLoad_RevalidatesStoredParams) {
  Dataset bad = other_dataset();
  bad.params_toml = "[[buckets]]\ndays_from = 5\ndays_to = 9\n";  // game day is in no bucket
  auto store = open();
  store->replace(bad);
  EXPECT_THROW(store->load(), ValidationError);
}

TEST_P(StoreBackendTest, StoreImports_EachReplaceIsLoggedWithCountsAndVersion) {
  auto store = open();
  store->replace(sample_dataset());
  store->replace(other_dataset());
  EXPECT_EQ(query("SELECT COUNT(*) FROM imports"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(query(
                         "SELECT games || ',' || price_codes || ',' || transactions || ',' || inventory "
                         "|| ',' || listings FROM imports ORDER BY id"),
            (std::vector<std::string>{"3,3,6,3,3", "1,1,1,1,0"}));
  EXPECT_EQ(query("SELECT DISTINCT seatsync_version FROM imports"),
            (std::vector<std::string>{kVersion}));
  const auto when = query("SELECT imported_at FROM imports ORDER BY id DESC LIMIT 1");
  ASSERT_EQ(when.size(), 1u);
  EXPECT_EQ(when[0].size(), std::string("2025-01-01T00:00:00Z").size()) << when[0];
}

TEST_P(StoreBackendTest, Store_DescribeNamesTheLocationWithoutThePassword) {
  auto store = open();
  EXPECT_EQ(store->describe().find(postgres_test_password()), std::string::npos);
  if (!postgres()) EXPECT_NE(store->describe().find(location()), std::string::npos);
}

}  // namespace
}  // namespace seatsync::test
