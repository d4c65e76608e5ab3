// The offline analysis: arms in order, each against the control, p-values adjusted together.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

namespace {
std::vector<double> conversions(std::size_t n, std::size_t successes) {
  std::vector<double> v(n, 0.0);
  for (std::size_t i = 0; i < successes; ++i) v[i] = 1.0;
  return v;
}
}  // namespace

TEST(AbAnalysis, ProportionsAgainstTheControlWithAdjustedPValues) {
  const std::vector<ArmValues> arms{{"B", conversions(1000, 130)}, {"A", conversions(1000, 100)},
                                    {"C", conversions(1000, 101)}};
  const auto a = analyze(arms, "A", MetricKind::proportion);
  ASSERT_EQ(a.arms.size(), 3u);
  EXPECT_EQ(a.arms[0].first, "B");
  EXPECT_EQ(a.arms[1].first, "A");
  EXPECT_DOUBLE_EQ(a.arms[1].second.mean, 0.1);
  EXPECT_EQ(a.control, "A");
  ASSERT_EQ(a.comparisons.size(), 2u);
  EXPECT_EQ(a.comparisons[0].variant, "B");
  EXPECT_EQ(a.comparisons[1].variant, "C");
  const auto& b = a.comparisons[0];
  EXPECT_NEAR(b.test.p_value, two_proportion_z_test(1000, 100, 1000, 130).p_value, 1e-15);
  EXPECT_NEAR(b.p_holm, 2 * b.test.p_value, 1e-15);  // the smaller of two: ×2
  EXPECT_NEAR(b.p_bh, 2 * b.test.p_value, 1e-15);    // rank 1 of 2: ×2/1
  const auto& c = a.comparisons[1];
  EXPECT_NEAR(c.p_holm, c.test.p_value, 1e-15);  // the larger: ×1
  EXPECT_NEAR(c.p_bh, c.test.p_value, 1e-15);
}

TEST(AbAnalysis, MeansUseWelch) {
  const std::vector<ArmValues> arms{{"control", {1, 2, 3, 4}}, {"variant", {2, 4, 6, 8, 10}}};
  const auto a = analyze(arms, "control", MetricKind::mean);
  ASSERT_EQ(a.comparisons.size(), 1u);
  const auto expected = welch_t_test(summarize(arms[0].values), summarize(arms[1].values));
  EXPECT_DOUBLE_EQ(a.comparisons[0].test.statistic, expected.statistic);
  EXPECT_DOUBLE_EQ(*a.comparisons[0].test.df, *expected.df);
  EXPECT_DOUBLE_EQ(a.comparisons[0].p_holm, expected.p_value);
}

TEST(AbAnalysis, RejectsBadInput) {
  const std::vector<ArmValues> two{{"A", {0, 1, 1}}, {"B", {1, 0, 0.5}}};
  EXPECT_THROW(analyze(two, "A", MetricKind::proportion), std::invalid_argument);  // 0.5
  EXPECT_NO_THROW(analyze(two, "A", MetricKind::mean));
  EXPECT_THROW(analyze(two, "Z", MetricKind::mean), std::invalid_argument);
  EXPECT_THROW(analyze({{"A", {1, 2}}}, "A", MetricKind::mean), std::invalid_argument);
  EXPECT_THROW(analyze({{"A", {1, 2}}, {"A", {3, 4}}}, "A", MetricKind::mean), std::invalid_argument);
}
