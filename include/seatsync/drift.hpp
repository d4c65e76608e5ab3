#pragma once
// Feature drift between the rows a model was trained on and the rows arriving now (seed 003's
// monitoring): the population stability index over the reference's quantile bins, and the
// two-sample Kolmogorov–Smirnov statistic with its asymptotic p-value. Pure functions.
#include <cstddef>
#include <span>
#include <vector>

namespace seatsync {

// Shares below this floor count as this floor in PSI's logarithm, so an empty bin on one side
// gives a large but finite index (the usual convention; 1e-4 is what most monitoring tools use).
inline constexpr double kPsiShareFloor = 1e-4;

// PSI = Σ (actual − expected) · ln(actual / expected) over bins whose shares are given (each
// vector sums to 1, same length). Throws std::invalid_argument on mismatched or empty input.
double psi_from_shares(std::span<const double> expected, std::span<const double> actual);

struct PsiResult {
  double psi = 0;
  std::vector<double> edges;              // inner bin edges, from the reference's quantiles
  std::vector<double> expected, actual;   // shares per bin
};

// PSI of `recent` against `reference`, with up to `bins` bins cut at the reference's
// quantiles (ties merged, so a feature of few values gets one bin per value). A value goes to
// the first bin whose upper edge is >= it. Both samples must be non-empty and finite.
PsiResult population_stability_index(std::span<const double> reference, std::span<const double> recent,
                                     std::size_t bins = 10);
// The same with a weight per reference value (empty = all 1): the bins are cut at the weighted
// quantiles and the expected shares are weight shares. Monitoring reweights the training rows
// so their mix of lead times matches the recent rows' (docs/model-lifecycle.md), and sampled
// no-sale rows carry the weight that undoes their sampling.
PsiResult population_stability_index(std::span<const double> reference, std::span<const double> reference_weights,
                                     std::span<const double> recent, std::size_t bins = 10);

struct KsResult {
  double statistic = 0;  // D = sup |F_reference − F_recent|
  double p_value = 1;    // asymptotic (Kolmogorov's distribution, with Stephens' correction)
};

// Kolmogorov's distribution: P(K > λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²).
double kolmogorov_survival(double lambda);

// Two-sample Kolmogorov–Smirnov test. Both samples must be non-empty and finite.
KsResult ks_two_sample(std::span<const double> a, std::span<const double> b);
// With a weight per value of `a` (empty = all 1): D between the weighted and the plain ECDF,
// the p-value from Kish's effective size (Σw)² / Σw² of `a`.
KsResult ks_two_sample(std::span<const double> a, std::span<const double> a_weights, std::span<const double> b);

}  // namespace seatsync
