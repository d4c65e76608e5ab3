// One mistake in games.csv or seats.csv is reported once: the rows that refer to what it broke
// are summed up in one note per file instead of each drawing a false "unknown" error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/season_io.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

struct Reported {
  std::vector<std::string> errors, notes;
};

class SeasonReaderCascadeTest : public ::testing::Test {
 protected:
  void SetUp() override { test::copy_testdata("tiny", dir_.path()); }
  void write(const std::string& file, const std::string& contents) { test::write_file(dir_ / file, contents); }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }

  Reported reported() {
    Reported out;
    try {
      load_season_dir(dir_.path());
    } catch (const ValidationError& e) {
      for (const auto& d : e.diagnostics()) {
        if (d.note) out.notes.push_back(d.format());
        else if (!d.warning) out.errors.push_back(d.format());
      }
    }
    return out;
  }

  TempDir dir_;
};

}  // namespace

// Before: the missing column plus 11 + 4 + 1 false "unknown price_code" errors (codes were
// never indexed when games.csv failed).
TEST_F(SeasonReaderCascadeTest, ARenamedGamesColumnIsTheOnlyError) {
  write("games.csv", "game_id,date,tier\nG1,2025-11-01,1\nG2,2025-11-08,3\nG3,2026-01-10,2\n");
  const auto r = reported();
  EXPECT_THAT(r.errors, ElementsAre(path("games.csv") + ":1: game_date: required column is missing"));
  EXPECT_THAT(r.notes, ElementsAre(
      path("transactions.csv") + ":0: game_id: note: 11 row(s) not checked: games.csv could not be read (see its error above)",
      path("inventory.csv") + ":0: game_id: note: 4 row(s) not checked: games.csv could not be read (see its error above)",
      path("listings.csv") + ":0: game_id: note: 2 row(s) not checked: games.csv could not be read (see its error above)"));
}

// Before: the bad date plus 5 "unknown game_id 'G1'" errors, one per order of G1.
TEST_F(SeasonReaderCascadeTest, ABadGameDateIsReportedOnceWithTheRowsItHides) {
  write("games.csv", "game_id,game_date,tier\nG1,2025-11-31,1\nG2,2025-11-08,x\nG3,2026-01-10,2\n");
  const auto r = reported();
  EXPECT_THAT(r.errors, ElementsAre(path("games.csv") + ":2: game_date: '2025-11-31' is not a date (YYYY-MM-DD)",
                                    path("games.csv") + ":3: tier: 'x' is not a whole number"));
  EXPECT_THAT(r.notes, ElementsAre(path("transactions.csv") +
                                   ":0: game_id: note: 9 row(s) not checked: they refer to game_ids whose games.csv "
                                   "row has an error above: 'G1' (line 2, 5 row(s)), 'G2' (line 3, 4 row(s))"));
}

TEST_F(SeasonReaderCascadeTest, ABadCapacityIsReportedOnce) {
  write("seats.csv", "price_code,group,capacity,floor_price\nA,Courtside,10,500\nB,Courtside,12,400\n"
                     "P,Balcony,one hundred,20\nQ,Balcony,150,15\n");
  write("params.toml", "[groups]\nUpper = [\"P\"]\n");
  const auto r = reported();
  EXPECT_THAT(r.errors, ElementsAre(path("seats.csv") + ":4: capacity: 'one hundred' is not a whole number"));
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_THAT(r.notes[0], HasSubstr("transactions.csv:0: price_code: note: 4 row(s) not checked: they refer to "
                                    "price_codes whose seats.csv row has an error above: 'P' (line 4, 4 row(s))"));
  EXPECT_THAT(r.notes[1], HasSubstr("inventory.csv:0: price_code: note: 1 row(s) not checked"));
}

TEST_F(SeasonReaderCascadeTest, AReferenceToAKeyThatNeverExistedIsStillAnError) {
  write("games.csv", "game_id,game_date,tier\nG1,2025-11-31,1\nG2,2025-11-08,3\nG3,2026-01-10,2\n");
  write("inventory.csv", "game_id,price_code,remaining,current_price\nG4,A,8,850\n");
  const auto r = reported();
  EXPECT_THAT(r.errors, ElementsAre(path("games.csv") + ":2: game_date: '2025-11-31' is not a date (YYYY-MM-DD)",
                                    path("inventory.csv") + ":2: game_id: unknown game_id 'G4' (not in games.csv)"));
}
