// Assembles every parameter of the simulated market.
#include <stdexcept>

#include "sim/market_design.hpp"

namespace seatsync::sim {
namespace {

// Orders are mostly pairs; singles and families of four are common, threes rarer.
const std::vector<double> kOrderSizePmf = {0.25, 0.45, 0.12, 0.18};
// A tier-1 game draws more people, and each of them pays more, than a tier-5 one.
const std::vector<double> kTierWtp = {1.6, 1.3, 1.0, 0.85, 0.7};
const std::vector<double> kTierArrivals = {1.2, 1.1, 1.0, 0.92, 0.85};
// The analyst under-reacts to tiers: top games are underpriced, weak ones overpriced.
const std::vector<double> kAnalystTier = {1.5, 1.25, 1.0, 0.87, 0.74};
constexpr double kWtpSigma = 0.4;
// MarketOptions::wtp_segments: about a third of the buyers are premium fans who pay well
// above the scale and vary little; the rest are price-sensitive and vary more.
const std::vector<WtpSegment> kWtpSegments = {{"premium", 0.35, 1.7, 0.25},
                                              {"price-sensitive", 0.65, 0.75, 0.3}};
constexpr double kAnalystNoiseSigma = 0.08;
constexpr double kPaceGain = 1.5, kPaceMin = 0.75, kPaceMax = 1.3;
constexpr int kSalesWindowDays = 365;

void check(const SimulationConfig& config, const MarketOptions& options) {
  if (config.seasons < 0 || config.seasons > 50)
    throw std::invalid_argument("seasons must be between 0 and 50");
  if (config.games_per_season < 5 || config.games_per_season > 170)
    throw std::invalid_argument("games_per_season must be between 5 and 170");
  if (config.upcoming_season_year < 1900 + config.seasons || config.upcoming_season_year > 9000)
    throw std::invalid_argument("upcoming_season_year is out of range");
  check_market_options(options);
}

}  // namespace

MarketTruth build_truth(const SimulationConfig& config, const std::vector<TimeBucket>& buckets) {
  const MarketOptions options = market_options(config);
  check(config, options);
  MarketTruth t;
  t.seed = config.seed;
  t.scenario = std::string(to_string(config.scenario));
  t.as_of = Date::from_ymd(config.upcoming_season_year, 12, 1);
  t.sales_window_days = kSalesWindowDays;
  t.demand_scale = options.demand_scale;
  t.wtp_scale = options.wtp_scale;

  t.buckets = buckets;
  const DemandProfile profile = demand_profile(buckets, t.sales_window_days);
  t.bucket_arrival_share = profile.arrival_share;
  t.bucket_wtp_multiplier = profile.wtp_multiplier;
  if (options.tier_time_effects) t.tier_bucket_wtp_multiplier = profile.tier_wtp_multiplier;
  t.tier_wtp_multiplier = kTierWtp;
  t.tier_arrival_multiplier = kTierArrivals;
  t.wtp_sigma = kWtpSigma;
  t.order_size_pmf = kOrderSizePmf;
  if (options.wtp_segments) t.wtp_segments = kWtpSegments;

  // Separate streams for the venue and each season: adding a past season leaves the others as they were.
  Rng venue_rng(stream_seed(config.seed, kTruthStream, 0));
  t.codes = venue_codes(t.order_size_pmf, venue_rng);
  for (int year = config.upcoming_season_year - config.seasons; year <= config.upcoming_season_year; ++year) {
    Rng season_rng(stream_seed(config.seed, kTruthStream, 1, static_cast<std::uint64_t>(year)));
    for (GameTruth& g : schedule_season(year, config.games_per_season, season_rng)) {
      // The shift hits the whole upcoming season, its games already played included.
      if (year == config.upcoming_season_year) {
        g.arrival_multiplier = options.shift_arrivals;
        g.wtp_multiplier = options.shift_wtp;
      }
      t.games.push_back(std::move(g));
    }
  }

  t.analyst.tier_factor = kAnalystTier;
  t.analyst.bucket_factor = profile.analyst_bucket_factor;
  t.analyst.pace_curve = profile.analyst_pace_curve;
  t.analyst.pace_gain = kPaceGain;
  t.analyst.pace_min = kPaceMin;
  t.analyst.pace_max = kPaceMax;
  t.analyst.noise_sigma = kAnalystNoiseSigma;

  t.listings.window_days = 60;
  t.listings.every_days = 7;
  t.listings.premium = 1.1;
  t.listings.sigma = 0.15;
  t.listings.code_share = 0.7;
  t.listings.resale_share = 0.75;
  return t;
}

}  // namespace seatsync::sim
