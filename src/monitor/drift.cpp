#include "seatsync/drift.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace seatsync {
namespace {

// A sample sorted by value with the running total of its weights (unit weights when none).
struct SortedSample {
  std::vector<double> values;
  std::vector<double> cumulative;  // cumulative[i] = weight of values[0..i]
  double total = 0, sum_squares = 0;

  double weight_upto(double v) const {  // weight of the values <= v
    const auto n = static_cast<std::size_t>(std::upper_bound(values.begin(), values.end(), v) - values.begin());
    return n == 0 ? 0.0 : cumulative[n - 1];
  }
  // Kish's effective sample size: a weighted sample carries the information of this many draws.
  double effective_size() const { return total * total / sum_squares; }
};

SortedSample sorted_checked(std::span<const double> values, std::span<const double> weights, const char* what) {
  if (values.empty()) throw std::invalid_argument(std::string(what) + ": no values");
  if (!weights.empty() && weights.size() != values.size())
    throw std::invalid_argument(std::string(what) + ": one weight per value is needed");
  std::vector<std::pair<double, double>> v(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double w = weights.empty() ? 1.0 : weights[i];
    if (!std::isfinite(values[i])) throw std::invalid_argument(std::string(what) + ": a value is not finite");
    if (!(w >= 0) || !std::isfinite(w)) throw std::invalid_argument(std::string(what) + ": a weight is negative or not finite");
    v[i] = {values[i], w};
  }
  std::sort(v.begin(), v.end());
  SortedSample s;
  for (const auto& [x, w] : v) {
    s.total += w;
    s.sum_squares += w * w;
    s.values.push_back(x);
    s.cumulative.push_back(s.total);
  }
  if (!(s.total > 0)) throw std::invalid_argument(std::string(what) + ": the weights sum to zero");
  return s;
}

// Shares of the sample per bin: bin i holds values <= edges[i] not in an earlier bin; the last
// bin holds the rest.
std::vector<double> shares(const SortedSample& s, const std::vector<double>& edges) {
  std::vector<double> out;
  double below = 0;
  for (double e : edges) {
    const double upto = s.weight_upto(e);
    out.push_back((upto - below) / s.total);
    below = upto;
  }
  out.push_back((s.total - below) / s.total);
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

PsiResult population_stability_index(std::span<const double> reference, std::span<const double> reference_weights,
                                     std::span<const double> recent, std::size_t bins) {
  if (bins < 2) throw std::invalid_argument("PSI needs at least 2 bins");
  const auto ref = sorted_checked(reference, reference_weights, "PSI reference");
  const auto now = sorted_checked(recent, {}, "PSI recent sample");
  PsiResult r;
  for (std::size_t b = 1; b < bins; ++b) {
    // The reference's b/bins quantile, the lower one: the first value whose cumulative weight
    // reaches b/bins of the total (compared multiplied out, exact for unit weights).
    const double target = static_cast<double>(b) * ref.total;
    const auto at = std::min(ref.values.size() - 1,
                             static_cast<std::size_t>(std::lower_bound(ref.cumulative.begin(), ref.cumulative.end(), target,
                                                                       [&](double c, double t) { return c * double(bins) < t; }) -
                                                      ref.cumulative.begin()));
    const double edge = ref.values[at];
    if (edge < ref.values.back() && (r.edges.empty() || edge > r.edges.back())) r.edges.push_back(edge);
  }
  r.expected = shares(ref, r.edges);
  r.actual = shares(now, r.edges);
  r.psi = psi_from_shares(r.expected, r.actual);
  return r;
}

PsiResult population_stability_index(std::span<const double> reference, std::span<const double> recent,
                                     std::size_t bins) {
  return population_stability_index(reference, {}, recent, bins);
}

KsResult ks_two_sample(std::span<const double> a, std::span<const double> a_weights, std::span<const double> b) {
  const auto x = sorted_checked(a, a_weights, "KS first sample"), y = sorted_checked(b, {}, "KS second sample");
  std::size_t i = 0, j = 0;
  double d = 0;
  // Walk both sorted samples; at each distinct value both CDFs step past all its copies.
  while (i < x.values.size() && j < y.values.size()) {
    const double v = std::min(x.values[i], y.values[j]);
    while (i < x.values.size() && x.values[i] == v) ++i;
    while (j < y.values.size() && y.values[j] == v) ++j;
    const double fx = i ? x.cumulative[i - 1] / x.total : 0.0, fy = j ? y.cumulative[j - 1] / y.total : 0.0;
    d = std::max(d, std::abs(fx - fy));
  }
  const double n = x.effective_size(), m = y.effective_size();
  const double ne = n * m / (n + m), root = std::sqrt(ne);
  return {d, kolmogorov_survival((root + 0.12 + 0.11 / root) * d)};
}

KsResult ks_two_sample(std::span<const double> a, std::span<const double> b) { return ks_two_sample(a, {}, b); }

}  // namespace seatsync
