// compound_poisson_pmf: Panjer's recursion against the Poisson closed form and a direct
// convolution, its moments, truncation, normalisation, and rates where e^{−λ} underflows.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "seatsync/price_dp.hpp"

using namespace seatsync;

namespace {

const std::vector<double> kSizes{0.35, 0.40, 0.15, 0.10};  // P(size = 1 … 4)

double total(const std::vector<double>& pmf) { return std::accumulate(pmf.begin(), pmf.end(), 0.0); }

double moment(const std::vector<double>& pmf, int power) {
  double m = 0.0;
  for (std::size_t n = 0; n < pmf.size(); ++n) m += std::pow(static_cast<double>(n), power) * pmf[n];
  return m;
}

double size_moment(const std::vector<double>& sizes, int power) {
  double m = 0.0;
  for (std::size_t k = 0; k < sizes.size(); ++k) m += std::pow(static_cast<double>(k + 1), power) * sizes[k];
  return m;
}

std::vector<double> convolve(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> c(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j) c[i + j] += a[i] * b[j];
  return c;
}

double poisson(double rate, int n) { return std::exp(-rate + n * std::log(rate) - std::lgamma(n + 1.0)); }

// Σ_n P(N = n) · f^{*n}, the definition, for n up to `orders`.
std::vector<double> by_convolution(double rate, const std::vector<double>& sizes, int orders) {
  std::vector<double> f(sizes.size() + 1, 0.0);
  std::copy(sizes.begin(), sizes.end(), f.begin() + 1);
  std::vector<double> result{0.0};
  std::vector<double> power{1.0};  // f^{*0}
  for (int n = 0; n <= orders; ++n) {
    if (result.size() < power.size()) result.resize(power.size(), 0.0);
    for (std::size_t i = 0; i < power.size(); ++i) result[i] += poisson(rate, n) * power[i];
    power = convolve(power, f);
  }
  return result;
}

}  // namespace

TEST(CompoundPoisson, ZeroRateIsAllMassAtZero) {
  EXPECT_EQ(compound_poisson_pmf(0.0, kSizes), std::vector<double>{1.0});
}

TEST(CompoundPoisson, SingleTicketOrdersArePoisson) {
  const double rate = 3.7;
  const auto pmf = compound_poisson_pmf(rate, {1.0}, 1e-13);
  for (std::size_t n = 0; n + 1 < pmf.size(); ++n)
    EXPECT_NEAR(pmf[n], poisson(rate, static_cast<int>(n)), 1e-15) << "n = " << n;
}

TEST(CompoundPoisson, MatchesDirectConvolution) {
  for (double rate : {0.05, 0.8, 2.5}) {
    const auto pmf = compound_poisson_pmf(rate, kSizes, 1e-14);
    const auto direct = by_convolution(rate, kSizes, 40);
    ASSERT_LE(pmf.size(), direct.size());
    for (std::size_t n = 0; n + 1 < pmf.size(); ++n) EXPECT_NEAR(pmf[n], direct[n], 1e-14) << "rate " << rate << " n " << n;
  }
  // Sizes 2 only: odd totals impossible.
  const auto even = compound_poisson_pmf(1.5, {0.0, 1.0});
  for (std::size_t n = 1; n < even.size(); n += 2) EXPECT_EQ(even[n], 0.0);
  EXPECT_NEAR(even[2], poisson(1.5, 1), 1e-15);
}

// Mean λ·E[size], variance λ·E[size²].
TEST(CompoundPoisson, MomentsMatchTheFormulas) {
  const double mean_size = size_moment(kSizes, 1), square_size = size_moment(kSizes, 2);
  for (double rate : {0.5, 3.0, 30.0, 200.0}) {
    const auto pmf = compound_poisson_pmf(rate, kSizes, 1e-13);
    const double mean = moment(pmf, 1);
    const double variance = moment(pmf, 2) - mean * mean;
    EXPECT_NEAR(mean, rate * mean_size, 1e-9 * rate * mean_size) << "rate " << rate;
    EXPECT_NEAR(variance, rate * square_size, 1e-7 * rate * square_size) << "rate " << rate;
  }
}

TEST(CompoundPoisson, SumsToOne) {
  for (double rate : {1e-12, 0.3, 7.0, 60.0, 700.0, 1000.0, 5000.0})
    for (double tail : {0.0, 1e-12, 1e-9, 1e-3, 0.3}) {
      const auto pmf = compound_poisson_pmf(rate, kSizes, tail);
      EXPECT_NEAR(total(pmf), 1.0, 1e-12) << "rate " << rate << " tail " << tail;
      for (double p : pmf) ASSERT_TRUE(std::isfinite(p) && p >= 0.0) << "rate " << rate;
    }
}

// The last entry holds P(D >= last): the truncated tail beyond it is below `tail`, and the
// truncation did not stop one step early.
TEST(CompoundPoisson, TruncatesWhereTheTailFallsBelowTheLimit) {
  const double rate = 4.0, tail = 1e-6;
  const auto pmf = compound_poisson_pmf(rate, {1.0}, tail);
  const int last = static_cast<int>(pmf.size()) - 1;
  double below_last = 0.0;
  for (int n = 0; n < last; ++n) below_last += poisson(rate, n);
  const double at_least_last = 1.0 - below_last;
  EXPECT_NEAR(pmf.back(), at_least_last, 1e-14);
  EXPECT_LT(at_least_last - poisson(rate, last), tail);  // P(D > last)
  EXPECT_GE(at_least_last, tail);                         // P(D > last − 1)
}

// e^{−λ} underflows past λ ≈ 708; the scaled recursion must still give the right distribution:
// moments, and pmf(2λ) = pmf(λ) * pmf(λ).
TEST(CompoundPoisson, LargeRatesWhereTheZeroTermUnderflows) {
  const double mean_size = size_moment(kSizes, 1), square_size = size_moment(kSizes, 2);
  for (double rate : {750.0, 2000.0, 20000.0}) {
    const auto pmf = compound_poisson_pmf(rate, kSizes, 1e-12);
    const double mean = moment(pmf, 1);
    EXPECT_NEAR(mean, rate * mean_size, 1e-8 * rate * mean_size) << "rate " << rate;
    EXPECT_NEAR(moment(pmf, 2) - mean * mean, rate * square_size, 1e-5 * rate * square_size) << "rate " << rate;
    EXPECT_NEAR(total(pmf), 1.0, 1e-12);
  }
  const auto whole = compound_poisson_pmf(1600.0, kSizes, 1e-13);
  const auto half = compound_poisson_pmf(800.0, kSizes, 1e-13);
  const auto doubled = convolve(half, half);
  for (std::size_t n = 0; n + 1 < std::min(whole.size(), doubled.size()); ++n)
    ASSERT_NEAR(whole[n], doubled[n], 1e-12) << "n = " << n;
}

TEST(CompoundPoisson, RejectsInvalidInput) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(compound_poisson_pmf(-1.0, kSizes), std::invalid_argument);
  EXPECT_THROW(compound_poisson_pmf(nan, kSizes), std::invalid_argument);
  EXPECT_THROW(compound_poisson_pmf(std::numeric_limits<double>::infinity(), kSizes), std::invalid_argument);
  EXPECT_THROW(compound_poisson_pmf(1.0, {}), std::invalid_argument);
  EXPECT_THROW(compound_poisson_pmf(1.0, {0.5, 0.4}), std::invalid_argument);
  EXPECT_THROW(compound_poisson_pmf(1.0, {1.5, -0.5}), std::invalid_argument);
  EXPECT_THROW(compound_poisson_pmf(1.0, {nan}), std::invalid_argument);
  EXPECT_THROW(compound_poisson_pmf(1.0, kSizes, 1.0), std::invalid_argument);
  EXPECT_THROW(compound_poisson_pmf(1.0, kSizes, -1e-9), std::invalid_argument);
}
