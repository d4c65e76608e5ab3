#include <gtest/gtest.h>

#include "seatsync/season_io.hpp"
#include "dataset_compare.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::TempDir;


TEST(SeasonWriter, WriteThenReadGivesTheSameDataset) {
  TempDir src, out;
  test::copy_testdata("tiny", src.path());
  test::write_file(src / "params.toml", "tiers = [1, 2, 3]\n");
  Dataset original = load_season_dir(src.path());
  original.transactions[0].price = 0.1 + 0.2;  // a value with no short decimal form
  write_season_dir(original, out.path());
  test::expect_same_dataset(original, load_season_dir(out.path()));
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
