#include "sim/listings.hpp"

#include <algorithm>
#include <cmath>

#include "sim/rng.hpp"
#include "sim/timestamp.hpp"

namespace seatsync::sim {
namespace {

// Groups in order of first appearance, each with its codes.
std::vector<std::vector<CodeIndex>> codes_by_group(const MarketTruth& truth) {
  std::vector<std::string> names;
  std::vector<std::vector<CodeIndex>> groups;
  for (CodeIndex c = 0; c < truth.codes.size(); ++c) {
    const auto it = std::find(names.begin(), names.end(), truth.codes[c].group);
    if (it == names.end()) {
      names.push_back(truth.codes[c].group);
      groups.push_back({c});
    } else {
      groups[static_cast<std::size_t>(it - names.begin())].push_back(c);
    }
  }
  return groups;
}

}  // namespace

std::vector<Listing> draw_listings(const MarketTruth& truth, GameIndex game) {
  const ListingTruth& lt = truth.listings;
  const GameTruth& g = truth.games.at(game);
  Rng rng(stream_seed(truth.seed, kListingStream, game));
  std::vector<Listing> listings;
  if (lt.every_days <= 0) return listings;
  for (int d = lt.window_days; d >= 0; d -= lt.every_days) {
    const auto bucket = bucket_at(truth, d);
    for (const std::vector<CodeIndex>& group : codes_by_group(truth)) {
      // Every draw happens whether or not the observation is kept, so that moving as_of
      // never changes the observations that remain.
      const CodeIndex code = group[static_cast<std::size_t>(rng.uniform_int(0, static_cast<int>(group.size()) - 1))];
      const bool named = rng.bernoulli(lt.code_share);
      const bool resale = rng.bernoulli(lt.resale_share);
      const int minute = rng.uniform_int(truth.opening_minute, (d == 0 ? truth.tipoff_minute : 24 * 60) - 1);
      const int quantity = static_cast<int>(rng.categorical(truth.order_size_pmf)) + 1;
      const double noise = std::exp(lt.sigma * rng.normal());
      const Date day = g.date - d;
      if (!bucket || (is_upcoming(truth, game) && day >= truth.as_of)) continue;
      Listing l;
      l.game = game;
      if (named) l.code = code;
      l.observed_date = day;
      l.observed_at = timestamp(day, minute);
      l.price = std::max(1.0, std::round(median_wtp(truth, game, code, *bucket) * lt.premium * noise));
      l.quantity = quantity;
      l.source = resale ? "resale" : "exchange";
      listings.push_back(std::move(l));
    }
  }
  return listings;
}

}  // namespace seatsync::sim
