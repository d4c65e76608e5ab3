#pragma once
// The inner loop of the deterministic DP (src/plan/deterministic_dp.cpp), value only: for seats
// left s, the candidates are c_s(q) = gain[q] + later[s − q], q = 0 … min(K, s), and the kernel
// returns their maxima per block of kCandidateBlock consecutive q — a plain max over contiguous
// runs that vectorises, with no argmax in the loop. The DP then recovers the chosen q, with its
// exact tie rule, from these block maxima (most blocks are never looked at again).
//
// Every candidate is the same single IEEE addition the scalar code does, and max is exact, so
// the maxima are bit-identical to a scalar loop in any order, on any instruction set.
namespace seatsync::detail {

constexpr int kCandidateBlock = 64;

// Blocks of q for seats left s: q = 0 … min(quantities, s).
inline int candidate_blocks(int quantities, int s) { return (s < quantities ? s : quantities) / kCandidateBlock + 1; }

// Block maxima for the four seat counts s0 … s0 + 3 (s0 + 3 <= seats) at once, so that each
// gain[q] is loaded once for four rows. gain[0 … quantities] with gain[0] = −∞ (the caller adds
// q = 0, which is later[s] itself); later_reversed[i] = later[seats − i]. out[j · stride + b] is
// block b of s0 + j, for b < candidate_blocks(quantities, s0 + j).
// Pruning: bound[b] is an upper bound on every candidate of block b in the four rows; a block
// with bound[b] < floor is not computed and gets bound[b] as its "maximum" (still an upper
// bound), which is all the recovery needs when floor is at most each row's maximum.
void candidate_block_maxima4(const double* gain, int quantities, const double* later_reversed, int seats, int s0,
                             const double* bound, double floor, double* out, int stride);

// The same for one seat count s.
void candidate_block_maxima1(const double* gain, int quantities, const double* later_reversed, int seats, int s,
                             double* out);

}  // namespace seatsync::detail
