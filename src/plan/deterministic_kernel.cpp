// The value-only inner loop of the deterministic DP (see deterministic_kernel.hpp).
//
// Written with GCC's generic vector type (4 doubles): on the x86-64 baseline (SSE2) it becomes
// pairs of 2-wide instructions, and `target_clones` adds an AVX2 copy chosen at load time by the
// CPU's features (ifunc), so the library needs no -march flag. The loop has only additions and
// maxima — nothing an FMA could contract — so both copies compute the same bits.
#include "deterministic_kernel.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

// The helpers below pass 32-byte vectors by value; they are internal and inlined, so the ABI
// note GCC gives for the baseline (non-AVX) copy does not concern any caller.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace seatsync::detail {
namespace {

using Lanes = double __attribute__((vector_size(32)));
constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

inline Lanes load(const double* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);  // unaligned load; the shifted rows are never aligned
  return v;
}

inline Lanes max(Lanes a, Lanes b) { return a > b ? a : b; }

inline double horizontal_max(Lanes v) { return std::max(std::max(v[0], v[1]), std::max(v[2], v[3])); }

// Scalar candidates q in [from, to] of one row, folded into its block maxima.
inline void fold_scalar(const double* gain, const double* row, int from, int to, double* out) {
  for (int q = from; q <= to; ++q) {
    double& block = out[q / kCandidateBlock];
    block = std::max(block, gain[q] + row[q]);
  }
}

}  // namespace

__attribute__((target_clones("avx2", "default"))) void candidate_block_maxima4(const double* gain, int quantities,
                                                                               const double* later_reversed, int seats,
                                                                               int s0, double* out, int stride) {
  // Row j: later[s0 + j − q] = later_reversed[seats − s0 − j + q], contiguous in q.
  const double* row[4];
  for (int j = 0; j < 4; ++j) row[j] = later_reversed + (seats - s0 - j);
  for (int j = 0; j < 4; ++j) std::fill(out + j * stride, out + j * stride + candidate_blocks(quantities, s0 + j), kMinusInf);

  // q = 0 … min(K, s0) is valid for all four rows; the vector part covers whole groups of 4.
  const int common = std::min(quantities, s0) + 1;
  const int vector_end = common - common % 4;
  const Lanes none = {kMinusInf, kMinusInf, kMinusInf, kMinusInf};
  for (int block_start = 0; block_start < vector_end; block_start += kCandidateBlock) {
    const int block_end = std::min(vector_end, block_start + kCandidateBlock);
    Lanes m0 = none, m1 = none, m2 = none, m3 = none;
    for (int q = block_start; q < block_end; q += 4) {
      const Lanes g = load(gain + q);
      m0 = max(m0, g + load(row[0] + q));
      m1 = max(m1, g + load(row[1] + q));
      m2 = max(m2, g + load(row[2] + q));
      m3 = max(m3, g + load(row[3] + q));
    }
    const int b = block_start / kCandidateBlock;
    out[0 * stride + b] = horizontal_max(m0);
    out[1 * stride + b] = horizontal_max(m1);
    out[2 * stride + b] = horizontal_max(m2);
    out[3 * stride + b] = horizontal_max(m3);
  }
  // The rest of each row: the common range's last < 4 entries and the q that only larger s allow.
  for (int j = 0; j < 4; ++j) fold_scalar(gain, row[j], vector_end, std::min(quantities, s0 + j), out + j * stride);
}

void candidate_block_maxima1(const double* gain, int quantities, const double* later_reversed, int seats, int s,
                             double* out) {
  std::fill(out, out + candidate_blocks(quantities, s), kMinusInf);
  fold_scalar(gain, later_reversed + (seats - s), 0, std::min(quantities, s), out);
}

}  // namespace seatsync::detail
