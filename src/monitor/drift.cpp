#include "seatsync/drift.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace seatsync {
namespace {

std::vector<double> sorted_checked(std::span<const double> values, const char* what) {
  if (values.empty()) throw std::invalid_argument(std::string(what) + ": no values");
  std::vector<double> v(values.begin(), values.end());
  for (double x : v)
    if (!std::isfinite(x)) throw std::invalid_argument(std::string(what) + ": a value is not finite");
  std::sort(v.begin(), v.end());
  return v;
}

// Shares of `sorted` per bin: bin i holds values <= edges[i] not in an earlier bin; the last
// bin holds the rest.
std::vector<double> shares(const std::vector<double>& sorted, const std::vector<double>& edges) {
  std::vector<double> out;
  std::size_t below = 0;
  for (double e : edges) {
    const auto upto = static_cast<std::size_t>(std::upper_bound(sorted.begin(), sorted.end(), e) - sorted.begin());
    out.push_back(static_cast<double>(upto - below) / static_cast<double>(sorted.size()));
    below = upto;
  }
  out.push_back(static_cast<double>(sorted.size() - below) / static_cast<double>(sorted.size()));
  return out;
}

}  // namespace

double kolmogorov_survival(double lambda) {
  if (lambda < 0.2) return 1.0;  // the series converges slowly there, and Q is 1 to 1e-20
  double sum = 0;
  for (int j = 1; j <= 100; ++j) {
    const double term = std::exp(-2.0 * j * j * lambda * lambda);
    sum += (j % 2 ? 1.0 : -1.0) * term;
    if (term < 1e-16) break;
  }
  return std::clamp(2.0 * sum, 0.0, 1.0);
}

double psi_from_shares(std::span<const double> expected, std::span<const double> actual) {
  if (expected.empty() || expected.size() != actual.size())
    throw std::invalid_argument("PSI needs the same, non-zero number of expected and actual shares");
  double psi = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double e = std::max(expected[i], kPsiShareFloor), a = std::max(actual[i], kPsiShareFloor);
    psi += (a - e) * std::log(a / e);
  }
  return psi;
}

PsiResult population_stability_index(std::span<const double> reference, std::span<const double> recent,
                                     std::size_t bins) {
  if (bins < 2) throw std::invalid_argument("PSI needs at least 2 bins");
  const auto ref = sorted_checked(reference, "PSI reference"), now = sorted_checked(recent, "PSI recent sample");
  PsiResult r;
  for (std::size_t b = 1; b < bins; ++b) {
    // The reference's b/bins quantile (the lower order statistic: a value that occurs).
    const std::size_t at = std::min(ref.size() - 1, (b * ref.size() - 1) / bins);
    const double edge = ref[at];
    if (edge < ref.back() && (r.edges.empty() || edge > r.edges.back())) r.edges.push_back(edge);
  }
  r.expected = shares(ref, r.edges);
  r.actual = shares(now, r.edges);
  r.psi = psi_from_shares(r.expected, r.actual);
  return r;
}

KsResult ks_two_sample(std::span<const double> a, std::span<const double> b) {
  const auto x = sorted_checked(a, "KS first sample"), y = sorted_checked(b, "KS second sample");
  const double n = static_cast<double>(x.size()), m = static_cast<double>(y.size());
  std::size_t i = 0, j = 0;
  double d = 0;
  // Walk both sorted samples; at each distinct value both CDFs step past all its copies.
  while (i < x.size() && j < y.size()) {
    const double v = std::min(x[i], y[j]);
    while (i < x.size() && x[i] == v) ++i;
    while (j < y.size() && y[j] == v) ++j;
    d = std::max(d, std::abs(static_cast<double>(i) / n - static_cast<double>(j) / m));
  }
  const double ne = n * m / (n + m), root = std::sqrt(ne);
  return {d, kolmogorov_survival((root + 0.12 + 0.11 / root) * d)};
}

}  // namespace seatsync
