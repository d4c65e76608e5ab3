// Sample-ratio mismatch: did the units split the way the experiment planned?
#include <boost/math/distributions/chi_squared.hpp>
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

// A mismatch means the assignment or the logging is broken (a redirect losing one arm's units,
// bots filtered in one arm only), and then no comparison of the arms can be trusted: hence the
// strict default threshold, so that a healthy experiment is almost never flagged.
SrmResult sample_ratio_mismatch(std::span<const std::size_t> observed, std::span<const double> planned_shares,
                                double threshold) {
  if (observed.size() != planned_shares.size())
    throw std::invalid_argument("sample-ratio check: " + std::to_string(observed.size()) + " observed counts but " +
                                std::to_string(planned_shares.size()) + " planned shares");
  if (observed.size() < 2) throw std::invalid_argument("sample-ratio check: needs at least 2 arms");
  double share_sum = 0.0, total = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (!(planned_shares[i] > 0.0 && std::isfinite(planned_shares[i])))
      throw std::invalid_argument(
          fmt::format("sample-ratio check: planned share {} must be a positive number, got {:g}", i + 1, planned_shares[i]));
    share_sum += planned_shares[i];
    total += static_cast<double>(observed[i]);
  }
  if (total == 0.0) throw std::invalid_argument("sample-ratio check: no units observed");
  SrmResult r;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double expected = total * planned_shares[i] / share_sum;
    const double gap = static_cast<double>(observed[i]) - expected;
    r.chi_square += gap * gap / expected;
  }
  r.df = observed.size() - 1;
  r.p_value = boost::math::cdf(boost::math::complement(boost::math::chi_squared(static_cast<double>(r.df)), r.chi_square));
  r.mismatch = r.p_value < threshold;
  return r;
}

}  // namespace seatsync::ab
