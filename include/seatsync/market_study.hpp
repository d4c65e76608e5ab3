#pragma once
// What the real secondary-market data shows (docs/market-data.md): how asking prices move in
// the final days and hours, and whether a listing's price relative to the market (comp_p50)
// helps predict that it sells. Works on a MarketImport, which keeps each event's start time
// (a dataset's games have dates only, so hours before the event need the source).
#include <cstdint>
#include <string>
#include <vector>

#include "seatsync/listing_import.hpp"

namespace seatsync {

// SeatGeek: per days-to-event bucket, the median over polls of the poll's lowest (and median)
// price relative to its event's own median lowest (median) price over all its polls.
// Regular-season NFL only: events whose title names a playoff or placeholder are left out.
struct DaysToEventRow {
  std::string bucket;  // "0", "1", "2-3", "4-7", "8-14", "15-30", "31-60", "61+"
  std::size_t polls = 0, events = 0;
  double lowest_ratio = 0, median_ratio = 0;  // NaN when no poll had the statistic
  double listing_count = 0;                    // median listing_count
};
std::vector<DaysToEventRow> seatgeek_days_to_event(const MarketImport& import);
bool is_regular_season_title(const std::string& title);

// Listing tracks: the asks on the market in each hour before the event (each listing at its
// last price in the hour, all sites): quantiles, and the median relative to the first hour's.
struct HoursBeforeRow {
  std::string event;
  int hours_before = 0;  // whole hours from the hour's start to the event's scheduled start
  std::size_t listings = 0;
  double p10 = 0, median = 0, p90 = 0, median_vs_first = 0;
};
std::vector<HoursBeforeRow> asks_by_hour(const MarketImport& import);

// Listing tracks: consecutive asks of one listing that differ, by hours before the event.
struct PriceChangeRow {
  std::string event, bucket;  // bucket of hours before: "12+", "6-11", "3-5", "0-2", "after start"
  std::size_t observations = 0, cuts = 0, raises = 0;
  double median_cut = 0, median_raise = 0;  // relative size, e.g. 0.05 = 5%; NaN when none
};
std::vector<PriceChangeRow> price_changes(const MarketImport& import);

// Does comp_p50 help? A panel of (listing, scrape hour) rows: the listing's price, hours to the
// event, section level, site and event; the target is that the hour is the listing's last
// sighting while the scraper ran on (it disappeared: sold or withdrawn). The event's last scrape
// hour has no target. Each event's earlier two thirds of hours train, the later ones test.
// Each model is fitted without and with price / comp_p50, comp_p50 being the median ask of the
// listing's level at its event in that hour.
struct SellThroughScore {
  std::string model;     // "base rate", "logistic", "gbdt"
  bool with_comp = false;
  double log_loss = 0, auc = 0;
};
struct SellThroughStudy {
  std::size_t train_rows = 0, test_rows = 0;
  double train_rate = 0, test_rate = 0;  // share of rows whose listing disappeared
  std::vector<SellThroughScore> scores;
  // All rows by price / comp_p50: (bucket, rows, share that disappeared).
  struct RelativeBucket { std::string bucket; std::size_t rows = 0; double rate = 0; };
  std::vector<RelativeBucket> by_relative_price;
};
SellThroughStudy sell_through_study(const MarketImport& import, const SectionMap* section_map, std::uint64_t seed);

}  // namespace seatsync
