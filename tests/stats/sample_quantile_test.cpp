#include "seatsync/sample_quantile.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace seatsync {
namespace {

// numpy.quantile([1, 2, 4, 8, 16], q) (its default is type 7): 1.0, 1.4, 4.0, 12.8, 16.0.
TEST(SortedQuantile, MatchesNumpysDefault) {
  const std::vector<double> v{1, 2, 4, 8, 16};
  EXPECT_DOUBLE_EQ(sorted_quantile(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(sorted_quantile(v, 0.1), 1.4);
  EXPECT_DOUBLE_EQ(sorted_quantile(v, 0.5), 4.0);
  EXPECT_DOUBLE_EQ(sorted_quantile(v, 0.9), 12.8);
  EXPECT_DOUBLE_EQ(sorted_quantile(v, 1.0), 16.0);
}

TEST(SortedQuantile, OneValueAndNone) {
  const std::vector<double> one{7};
  EXPECT_DOUBLE_EQ(sorted_quantile(one, 0.3), 7.0);
  EXPECT_TRUE(std::isnan(sorted_quantile({}, 0.5)));
}

}  // namespace
}  // namespace seatsync
