// The venue: which seats are sold through seatsync, at what reference price, in what number.
#include <cmath>

#include "sim/market_design.hpp"

namespace seatsync::sim {
namespace {

struct CodeDesign {
  const char* code;
  const char* group;
  double ref_price;
  int capacity;
};

// Premium seats are few and dear, cheap seats many: about 5,500 seats per game in all, the
// share of an 18,000-seat arena a team sells through this channel (thesis §1).
constexpr CodeDesign kCodes[] = {
    {"1", "Courtside", 1500, 24}, {"2", "Courtside", 1200, 32},
    {"3", "Courtside", 950, 40},  {"4", "Courtside", 750, 48},
    {"5", "Club", 420, 90},       {"6", "Club", 360, 110},
    {"A", "Club", 300, 120},      {"B", "Club", 260, 140},
    {"C", "Club", 220, 150},      {"D", "Lower Bowl", 175, 200},
    {"E", "Lower Bowl", 150, 220}, {"F", "Lower Bowl", 130, 240},
    {"G", "Lower Bowl", 115, 250}, {"H", "Lower Bowl", 100, 260},
    {"I", "Lower Bowl", 88, 260},  {"J", "Plaza", 78, 270},
    {"K", "Plaza", 68, 290},      {"L", "Plaza", 60, 300},
    {"M", "Plaza", 52, 310},      {"N", "Plaza", 46, 320},
    {"O", "Plaza", 40, 330},      {"P", "Balcony", 34, 350},
    {"Q", "Balcony", 29, 370},    {"R", "Balcony", 24, 390},
    {"S", "Balcony", 20, 410},
};

// Season tickets sell at a discount on the single-game reference price.
constexpr double kFloorRatioMin = 0.55;
constexpr double kFloorRatioMax = 0.70;
// Orders arriving per seat (tier multiplier 1, shock 1, balanced scale): with about half of the
// arrivals buying at the analyst's prices, this sells a typical game to ~85%.
constexpr double kArrivalsPerSeat = 1.7;
// Codes differ in how popular they are for their price.
constexpr double kPopularityMin = 0.85;
constexpr double kPopularityMax = 1.15;

}  // namespace

std::vector<CodeTruth> venue_codes(const std::vector<double>& order_size_pmf, Rng& rng) {
  double mean_size = 0.0;
  for (std::size_t k = 0; k < order_size_pmf.size(); ++k) mean_size += (k + 1.0) * order_size_pmf[k];

  std::vector<CodeTruth> codes;
  for (const CodeDesign& d : kCodes) {
    CodeTruth c;
    c.code = d.code;
    c.group = d.group;
    c.capacity = d.capacity;
    c.ref_price = d.ref_price;
    c.floor_price = std::round(d.ref_price * rng.uniform(kFloorRatioMin, kFloorRatioMax));
    const double popularity = rng.uniform(kPopularityMin, kPopularityMax);
    c.base_orders = kArrivalsPerSeat * d.capacity / mean_size * popularity;
    codes.push_back(std::move(c));
  }
  return codes;
}

}  // namespace seatsync::sim
