// inventory.csv's optional observed_at, and the warning when --as-of is far after it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/inventory_age.hpp"
#include "seatsync/season_io.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

class InventoryObservedAtTest : public ::testing::Test {
 protected:
  void SetUp() override { test::copy_testdata("tiny", dir_.path()); }
  void write_inventory(const std::string& rows) {
    test::write_file(dir_ / "inventory.csv", "game_id,price_code,remaining,current_price,observed_at\n" + rows);
  }
  Dataset load() { return load_season_dir(dir_.path()); }
  TempDir dir_;
};

Date day(const char* text) { return *Date::parse(text); }

}  // namespace

TEST_F(InventoryObservedAtTest, IsReadAsADateOrTimestampAndMayBeEmpty) {
  write_inventory("G3,A,8,850,2026-01-05T22:15:00\nG3,B,12,600,2026-01-04\nG3,P,96,42,\n");
  const Dataset d = load();
  ASSERT_EQ(d.inventory.size(), 3u);
  EXPECT_EQ(d.inventory[0].observed_at, "2026-01-05T22:15:00");
  EXPECT_EQ(d.inventory[0].observed_date, day("2026-01-05"));
  EXPECT_EQ(d.inventory[1].observed_date, day("2026-01-04"));
  EXPECT_FALSE(d.inventory[2].observed_date);
  EXPECT_FALSE(load_season_dir(std::filesystem::path(SEATSYNC_TEST_DATA) / "tiny").inventory[0].observed_date);
}

TEST_F(InventoryObservedAtTest, AMalformedTimeIsAnError) {
  write_inventory("G3,A,8,850,yesterday\n");
  try {
    load();
    FAIL();
  } catch (const ValidationError& e) {
    std::vector<std::string> errors;
    for (const auto& d : e.diagnostics())
      if (!d.warning) errors.push_back(d.format());
    EXPECT_THAT(errors, ElementsAre((dir_ / "inventory.csv").string() +
                                    ":2: observed_at: 'yesterday' is not a date (YYYY-MM-DD) or ISO-8601 date-time"));
  }
}

TEST_F(InventoryObservedAtTest, RoundTripsThroughTheCsvWriter) {
  write_inventory("G3,A,8,850,2026-01-05T22:15:00\nG3,B,12,600,\n");
  const Dataset d = load();
  TempDir out;
  write_season_dir(d, out.path());
  const Dataset again = load_season_dir(out.path());
  EXPECT_EQ(again.inventory[0].observed_at, "2026-01-05T22:15:00");
  EXPECT_FALSE(again.inventory[1].observed_date);
}

// The threshold: counted the evening before --as-of is normal, two days before is stale.
TEST_F(InventoryObservedAtTest, WarnsWhenAsOfIsMoreThanADayAfterTheCount) {
  write_inventory("G3,A,8,850,2026-01-05T22:15:00\nG3,B,12,600,2026-01-05\nG3,P,96,42,\nG3,Q,150,30,2026-01-06\n");
  const Dataset d = load();
  EXPECT_THAT(inventory_age_warnings(d, day("2026-01-06")), IsEmpty());
  EXPECT_THAT(inventory_age_warnings(d, day("2026-01-05")),
              ElementsAre("1 of 3 inventory rows for upcoming games were counted after --as-of 2026-01-05 (the "
                          "latest on 2026-01-06): their seats left already reflect sales after it"));
  EXPECT_THAT(inventory_age_warnings(d, day("2026-01-08")),
              ElementsAre("3 of 3 inventory rows for upcoming games were counted more than 1 day before --as-of "
                          "2026-01-08 (the oldest on 2026-01-05, 3 days before): their seats left may be out of date"));
  // Games already played do not count: G3 is on 2026-01-10.
  EXPECT_THAT(inventory_age_warnings(d, day("2026-01-11")), IsEmpty());
}
