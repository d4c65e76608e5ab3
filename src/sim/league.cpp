// The visiting teams. Names are invented; attractiveness spreads evenly so that tiers have
// both stars and also-rans to draw from.
#include "sim/market_design.hpp"

namespace seatsync::sim {

const std::vector<Opponent>& league() {
  static const std::vector<Opponent> teams = {
      {"Harbor City Tides", 0.95},     {"Capital Monarchs", 0.92},
      {"Bayview Comets", 0.88},        {"Golden Plains Stallions", 0.84},
      {"Northport Yetis", 0.80},       {"Sierra Vista Peaks", 0.77},
      {"Riverbend Otters", 0.74},      {"Ironwood Foundry", 0.71},
      {"Lakeshore Gales", 0.68},       {"Desert Rose Scorpions", 0.65},
      {"Granite Falls Rams", 0.62},    {"Crescent Bay Pelicans", 0.59},
      {"Maple Ridge Lumberjacks", 0.56}, {"Summit County Eagles", 0.53},
      {"Pinecrest Owls", 0.50},        {"Silver Creek Miners", 0.47},
      {"Redwood Giants", 0.44},        {"Coral Coast Marlins", 0.41},
      {"Prairie Storm", 0.38},         {"Twin Rivers Herons", 0.35},
      {"Blue Mesa Coyotes", 0.32},     {"Frostvale Huskies", 0.29},
      {"Old Town Lamplighters", 0.26}, {"Cedar Point Foxes", 0.23},
      {"Sunset Valley Suns", 0.20},    {"Kettle Lake Loons", 0.17},
      {"Stonebridge Masons", 0.14},    {"Mill Creek Beavers", 0.11},
      {"Dry Gulch Drifters", 0.08},
  };
  return teams;
}

}  // namespace seatsync::sim
