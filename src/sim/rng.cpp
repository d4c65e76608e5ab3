#include "sim/rng.hpp"

#include <cmath>
#include <stdexcept>

namespace seatsync::sim {
namespace {

// GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
__extension__ using Uint128 = unsigned __int128;

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Poisson by inversion: one uniform, then walk the CDF. exp(-mean) underflows for large
// means, so larger means are split into a sum of independent pieces of at most this size.
constexpr double kPoissonPiece = 200.0;

int poisson_by_inversion(Rng& rng, double mean) {
  double u = rng.uniform();
  double p = std::exp(-mean);
  double cdf = p;
  int k = 0;
  // The cap guards against u landing in the last ulp of the CDF's rounding error.
  while (u >= cdf && k < 100000) {
    ++k;
    p *= mean / k;
    cdf += p;
    if (p == 0.0 && static_cast<double>(k) > mean) break;
  }
  return k;
}

}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  return mix64(state);
}

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t tag, std::uint64_t a, std::uint64_t b,
                          std::uint64_t c) {
  // Chained mixing: every input changes every output bit, and the order of inputs matters.
  std::uint64_t h = mix64(seed + 0x9e3779b97f4a7c15ULL);
  for (std::uint64_t part : {tag, a, b, c}) h = mix64(h ^ mix64(part + 0x632be59bd9b4e019ULL));
  return h;
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (auto& word : s_) word = splitmix64(state);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

int Rng::uniform_int(int lo, int hi) {
  if (hi < lo) throw std::invalid_argument("uniform_int: empty range");
  // Multiply-shift (Lemire): the bias is below range / 2^64, far under anything observable.
  const auto range = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
  const auto wide = static_cast<Uint128>(next()) * range;
  return lo + static_cast<int>(static_cast<std::uint64_t>(wide >> 64));
}

bool Rng::bernoulli(double p) { return uniform() < p; }

double Rng::normal() {
  // Marsaglia's polar method: needs only sqrt and log, no trigonometry. The second normal
  // of each pair is dropped so that the stream has no hidden state.
  for (;;) {
    const double x = 2.0 * uniform() - 1.0;
    const double y = 2.0 * uniform() - 1.0;
    const double s = x * x + y * y;
    if (s > 0.0 && s < 1.0) return x * std::sqrt(-2.0 * std::log(s) / s);
  }
}

double Rng::lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }

int Rng::poisson(double mean) {
  if (!(mean >= 0.0)) throw std::invalid_argument("poisson: mean must be >= 0");
  int total = 0;
  while (mean > kPoissonPiece) {
    total += poisson_by_inversion(*this, kPoissonPiece);
    mean -= kPoissonPiece;
  }
  return total + (mean > 0.0 ? poisson_by_inversion(*this, mean) : 0);
}

std::size_t Rng::categorical(std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  if (weights.empty() || !(total > 0.0)) throw std::invalid_argument("categorical: no positive weight");
  double u = uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  // Rounding can leave u just above the last weight: fall back on the last positive one.
  for (std::size_t i = weights.size(); i-- > 0;)
    if (weights[i] > 0.0) return i;
  return weights.size() - 1;
}

}  // namespace seatsync::sim
