#pragma once
// The thesis's secondary-market comparison (5.2.1, Figure 5-2): our sales, and our recommended
// prices, matched to secondary-market observations (listings) of the same game, price code and
// days before the game, and the differences summarised — their distribution, the share of our
// sales priced above the market, and the revenue at stake either way.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "seatsync/dataset.hpp"
#include "seatsync/planner.hpp"

namespace seatsync {

// Source sections → our price codes, for listings that name a section but no code. A map given
// for one source applies to that source's listings; the one for every source ("") to the rest.
struct SectionMap {
  std::map<std::string, std::map<std::string, CodeIndex>> by_source;
  std::optional<CodeIndex> find(const std::string& source, const std::string& section) const;
};

// Reads a section map from TOML: a top-level [sections] table ("101" = "1": section → price
// code) for every source, and/or the collector's sources file, whose [[source]] tables carry
// `name` and [source.sections]. Other keys are ignored (a sources file has many). An unknown
// price code or a non-string value → ValidationError at FILE:LINE.
SectionMap parse_section_map_toml(std::string_view text, const std::string& file_name, const Dataset& data);

struct MarketMatchOptions {
  Date as_of;           // sales sold before it, listings observed on or before it
  int window_days = 2;  // a listing matches at most this many days-before away
  SectionMap sections;
};

// One of our sales and the market price it is compared with.
struct SaleMatch {
  std::size_t transaction = 0;  // index into Dataset::transactions
  GameIndex game = 0;
  CodeIndex code = 0;
  std::size_t bucket = 0;       // of the sale's days before
  int days_before = 0;
  int quantity = 0;
  double our_price = 0.0;       // per ticket
  double market_price = 0.0;    // per ticket: the median ask of the chosen listings
  int market_days_before = 0;   // the chosen listings' days before (nearest to the sale's)
  int market_quantity = 0;      // their quantity (nearest to the sale's)
  std::size_t listings = 0;     // how many listings the median is of
  double difference() const { return our_price - market_price; }
  double relative() const { return (our_price - market_price) / market_price; }
};

// A recommended price (one game × code × bucket of a plan) and the market price beside it.
struct PlanMatch {
  GameIndex game = 0;
  CodeIndex code = 0;
  std::size_t bucket = 0;
  int days_from = 0, days_to = 0;
  double our_price = 0.0;
  double expected_quantity = 0.0;  // the plan's expected tickets in the bucket (the weight)
  double market_price = 0.0;
  int market_days_before = 0;
  std::size_t listings = 0;
  double difference() const { return our_price - market_price; }
  double relative() const { return (our_price - market_price) / market_price; }
};

// What happened to the listings.
struct ListingUse {
  std::size_t total = 0;
  std::size_t coded = 0;          // named a price code
  std::size_t by_section = 0;     // no code, their section mapped to one
  std::size_t left_out = 0;       // no code and no mapped section (or observed after its game): never matched
  std::size_t after_as_of = 0;    // observed after as_of: not known yet
  std::size_t used = 0;           // matched at least one sale or plan bucket
};

struct MarketMatches {
  Date as_of;
  int window_days = 2;
  std::vector<SaleMatch> sales;
  std::vector<PlanMatch> plans;
  std::size_t sales_considered = 0, sales_unmatched = 0;
  long long tickets_considered = 0, tickets_unmatched = 0;
  std::size_t plan_buckets_considered = 0, plan_buckets_unmatched = 0;
  ListingUse listings;
};

// The matching rules (docs/market-data.md):
// - a listing counts for its price code, or for the code its section maps to; otherwise it is
//   left out (and counted);
// - a sale (sold before as_of) is matched to the listings of its game and code whose days before
//   is nearest to the sale's, at most window_days away; among those, the listings whose quantity
//   is nearest to the sale's; the market price is the median of their prices (the mean of the
//   middle two for an even count). A listing may serve many sales: it is the market's ask that
//   day, not a rival transaction.
// - a plan bucket is matched to the listings of its game and code nearest to the bucket's days
//   (0 inside it, else the distance to its nearer edge, at most window_days); the market price is
//   the median of those. `plans` may be null (sales only).
MarketMatches match_market(const Dataset& data, const PlanSet* plans, const MarketMatchOptions& options);

// Quantiles by linear interpolation between order statistics (type 7); NaN when empty.
struct Quantiles {
  double p10 = 0, p25 = 0, median = 0, p75 = 0, p90 = 0, mean = 0;
};
Quantiles quantiles_of(std::vector<double> values);

// Differences of one set of matches: per match ours − market, weighted by tickets for the sums.
struct DifferenceStats {
  std::size_t count = 0, above = 0, equal = 0, below = 0;  // matches priced above / at / below the market
  double tickets = 0, tickets_above = 0;                    // expected tickets for plans
  double revenue = 0, revenue_above = 0;                    // Σ tickets × our price
  // Σ tickets × (market − ours) over matches below the market: an upper bound on what pricing at
  // the market could have added (buyers who paid less might not have paid the ask).
  double below_market_gap = 0;
  // Σ tickets × (ours − market) over matches above the market: what our buyers paid beyond the
  // resale asks.
  double above_market_premium = 0;
  Quantiles difference, relative;  // per match (unweighted), dollars and (ours − market) / market
  double share_above_count() const;
  double share_above_tickets() const;
  double share_above_revenue() const;
};

// Counts of matches by difference bin, as thesis Figure 5-2, with the value of each bin
// (Σ tickets × difference). Bins are [lo, hi); the first and last also hold everything beyond
// them when `open_low` / `open_high`.
struct HistogramBin {
  double lo = 0, hi = 0;
  std::size_t count = 0;
  double tickets = 0, value = 0;
};
struct DifferenceHistogram {
  double width = 0;
  bool open_low = false, open_high = false;
  std::vector<HistogramBin> bins;
};
// Bin edges for `differences`: a "nice" width (1, 2, 2.5 or 5 × 10^k) giving at most
// `max_bins` bins over the 1st–99th percentile, edges on multiples of the width (so 0 is one).
DifferenceHistogram histogram_edges(const std::vector<double>& differences, int max_bins = 24);
// Fills a copy of `edges` with the matches' differences (weights: tickets).
DifferenceHistogram fill_histogram(const DifferenceHistogram& edges, const std::vector<double>& differences,
                                   const std::vector<double>& tickets);

struct LabelledStats {
  std::string label;
  DifferenceStats stats;
  DifferenceHistogram histogram;  // groups: on their own edges; buckets: on the overall histogram's
};

struct MarketComparison {
  MarketMatches matches;
  DifferenceStats sales;  // every matched sale
  DifferenceHistogram histogram;
  std::vector<LabelledStats> by_group, by_bucket;  // groups in seats.csv order, buckets in params order
  DifferenceStats plans;  // every matched plan bucket (tickets = the plan's expected tickets)
  std::vector<LabelledStats> plans_by_group;
};

MarketComparison compare_market(const Dataset& data, MarketMatches matches);

// The comparison as JSON (docs/market-data.md): settings, listing use, the summaries, the
// histograms and every match.
nlohmann::json market_comparison_to_json(const MarketComparison& comparison, const Dataset& data);

// Thesis Figure 5-2: matched sales by price difference (ours − market) as bars, coloured by sign,
// and each bin's value (Σ tickets × difference) as a line on the right axis. Self-contained SVG.
std::string svg_market_histogram(const DifferenceHistogram& histogram, const std::string& title,
                                 const std::string& subtitle);
// Small multiples: one panel of counts per label (a group or a bucket), each on its histogram's
// bins and its own count axis; each bar's tooltip has its tickets and value.
std::string svg_market_histogram_panels(const std::vector<LabelledStats>& panels, const std::string& title);

}  // namespace seatsync
