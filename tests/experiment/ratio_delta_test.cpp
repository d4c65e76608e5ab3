// Ratio metrics by the delta method: a hand computation and its reduction to a test of means.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "seatsync/ab_stats.hpp"

using namespace seatsync::ab;

TEST(RatioDelta, AveragePriceOverOrders) {
  // Orders (tickets x, revenue y); average price = Σy / Σx. References from numpy:
  // V = (var_y − 2R·cov + R²·var_x) / (n·x̄²) per arm, z = (Rv − Rc) / √(Vc + Vv).
  const std::vector<double> xc{1, 2, 1, 3, 1, 2, 2, 1}, yc{50, 90, 40, 160, 55, 100, 80, 45};
  const std::vector<double> xv{2, 1, 1, 2, 3, 1, 2, 2, 1}, yv{110, 60, 52, 95, 170, 58, 120, 105, 61};
  const auto r = ratio_delta_test(summarize_ratio(xc, yc), summarize_ratio(xv, yv));
  EXPECT_NEAR(r.control, 47.69230769230769, 1e-12);
  EXPECT_NEAR(r.variant, 55.4, 1e-12);
  EXPECT_NEAR(r.statistic, 2.914707376875064, 1e-10);
  EXPECT_NEAR(r.p_value, 0.0035602218787241014, 1e-11);
  EXPECT_NEAR(r.ci_low, 2.5247365685162695, 1e-9);
  EXPECT_NEAR(r.ci_high, 12.890648046868327, 1e-9);
  EXPECT_FALSE(r.df.has_value());
}

TEST(RatioDelta, OneDenominatorPerUnitIsATestOfMeans) {
  // With x ≡ 1 the ratio is the mean of y and its variance s²/n: Welch's statistic, normal p.
  const std::vector<double> ones_c(6, 1.0), ones_v(7, 1.0);
  const std::vector<double> yc{3, 5, 4, 6, 2, 5}, yv{6, 7, 5, 8, 6, 9, 4};
  const auto ratio = ratio_delta_test(summarize_ratio(ones_c, yc), summarize_ratio(ones_v, yv));
  const auto welch = welch_t_test(summarize(yc), summarize(yv));
  EXPECT_NEAR(ratio.statistic, welch.statistic, 1e-12);
  EXPECT_NEAR(ratio.difference, welch.difference, 1e-12);
  EXPECT_LT(ratio.p_value, welch.p_value);  // the normal reference has thinner tails than t(ν)
}

TEST(RatioDelta, RejectsEmptyArmsAndZeroDenominators) {
  const std::vector<double> x{1, 2}, y{1, 2}, zeros{0, 0};
  EXPECT_THROW(ratio_delta_test(summarize_ratio(std::vector<double>{1}, std::vector<double>{1}), summarize_ratio(x, y)),
               std::invalid_argument);
  EXPECT_THROW(ratio_delta_test(summarize_ratio(zeros, y), summarize_ratio(x, y)), std::invalid_argument);
}
