#pragma once
// The simulator's own random numbers. std:: distributions are not specified bit-for-bit, so
// a dataset drawn with them could change with the standard library; these are fully ours:
// xoshiro256** seeded through splitmix64, and distributions built only on uniform draws,
// sqrt, log and exp.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace seatsync::sim {

// One splitmix64 step: also a good 64-bit mixing function for deriving sub-seeds.
std::uint64_t splitmix64(std::uint64_t& state);
std::uint64_t mix64(std::uint64_t value);

// A sub-seed for an independent stream, e.g. stream_seed(seed, kCustomers, game, code, bucket),
// so that each (game, code, bucket) draws the same numbers whatever else is simulated.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t tag, std::uint64_t a = 0,
                          std::uint64_t b = 0, std::uint64_t c = 0);

// Stream tags: one per purpose, so streams never overlap.
enum StreamTag : std::uint64_t {
  kTruthStream = 1,
  kCustomerStream = 2,
  kAnalystNoiseStream = 3,
  kListingStream = 4,
};

// xoshiro256** (Blackman & Vigna).
class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next();
  double uniform();                         // [0, 1)
  double uniform(double lo, double hi);     // [lo, hi)
  int uniform_int(int lo, int hi);          // lo..hi inclusive
  bool bernoulli(double p);
  double normal();                          // standard normal
  double lognormal(double mu, double sigma);  // exp(mu + sigma × normal())
  int poisson(double mean);
  // Index i drawn with probability weights[i] / sum(weights).
  std::size_t categorical(std::span<const double> weights);

 private:
  std::uint64_t s_[4];
};

}  // namespace seatsync::sim

namespace seatsync::sim {

// Fisher–Yates with our generator (std::shuffle's use of the generator is unspecified).
template <class T>
void shuffle(std::vector<T>& items, Rng& rng) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(rng.uniform_int(0, static_cast<int>(i - 1)));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace seatsync::sim
