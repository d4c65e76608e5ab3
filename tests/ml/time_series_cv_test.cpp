#include "seatsync/time_series_cv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>

namespace seatsync {
namespace {

TEST(ExpandingWindowFolds, KnownBlocksOnEvenTimes) {
  // 8 rows at 8 times, k = 3 → blocks {0,1} {2,3} {4,5} {6,7}.
  const std::vector<double> time{0, 1, 2, 3, 4, 5, 6, 7};
  const auto folds = expanding_window_folds(time, 3);
  ASSERT_EQ(folds.size(), 3u);
  EXPECT_EQ(folds[0].train, (std::vector<bool>{1, 1, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(folds[0].valid, (std::vector<bool>{0, 0, 1, 1, 0, 0, 0, 0}));
  EXPECT_EQ(folds[2].train, (std::vector<bool>{1, 1, 1, 1, 1, 1, 0, 0}));
  EXPECT_EQ(folds[2].valid, (std::vector<bool>{0, 0, 0, 0, 0, 0, 1, 1}));
}

TEST(ExpandingWindowFolds, NeverValidatesOnThePastAndNeverSplitsATime) {
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<int> day(0, 40);
  std::vector<double> time(500);
  for (auto& t : time) t = day(rng);
  for (int k : {1, 2, 4, 7}) {
    const auto folds = expanding_window_folds(time, k);
    ASSERT_EQ(folds.size(), static_cast<std::size_t>(k));
    for (std::size_t f = 0; f < folds.size(); ++f) {
      double last_train = -1, first_valid = 1e9;
      std::size_t n_train = 0;
      for (std::size_t i = 0; i < time.size(); ++i) {
        EXPECT_FALSE(folds[f].train[i] && folds[f].valid[i]);
        if (folds[f].train[i]) last_train = std::max(last_train, time[i]), ++n_train;
        if (folds[f].valid[i]) first_valid = std::min(first_valid, time[i]);
      }
      EXPECT_LT(last_train, first_valid) << "fold " << f;
      if (f > 0) {  // expanding: every earlier training row stays
        for (std::size_t i = 0; i < time.size(); ++i)
          if (folds[f - 1].train[i] || folds[f - 1].valid[i]) EXPECT_TRUE(folds[f].train[i]);
      }
    }
  }
}

TEST(ExpandingWindowFolds, FewerFoldsWithFewTimesAndErrors) {
  const std::vector<double> two{5, 5, 5, 9};
  EXPECT_EQ(expanding_window_folds(two, 5).size(), 1u);
  EXPECT_TRUE(expanding_window_folds(std::vector<double>{1, 1, 1}, 2).empty());
  EXPECT_THROW(expanding_window_folds(two, 0), std::invalid_argument);
  EXPECT_THROW(expanding_window_folds(std::vector<double>{}, 2), std::invalid_argument);
}

TEST(TimeQuantileSplit, LatestShare) {
  const std::vector<double> time{9, 1, 2, 3, 4, 5, 6, 7, 8, 0};
  EXPECT_EQ(time_quantile_split(time, 0.2), 8.0);  // rows at 8 and 9 are the latest 20%
  EXPECT_EQ(time_quantile_split(time, 0.5), 5.0);
  EXPECT_THROW(time_quantile_split(time, 0.0), std::invalid_argument);
  EXPECT_THROW(time_quantile_split(time, 1.0), std::invalid_argument);
  EXPECT_THROW(time_quantile_split(std::vector<double>{}, 0.2), std::invalid_argument);
}

}  // namespace
}  // namespace seatsync
