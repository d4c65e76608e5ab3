#include <gtest/gtest.h>

#include "seatsync/season_io.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;

namespace {
void expect_same(const Dataset& a, const Dataset& b) {
  ASSERT_EQ(a.games.size(), b.games.size());
  for (std::size_t i = 0; i < a.games.size(); ++i) {
    EXPECT_EQ(a.games[i].id, b.games[i].id);
    EXPECT_EQ(a.games[i].date, b.games[i].date);
    EXPECT_EQ(a.games[i].tier, b.games[i].tier);
    EXPECT_EQ(a.games[i].opponent, b.games[i].opponent);
  }
  ASSERT_EQ(a.codes.size(), b.codes.size());
  for (std::size_t i = 0; i < a.codes.size(); ++i) {
    EXPECT_EQ(a.codes[i].code, b.codes[i].code);
    EXPECT_EQ(a.codes[i].group, b.codes[i].group);
    EXPECT_EQ(a.codes[i].capacity, b.codes[i].capacity);
    EXPECT_EQ(a.codes[i].floor_price, b.codes[i].floor_price);
  }
  ASSERT_EQ(a.transactions.size(), b.transactions.size());
  for (std::size_t i = 0; i < a.transactions.size(); ++i) {
    const auto &x = a.transactions[i], &y = b.transactions[i];
    EXPECT_EQ(x.game, y.game);
    EXPECT_EQ(x.code, y.code);
    EXPECT_EQ(x.sold_at, y.sold_at);
    EXPECT_EQ(x.sold_date, y.sold_date);
    EXPECT_EQ(x.quantity, y.quantity);
    EXPECT_EQ(x.price, y.price);  // exact: numbers are written in shortest round-trip form
  }
  ASSERT_EQ(a.inventory.size(), b.inventory.size());
  for (std::size_t i = 0; i < a.inventory.size(); ++i) {
    EXPECT_EQ(a.inventory[i].remaining, b.inventory[i].remaining);
    EXPECT_EQ(a.inventory[i].current_price, b.inventory[i].current_price);
  }
  ASSERT_EQ(a.listings.size(), b.listings.size());
  for (std::size_t i = 0; i < a.listings.size(); ++i) {
    EXPECT_EQ(a.listings[i].code, b.listings[i].code);
    EXPECT_EQ(a.listings[i].observed_at, b.listings[i].observed_at);
    EXPECT_EQ(a.listings[i].price, b.listings[i].price);
    EXPECT_EQ(a.listings[i].source, b.listings[i].source);
  }
  EXPECT_EQ(a.params_toml, b.params_toml);
}
}  // namespace

TEST(SeasonWriter, WriteThenReadGivesTheSameDataset) {
  TempDir src, out;
  test::copy_testdata("tiny", src.path());
  test::write_file(src / "params.toml", "tiers = [1, 2, 3]\n");
  Dataset original = load_season_dir(src.path());
  original.transactions[0].price = 0.1 + 0.2;  // a value with no short decimal form
  write_season_dir(original, out.path());
  expect_same(original, load_season_dir(out.path()));
}

TEST(SeasonWriter, LeavesNoTemporaryFilesAndRemovesStaleOptionalFiles) {
  TempDir src, out;
  test::copy_testdata("tiny", src.path());
  Dataset data = load_season_dir(src.path());
  test::write_file(out / "params.toml", "tiers = [9]\n");
  data.listings.clear();
  write_season_dir(data, out.path());
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(out.path())) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"games.csv", "inventory.csv", "seats.csv", "transactions.csv"}));
}
