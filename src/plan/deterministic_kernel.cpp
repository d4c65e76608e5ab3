// The value-only inner loop of the deterministic DP (see deterministic_kernel.hpp).
//
// Written once over GCC's generic vector types: 2 doubles (16 bytes) on the x86-64 baseline
// (SSE2; also NEON elsewhere), 4 doubles in a copy compiled for AVX2 that is chosen at run time
// when the CPU has it (__builtin_cpu_supports), so the library needs no -march flag. The loop has
// only additions and maxima — nothing an FMA could contract — so both copies compute the same bits.
// (A 4-double vector type compiled for SSE2 is lowered badly by GCC 12: 3.5 s instead of 0.14 s
// at 90 × 5,400, slower than the scalar sweep — hence a width per instruction set.)
#include "deterministic_kernel.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

// The helpers below pass vectors by value; they are internal and inlined, so the ABI note GCC
// gives for 32-byte vectors in code compiled without AVX does not concern any caller.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace seatsync::detail {
namespace {

using Lanes2 = double __attribute__((vector_size(16)));
using Lanes4 = double __attribute__((vector_size(32)));
constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

template <class V>
inline V load(const double* p) {
  V v;
  std::memcpy(&v, p, sizeof v);  // unaligned load; the shifted rows are never aligned
  return v;
}

template <class V>
inline V max(V a, V b) {
  return a > b ? a : b;
}

template <class V>
inline double horizontal_max(V v) {
  double m = v[0];
  for (unsigned i = 1; i < sizeof(V) / sizeof(double); ++i) m = std::max(m, v[i]);
  return m;
}

// Scalar candidates q in [from, to] of one row, folded into its block maxima (a register per
// block, not a load and store per candidate).
void fold_scalar(const double* gain, const double* row, int from, int to, double* out) {
  for (int q = from; q <= to;) {
    const int b = q / kCandidateBlock;
    const int end = std::min(to, (b + 1) * kCandidateBlock - 1);
    double m = out[b];
    for (; q <= end; ++q) m = std::max(m, gain[q] + row[q]);
    out[b] = m;
  }
}

// Four rows, vectors of V, four q per step (one or two vectors per row: 4 or 8 independent
// max chains to hide the latency).
template <class V>
inline __attribute__((always_inline)) void block_maxima4(const double* gain, int quantities,
                                                         const double* later_reversed, int seats, int s0,
                                                         const double* bound, double floor, double* out,
                                                         int stride) {
  constexpr int kLanes = sizeof(V) / sizeof(double);
  constexpr int kPerRow = 4 / kLanes;
  // Row j: later[s0 + j − q] = later_reversed[seats − s0 − j + q], contiguous in q.
  const double* row[4];
  for (int j = 0; j < 4; ++j) row[j] = later_reversed + (seats - s0 - j);
  for (int j = 0; j < 4; ++j) std::fill(out + j * stride, out + j * stride + candidate_blocks(quantities, s0 + j), kMinusInf);

  // q = 0 … min(K, s0) is valid for all four rows; the vector part covers whole groups of 4.
  const int common = std::min(quantities, s0) + 1;
  const int vector_end = common - common % 4;
  V none;
  for (int i = 0; i < kLanes; ++i) none[i] = kMinusInf;
  for (int block_start = 0; block_start < vector_end; block_start += kCandidateBlock) {
    const int block_end = std::min(vector_end, block_start + kCandidateBlock);
    const int b = block_start / kCandidateBlock;
    if (bound[b] < floor) {  // no candidate here can be any row's maximum
      for (int j = 0; j < 4; ++j) out[j * stride + b] = bound[b];
      continue;
    }
    V m[4][kPerRow];
    for (auto& r : m)
      for (auto& v : r) v = none;
    for (int q = block_start; q < block_end; q += 4) {
      for (int u = 0; u < kPerRow; ++u) {
        const V g = load<V>(gain + q + u * kLanes);
        for (int j = 0; j < 4; ++j) m[j][u] = max(m[j][u], g + load<V>(row[j] + q + u * kLanes));
      }
    }
    for (int j = 0; j < 4; ++j) {
      V all = m[j][0];
      for (int u = 1; u < kPerRow; ++u) all = max(all, m[j][u]);
      out[j * stride + b] = horizontal_max(all);
    }
  }
  // The rest of each row: the common range's last < 4 entries and the q that only larger s allow.
  for (int j = 0; j < 4; ++j) fold_scalar(gain, row[j], vector_end, std::min(quantities, s0 + j), out + j * stride);
}

using Kernel4 = void (*)(const double*, int, const double*, int, int, const double*, double, double*, int);

void block_maxima4_baseline(const double* gain, int quantities, const double* later_reversed, int seats, int s0,
                            const double* bound, double floor, double* out, int stride) {
  block_maxima4<Lanes2>(gain, quantities, later_reversed, seats, s0, bound, floor, out, stride);
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) void block_maxima4_avx2(const double* gain, int quantities,
                                                        const double* later_reversed, int seats, int s0,
                                                        const double* bound, double floor, double* out, int stride) {
  block_maxima4<Lanes4>(gain, quantities, later_reversed, seats, s0, bound, floor, out, stride);
}

Kernel4 pick_kernel4() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? block_maxima4_avx2 : block_maxima4_baseline;
}
#else
Kernel4 pick_kernel4() { return block_maxima4_baseline; }
#endif

}  // namespace

void candidate_block_maxima4(const double* gain, int quantities, const double* later_reversed, int seats, int s0,
                             const double* bound, double floor, double* out, int stride) {
  static const Kernel4 kernel = pick_kernel4();
  kernel(gain, quantities, later_reversed, seats, s0, bound, floor, out, stride);
}

void candidate_block_maxima1(const double* gain, int quantities, const double* later_reversed, int seats, int s,
                             double* out) {
  std::fill(out, out + candidate_blocks(quantities, s), kMinusInf);
  fold_scalar(gain, later_reversed + (seats - s), 0, std::min(quantities, s), out);
}

}  // namespace seatsync::detail
