// The simulator's own generator and distributions: fixed output, right moments.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sim/rng.hpp"

namespace seatsync::sim {
namespace {

TEST(Rng, SameSeedSameStreamDifferentSeedDifferentStream) {
  Rng a(7), b(7), c(8);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    differs |= x != c.next();
  }
  EXPECT_TRUE(differs);
}

TEST(Rng, OutputIsPinnedAcrossBuilds) {
  // splitmix64's published first output for seed 0.
  std::uint64_t state = 0;
  EXPECT_EQ(splitmix64(state), 0xe220a8397b1dcdafULL);
  // xoshiro256** seeded by splitmix64(42), checked against an independent implementation.
  // If any of these move, every simulated dataset moves with them.
  Rng rng(42);
  EXPECT_EQ(rng.next(), 0x15780b2e0c2ec716ULL);
  EXPECT_EQ(rng.next(), 0x6104d9866d113a7eULL);
  EXPECT_EQ(rng.next(), 0xae17533239e499a1ULL);
  Rng draws(42);
  EXPECT_DOUBLE_EQ(draws.normal(), -0.72621913824478568);
  EXPECT_EQ(draws.poisson(3.5), 4);
  EXPECT_EQ(draws.uniform_int(1, 6), 6);
  EXPECT_EQ(stream_seed(42, kCustomerStream, 1, 2, 3), 0x0af3487fe58e72aaULL);
}

TEST(Rng, StreamSeedsDependOnEveryPart) {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t a = 0; a < 4; ++a)
    for (std::uint64_t b = 0; b < 4; ++b)
      for (std::uint64_t c = 0; c < 4; ++c) seeds.insert(stream_seed(1, kCustomerStream, a, b, c));
  EXPECT_EQ(seeds.size(), 64u);
  EXPECT_NE(stream_seed(1, kCustomerStream, 1, 2), stream_seed(1, kCustomerStream, 2, 1));
  EXPECT_NE(stream_seed(1, kCustomerStream), stream_seed(1, kListingStream));
  EXPECT_NE(stream_seed(1, kCustomerStream), stream_seed(2, kCustomerStream));
}

TEST(Rng, UniformMomentsAndRange) {
  Rng rng(1);
  const int n = 200000;
  double sum = 0, sq = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sq += u * u;
  }
  EXPECT_NEAR(sum / n, 0.5, 0.003);
  EXPECT_NEAR(sq / n - (sum / n) * (sum / n), 1.0 / 12, 0.002);
}

TEST(Rng, UniformIntCoversTheRangeEvenly) {
  Rng rng(2);
  std::vector<int> counts(7, 0);
  const int n = 70000;
  for (int i = 0; i < n; ++i) {
    const int k = rng.uniform_int(3, 9);
    ASSERT_GE(k, 3);
    ASSERT_LE(k, 9);
    ++counts[static_cast<std::size_t>(k - 3)];
  }
  for (int c : counts) EXPECT_NEAR(c, n / 7.0, 5 * std::sqrt(n / 7.0));
  EXPECT_EQ(rng.uniform_int(5, 5), 5);
  EXPECT_THROW(rng.uniform_int(2, 1), std::invalid_argument);
}

TEST(Rng, NormalMoments) {
  Rng rng(3);
  const int n = 200000;
  double sum = 0, sq = 0, beyond2 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    sq += z * z;
    beyond2 += std::abs(z) > 2.0;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sq / n, 1.0, 0.015);
  EXPECT_NEAR(beyond2 / n, 0.0455, 0.003);  // the tails, not just the variance
}

class PoissonMean : public ::testing::TestWithParam<double> {};

TEST_P(PoissonMean, MeanAndVarianceEqualTheRate) {
  const double mean = GetParam();
  Rng rng(4);
  const int n = 20000;
  double sum = 0, sq = 0;
  for (int i = 0; i < n; ++i) {
    const double k = rng.poisson(mean);
    ASSERT_GE(k, 0);
    sum += k;
    sq += k * k;
  }
  const double m = sum / n, var = sq / n - m * m;
  EXPECT_NEAR(m, mean, 5 * std::sqrt(mean / n) + 1e-9);
  EXPECT_NEAR(var, mean, 0.05 * mean + 0.01);
}

// Small means, the inversion limit, and means large enough to be split into pieces.
INSTANTIATE_TEST_SUITE_P(Rates, PoissonMean, ::testing::Values(0.0, 0.3, 4.0, 37.5, 200.0, 650.0));

TEST(Rng, PoissonRejectsNegativeMeans) {
  Rng rng(5);
  EXPECT_THROW(rng.poisson(-1.0), std::invalid_argument);
}

TEST(Rng, CategoricalFollowsWeights) {
  Rng rng(6);
  const std::vector<double> w = {0.25, 0.0, 0.45, 0.30};
  std::vector<int> counts(w.size(), 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++counts[rng.categorical(w)];
  EXPECT_EQ(counts[1], 0);
  for (std::size_t i = 0; i < w.size(); ++i)
    EXPECT_NEAR(counts[i], w[i] * n, 5 * std::sqrt(w[i] * (1 - w[i]) * n) + 1);
  EXPECT_THROW(rng.categorical(std::vector<double>{0.0, 0.0}), std::invalid_argument);
}

TEST(Rng, ShuffleIsAPermutationAndMixes) {
  Rng rng(7);
  std::vector<int> v(50);
  for (int i = 0; i < 50; ++i) v[static_cast<std::size_t>(i)] = i;
  auto shuffled = v;
  shuffle(shuffled, rng);
  EXPECT_NE(shuffled, v);
  std::sort(shuffled.begin(), shuffled.end());
  EXPECT_EQ(shuffled, v);
}

}  // namespace
}  // namespace seatsync::sim
