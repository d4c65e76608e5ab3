// Competitor price quantiles, weighted by the tickets listed.
#include "seatsync/market_summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace seatsync {

std::optional<MarketSummary> summarize_market(std::span<const CompetitorPrice> listings) {
  std::vector<std::pair<double, double>> weighted;  // price, weight
  std::map<std::string, std::size_t> sources;
  for (const auto& l : listings) {
    if (!std::isfinite(l.price) || l.price <= 0) continue;
    weighted.emplace_back(l.price, std::max(1, l.quantity));
    ++sources[l.source.empty() ? "unknown" : l.source];
  }
  if (weighted.empty()) return std::nullopt;
  std::sort(weighted.begin(), weighted.end());
  double total = 0;
  for (const auto& [p, w] : weighted) total += w;
  // The smallest price whose cumulative weight reaches q of the total.
  auto quantile = [&](double q) {
    double cumulative = 0;
    for (const auto& [p, w] : weighted) {
      cumulative += w;
      if (cumulative >= q * total - 1e-9) return p;
    }
    return weighted.back().first;
  };
  MarketSummary m{quantile(0.1), quantile(0.5), quantile(0.9), weighted.size(), {}};
  if (sources.size() == 1) {
    m.source = sources.begin()->first;
  } else {
    m.source = "mixed:";
    for (const auto& [name, n] : sources) m.source += (m.source.size() > 6 ? ", " : " ") + name;
  }
  return m;
}

std::vector<CompetitorPrice> stored_competitors(std::span<const Listing> game_listings, CodeIndex code, Date day,
                                                int days) {
  std::vector<CompetitorPrice> own, untied;
  for (const auto& l : game_listings) {
    if (l.observed_date > day || day - l.observed_date > days) continue;
    if (l.code == code) own.push_back({l.price, l.quantity, l.source});
    else if (!l.code) untied.push_back({l.price, l.quantity, l.source});
  }
  return own.empty() ? untied : own;
}

}  // namespace seatsync
