// Matching our sales and plan prices to the secondary market's observations (thesis 5.2.1): same
// game, same price code, the nearest days before within a small window, then — for a sale — the
// nearest quantity, as the thesis matched on "price code, days before the game, and the number of
// tickets sold".
#include <algorithm>
#include <cstdlib>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "seatsync/market_comparison.hpp"

namespace seatsync {
namespace {

struct Ask {
  int days_before = 0;
  int quantity = 0;
  double price = 0.0;
  std::size_t listing = 0;
};

// Listings by (game, code), each list sorted by days before (then price, for determinism).
class AskIndex {
 public:
  AskIndex(const Dataset& data, const MarketMatchOptions& options, ListingUse& use) : codes_(data.codes.size()) {
    for (std::size_t i = 0; i < data.listings.size(); ++i) {
      const Listing& l = data.listings[i];
      ++use.total;
      if (l.observed_date > options.as_of) {
        ++use.after_as_of;
        continue;
      }
      const int days = data.games[l.game].date - l.observed_date;
      if (days < 0) {  // after its game (validation refuses these): no sale or plan to compare with
        ++use.left_out;
        continue;
      }
      std::optional<CodeIndex> code = l.code;
      if (code) {
        ++use.coded;
      } else if (!l.section.empty() && (code = options.sections.find(l.source, l.section))) {
        ++use.by_section;
      } else {
        ++use.left_out;
        continue;
      }
      asks_[key(l.game, *code)].push_back({days, l.quantity, l.price, i});
    }
    for (auto& [k, list] : asks_)
      std::sort(list.begin(), list.end(), [](const Ask& a, const Ask& b) {
        return a.days_before != b.days_before ? a.days_before < b.days_before : a.price < b.price;
      });
  }

  const std::vector<Ask>* find(GameIndex game, CodeIndex code) const {
    const auto it = asks_.find(key(game, code));
    return it == asks_.end() ? nullptr : &it->second;
  }

 private:
  std::uint64_t key(GameIndex game, CodeIndex code) const { return std::uint64_t{game} * codes_ + code; }
  std::uint64_t codes_;
  std::map<std::uint64_t, std::vector<Ask>> asks_;
};

// Of `asks`, those nearest to the days range [lo, hi] (distance 0 inside), at most `window`
// away; a tie between the two sides goes to the earlier observation (more days before: what the
// market showed before the sale), so each match reads one day's asks.
std::vector<const Ask*> nearest_days(const std::vector<Ask>& asks, int lo, int hi, int window) {
  auto distance = [&](const Ask& a) { return a.days_before < lo ? lo - a.days_before : std::max(0, a.days_before - hi); };
  int best = std::numeric_limits<int>::max();
  bool best_earlier = false;
  for (const Ask& a : asks) {
    const int d = distance(a);
    if (d > window) continue;
    const bool earlier = a.days_before > hi;
    if (d < best || (d == best && earlier && !best_earlier)) {
      best = d;
      best_earlier = earlier;
    }
  }
  std::vector<const Ask*> out;
  if (best == std::numeric_limits<int>::max()) return out;
  for (const Ask& a : asks)
    if (distance(a) == best && (best == 0 || (a.days_before > hi) == best_earlier)) out.push_back(&a);
  return out;
}

double median_price(std::vector<const Ask*> asks) {
  std::sort(asks.begin(), asks.end(), [](const Ask* a, const Ask* b) { return a->price < b->price; });
  const std::size_t n = asks.size();
  return n % 2 ? asks[n / 2]->price : (asks[n / 2 - 1]->price + asks[n / 2]->price) / 2.0;
}

}  // namespace

std::optional<CodeIndex> SectionMap::find(const std::string& source, const std::string& section) const {
  for (const std::string& s : {source, std::string()}) {
    const auto map = by_source.find(s);
    if (map == by_source.end()) continue;
    const auto it = map->second.find(section);
    if (it != map->second.end()) return it->second;
  }
  return std::nullopt;
}

MarketMatches match_market(const Dataset& data, const PlanSet* plans, const MarketMatchOptions& options) {
  if (options.window_days < 0) throw std::invalid_argument("the matching window must be at least 0 days");
  MarketMatches out;
  out.as_of = options.as_of;
  out.window_days = options.window_days;
  const AskIndex index(data, options, out.listings);
  std::vector<bool> used(data.listings.size(), false);

  for (std::size_t i = 0; i < data.transactions.size(); ++i) {
    const Transaction& t = data.transactions[i];
    if (t.sold_date >= options.as_of) continue;  // not known at as_of
    const int days = data.days_before(t);
    const auto bucket = data.params.bucket_index(days);
    if (!bucket) continue;  // outside every bucket: no group to report it in (validation refuses these)
    ++out.sales_considered;
    out.tickets_considered += t.quantity;
    const std::vector<Ask>* asks = index.find(t.game, t.code);
    std::vector<const Ask*> near = asks ? nearest_days(*asks, days, days, options.window_days) : std::vector<const Ask*>{};
    if (near.empty()) {
      ++out.sales_unmatched;
      out.tickets_unmatched += t.quantity;
      continue;
    }
    // The thesis matched on the number of tickets too: keep the asks nearest in quantity.
    int best_q = std::numeric_limits<int>::max();
    for (const Ask* a : near) best_q = std::min(best_q, std::abs(a->quantity - t.quantity));
    std::erase_if(near, [&](const Ask* a) { return std::abs(a->quantity - t.quantity) != best_q; });
    SaleMatch m;
    m.transaction = i;
    m.game = t.game;
    m.code = t.code;
    m.bucket = *bucket;
    m.days_before = days;
    m.quantity = t.quantity;
    m.our_price = t.price;
    m.market_price = median_price(near);
    m.market_days_before = near.front()->days_before;
    m.market_quantity = near.front()->quantity;
    m.listings = near.size();
    for (const Ask* a : near) used[a->listing] = true;
    out.sales.push_back(m);
  }

  if (plans)
    for (const GamePlan& g : plans->games)
      for (const CodePlan& p : g.plans)
        for (const BucketRecommendation& b : p.buckets) {
          ++out.plan_buckets_considered;
          const std::vector<Ask>* asks = index.find(p.game, p.code);
          const auto near = asks ? nearest_days(*asks, b.days_from, b.days_to, options.window_days) : std::vector<const Ask*>{};
          if (near.empty()) {
            ++out.plan_buckets_unmatched;
            continue;
          }
          PlanMatch m;
          m.game = p.game;
          m.code = p.code;
          m.bucket = b.bucket;
          m.days_from = b.days_from;
          m.days_to = b.days_to;
          m.our_price = b.price;
          m.expected_quantity = b.expected_quantity;
          m.market_price = median_price(near);
          m.market_days_before = near.front()->days_before;  // the most recent of them
          m.listings = near.size();
          for (const Ask* a : near) used[a->listing] = true;
          out.plans.push_back(m);
        }
  out.listings.used = static_cast<std::size_t>(std::count(used.begin(), used.end(), true));
  return out;
}

}  // namespace seatsync
