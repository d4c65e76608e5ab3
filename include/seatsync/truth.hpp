#pragma once
// The ground truth of a simulated market: every parameter that generated a dataset, and the
// model functions that turn them into demand. Later work scores forecasts against these
// functions and replays the same customers against any pricing policy (common random
// numbers), so everything here is a pure function of the truth. See docs/simulator.md.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "seatsync/dataset.hpp"
#include "seatsync/date.hpp"
#include "seatsync/params.hpp"

namespace seatsync {

using BucketIndex = std::size_t;

// One price code as the market sees it. Indices match Dataset::codes.
struct CodeTruth {
  std::string code;
  std::string group;
  int capacity = 0;
  double ref_price = 0.0;    // median per-ticket WTP at tier 3 when the time multiplier is 1
  double floor_price = 0.0;  // season-ticket price, whole dollars
  double base_orders = 0.0;  // expected orders per game over the whole selling window at
                             // tier multiplier 1, shock 1 and demand scale 1
};

// One game. Indices match Dataset::games.
struct GameTruth {
  std::string id;
  Date date;
  int season = 0;  // calendar year in which the game's season starts (October)
  std::string opponent;
  double attractiveness = 0.0;  // of the opponent, 0..1
  bool weekend = false;         // Friday, Saturday or Sunday
  int tier = 3;
  double shock = 1.0;  // multiplies every arrival rate of the game (mean 1)
  // A market shift (e.g. the team got better this season): multiply the game's arrival
  // rates and its WTP. 1 when nothing shifted.
  double arrival_multiplier = 1.0;
  double wtp_multiplier = 1.0;
};

// One customer segment of a WTP mixture: an order belongs to it with probability
// share / (sum of shares); its WTP is median_wtp × multiplier × exp(sigma × Z).
struct WtpSegment {
  std::string name;
  double share = 1.0;
  double multiplier = 1.0;
  double sigma = 0.4;
};

// The analyst's pricing rule: imperfect beliefs about tiers and time, a pace correction and
// noise. It priced the history and is the baseline policy of closed-loop backtests.
struct AnalystTruth {
  std::vector<double> tier_factor;    // [tier - 1]
  std::vector<double> bucket_factor;  // [bucket]
  std::vector<double> pace_curve;     // [bucket]: expected sold fraction of capacity at bucket start
  double pace_gain = 0.0;             // pace factor = exp(gain × (sold − expected) / capacity) …
  double pace_min = 1.0;              // … clamped to [pace_min, pace_max]
  double pace_max = 1.0;
  double noise_sigma = 0.0;           // lognormal noise per (game, code, bucket)
};

// How secondary-market observations (listings.csv) are drawn.
struct ListingTruth {
  int window_days = 60;     // observed during the last window_days before the game …
  int every_days = 7;       // … every every_days, once per price-code group
  double premium = 1.0;     // resale price / median WTP
  double sigma = 0.0;       // lognormal noise of the listed price
  double code_share = 0.0;  // probability that an observation names its price code
  double resale_share = 0.0;  // probability that the source is "resale" (else "exchange")
};

struct MarketTruth {
  std::uint64_t seed = 0;
  std::string scenario;  // the scenario the market options started from, e.g. "balanced"
  Date as_of;            // games on or after it are upcoming; sales before it are history
  int sales_window_days = 365;  // sales open this many days before the game
  int opening_minute = 8 * 60;       // orders arrive from 08:00 …
  int tipoff_minute = 19 * 60 + 30;  // … to midnight, or to tip-off on game day
  double demand_scale = 1.0;         // scenario multiplier on every arrival rate
  double wtp_scale = 1.0;            // true WTP over what the analyst believes

  std::vector<TimeBucket> buckets;            // Dataset::params.buckets
  std::vector<double> bucket_arrival_share;   // [bucket]: share of a game's orders, sums to 1
  std::vector<double> bucket_wtp_multiplier;  // [bucket]; the analyst's beliefs follow it
  // [tier - 1][bucket]: when not empty, the time multiplier of each tier, used instead of
  // bucket_wtp_multiplier (WTP moving towards game day differently by tier).
  std::vector<std::vector<double>> tier_bucket_wtp_multiplier;
  std::vector<double> tier_wtp_multiplier;    // [tier - 1]
  std::vector<double> tier_arrival_multiplier;  // [tier - 1]
  double wtp_sigma = 0.0;                     // sd of log WTP (when wtp_segments is empty)
  // When not empty, WTP is this mixture instead of one lognormal with wtp_sigma.
  std::vector<WtpSegment> wtp_segments;
  std::vector<double> order_size_pmf;         // [k] = P(order size = k + 1)

  std::vector<CodeTruth> codes;
  std::vector<GameTruth> games;
  AnalystTruth analyst;
  ListingTruth listings;
};

// ---- Demand model -------------------------------------------------------------------------

// Days of the bucket on which tickets can sell (the bucket clipped to the selling window).
int selling_days(const MarketTruth& truth, BucketIndex bucket);
// Expected arriving orders per day in the bucket (whatever the price).
double arrival_rate(const MarketTruth& truth, GameIndex game, CodeIndex code, BucketIndex bucket);
// arrival_rate × selling_days: expected arriving orders in the whole bucket.
double expected_arrivals(const MarketTruth& truth, GameIndex game, CodeIndex code, BucketIndex bucket);
// The WTP scale of an order arriving in the bucket: ref price × tier × time × wtp_scale ×
// the game's wtp_multiplier. Without segments it is the median of the per-ticket WTP; with
// segments each segment's median is this × its multiplier (the mixture's median differs).
double median_wtp(const MarketTruth& truth, GameIndex game, CodeIndex code, BucketIndex bucket);
// P(WTP >= price) for one arriving order (the share-weighted mixture with segments).
double purchase_probability(const MarketTruth& truth, GameIndex game, CodeIndex code,
                            BucketIndex bucket, double price);
// P(order size = size); 0 outside 1..order_size_pmf.size().
double order_size_probability(const MarketTruth& truth, int size);
double mean_order_size(const MarketTruth& truth);
// Expected tickets requested in the bucket at `price` when seats never run out.
double expected_tickets_demanded(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                 BucketIndex bucket, double price);
bool is_upcoming(const MarketTruth& truth, GameIndex game);
// The bucket holding `days_before`, if any.
std::optional<BucketIndex> bucket_at(const MarketTruth& truth, int days_before);

// ---- Customers (common random numbers) ----------------------------------------------------

// One arriving order.
struct Customer {
  int days_before = 0;     // days before the game on which it arrives
  int minute = 0;          // minute of that day, 0..1439
  int quantity = 1;        // tickets wanted
  double wtp = 0.0;        // per-ticket willingness to pay

  Date date(const Date& game_date) const { return game_date - days_before; }
};

// The bucket's arriving orders in arrival order. Independent of any price and a pure function
// of (truth parameters, seed, game, code, bucket), so every policy meets the same customers.
std::vector<Customer> draw_customers(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                     BucketIndex bucket);

struct Sale {
  std::size_t customer = 0;  // index into the customers served
  int quantity = 0;
};

// Serves customers in order at one per-ticket price: a customer buys iff wtp >= price and
// seats remain, taking min(quantity, seats remaining) (a partial fill when few seats remain).
std::vector<Sale> serve_customers(std::span<const Customer> customers, double price, int remaining);

// ---- The analyst rule ---------------------------------------------------------------------

// The analyst's whole-dollar price for the bucket, set at its start from the seats still
// unsold then (`remaining`); never below the floor.
double analyst_price(const MarketTruth& truth, GameIndex game, CodeIndex code, BucketIndex bucket,
                     int remaining);

// ---- truth.json ---------------------------------------------------------------------------

// Version 2 added wtp_scale, tier_bucket_wtp_multiplier, wtp_segments and the games'
// arrival_multiplier / wtp_multiplier; version 1 files still read (with the defaults).
inline constexpr int kTruthFormatVersion = 2;

nlohmann::json to_json(const MarketTruth& truth);
// Throws std::runtime_error naming the offending key when the JSON is not a valid truth.
MarketTruth truth_from_json(const nlohmann::json& json);
// Reads truth.json; errors name the file.
MarketTruth load_truth(const std::filesystem::path& file);

}  // namespace seatsync
