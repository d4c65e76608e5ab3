// Semicolon-separated files (Excel in decimal-comma locales): detected with a hint, and read
// with CsvFormat{';'}, decimal commas included.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "seatsync/season_io.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;
using ::testing::ElementsAre;

namespace {

// The tiny dataset rewritten as Excel writes it with a European locale: ';' between fields
// and decimal commas (quoted fields stay quoted).
void write_semicolon_copy(const std::filesystem::path& dir) {
  const std::filesystem::path src = std::filesystem::path(SEATSYNC_TEST_DATA) / "tiny";
  for (const char* name : {"games.csv", "seats.csv", "transactions.csv", "inventory.csv", "listings.csv"}) {
    std::string text = test::read_file(src / name), out;
    bool quoted = false;
    for (char c : text) {
      if (c == '"') quoted = !quoted;
      out += (c == ',' && !quoted) ? ';' : c;
    }
    test::write_file(dir / name, out);
  }
  test::write_file(dir / "transactions.csv", "game_id;price_code;sold_at;quantity;price\nG3;A;2025-12-20;2;800\n"
                                             "G3;P;2025-12-28;4;40,5\nG2;Q;2025-11-05;1;\"25,25\"\n");
}

std::vector<std::string> errors_of(const std::filesystem::path& dir, const CsvFormat& format = {}) {
  return test::load_errors(dir, format);
}

}  // namespace

// Before: 16 "required column is missing" errors and 3 more for listings.csv, without a hint.
TEST(SeasonReaderDelimiter, ASemicolonFileReadAsCommaSeparatedIsNamedOnceWithTheFix) {
  TempDir dir;
  write_semicolon_copy(dir.path());
  const auto hint = [&](const char* file) {
    return (dir / file).string() + ":1: -: the header has no ',' but has ';': the file looks separated by ';'; "
                                   "re-run with --delimiter ';'";
  };
  EXPECT_THAT(errors_of(dir.path()), ElementsAre(hint("seats.csv"), hint("games.csv"), hint("transactions.csv"),
                                                 hint("inventory.csv"), hint("listings.csv")));
}

TEST(SeasonReaderDelimiter, SemicolonFilesWithDecimalCommasLoad) {
  TempDir dir;
  write_semicolon_copy(dir.path());
  const Dataset d = load_season_dir(dir.path(), nullptr, CsvFormat{';'});
  ASSERT_EQ(d.games.size(), 3u);
  EXPECT_EQ(d.games[1].opponent, "Valley Owls, The");
  ASSERT_EQ(d.transactions.size(), 3u);
  EXPECT_DOUBLE_EQ(d.transactions[1].price, 40.5);
  EXPECT_DOUBLE_EQ(d.transactions[2].price, 25.25);
  EXPECT_EQ(d.inventory.size(), 4u);
}

TEST(SeasonReaderDelimiter, ThousandsSeparatorsAreRefusedAndTheReverseMistakeIsNamed) {
  TempDir dir;
  write_semicolon_copy(dir.path());
  test::write_file(dir / "transactions.csv", "game_id;price_code;sold_at;quantity;price\nG3;A;2025-12-20;2;1.234,50\n");
  EXPECT_THAT(errors_of(dir.path(), CsvFormat{';'}),
              ElementsAre((dir / "transactions.csv").string() + ":2: price: '1.234,50' is not a number"));

  TempDir commas;
  test::copy_testdata("tiny", commas.path());
  EXPECT_THAT(errors_of(commas.path(), CsvFormat{';'}).front(),
              ::testing::EndsWith("seats.csv:1: -: the header has no ';' but has ',': the file looks separated by "
                                  "','; re-run without --delimiter (comma is the default)"));
}
