// truth.json: the MarketTruth written out in full, read back exactly (doubles are written
// with enough digits to round-trip), with errors that name the offending key.
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "seatsync/truth.hpp"

namespace seatsync {
namespace {

using nlohmann::json;
constexpr const char* kFormatName = "seatsync-truth";

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw std::runtime_error(path + ": " + message);
}

const json& field(const json& object, const std::string& key, const std::string& path) {
  if (!object.is_object()) fail(path, "expected an object");
  const auto it = object.find(key);
  if (it == object.end()) fail(path.empty() ? key : path + "." + key, "missing");
  return *it;
}

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

double number(const json& obj, const std::string& key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (!v.is_number()) fail(join(path, key), "expected a number");
  return v.get<double>();
}

int integer(const json& obj, const std::string& key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (!v.is_number_integer()) fail(join(path, key), "expected an integer");
  return v.get<int>();
}

std::string text(const json& obj, const std::string& key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (!v.is_string()) fail(join(path, key), "expected a string");
  return v.get<std::string>();
}

bool boolean(const json& obj, const std::string& key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (!v.is_boolean()) fail(join(path, key), "expected true or false");
  return v.get<bool>();
}

Date date(const json& obj, const std::string& key, const std::string& path) {
  const auto parsed = Date::parse(text(obj, key, path));
  if (!parsed) fail(join(path, key), "expected a date YYYY-MM-DD");
  return *parsed;
}

const json& array(const json& obj, const std::string& key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (!v.is_array()) fail(join(path, key), "expected an array");
  return v;
}

double positive(const json& obj, const std::string& key, const std::string& path) {
  const double v = number(obj, key, path);
  if (!(v > 0.0)) fail(join(path, key), "must be > 0");
  return v;
}

std::vector<double> numbers(const json& obj, const std::string& key, const std::string& path) {
  std::vector<double> out;
  const json& a = array(obj, key, path);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_number()) fail(at(join(path, key), i), "expected a number");
    out.push_back(a[i].get<double>());
  }
  return out;
}

void expect_size(const std::vector<double>& values, std::size_t size, const std::string& path,
                 const std::string& what) {
  if (values.size() != size)
    fail(path, "expected " + std::to_string(size) + " values (one per " + what + "), got " +
                   std::to_string(values.size()));
}

// ---- writing ----

json bucket_json(const MarketTruth& t, std::size_t b) {
  const TimeBucket& bucket = t.buckets[b];
  return {{"name", bucket.name},
          {"days_from", bucket.days_from},
          {"days_to", bucket.days_to},
          {"arrival_share", t.bucket_arrival_share[b]},
          {"wtp_multiplier", t.bucket_wtp_multiplier[b]}};
}

json code_json(const CodeTruth& c) {
  return {{"code", c.code},           {"group", c.group},
          {"capacity", c.capacity},   {"ref_price", c.ref_price},
          {"floor_price", c.floor_price}, {"base_orders", c.base_orders}};
}

json game_json(const GameTruth& g) {
  return {{"id", g.id},
          {"date", g.date.str()},
          {"season", g.season},
          {"opponent", g.opponent},
          {"attractiveness", g.attractiveness},
          {"weekend", g.weekend},
          {"tier", g.tier},
          {"shock", g.shock},
          {"arrival_multiplier", g.arrival_multiplier},
          {"wtp_multiplier", g.wtp_multiplier}};
}

json matrix_json(const std::vector<std::vector<double>>& rows) {
  json out = json::array();
  for (const std::vector<double>& row : rows) out.push_back(row);
  return out;
}

json segments_json(const std::vector<WtpSegment>& segments) {
  json out = json::array();
  for (const WtpSegment& s : segments)
    out.push_back({{"name", s.name}, {"share", s.share}, {"multiplier", s.multiplier}, {"sigma", s.sigma}});
  return out;
}

json analyst_json(const AnalystTruth& a) {
  return {{"tier_factor", a.tier_factor}, {"bucket_factor", a.bucket_factor},
          {"pace_curve", a.pace_curve},   {"pace_gain", a.pace_gain},
          {"pace_min", a.pace_min},       {"pace_max", a.pace_max},
          {"noise_sigma", a.noise_sigma}};
}

json listing_json(const ListingTruth& l) {
  return {{"window_days", l.window_days}, {"every_days", l.every_days},
          {"premium", l.premium},         {"sigma", l.sigma},
          {"code_share", l.code_share},   {"resale_share", l.resale_share}};
}

// ---- reading ----

void read_buckets(const json& j, MarketTruth& t) {
  const json& a = array(j, "buckets", "");
  if (a.empty()) fail("buckets", "expected at least one bucket");
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string p = at("buckets", i);
    TimeBucket b{text(a[i], "name", p), integer(a[i], "days_from", p), integer(a[i], "days_to", p)};
    if (b.days_from < 0 || b.days_to < b.days_from) fail(p, "days_from must be 0..days_to");
    if (i > 0 && b.days_to != t.buckets.back().days_from - 1)
      fail(p, "buckets must run from the furthest to game day, contiguous");
    t.buckets.push_back(b);
    t.bucket_arrival_share.push_back(number(a[i], "arrival_share", p));
    t.bucket_wtp_multiplier.push_back(number(a[i], "wtp_multiplier", p));
    if (t.bucket_arrival_share.back() < 0.0) fail(p + ".arrival_share", "must be >= 0");
    if (t.bucket_wtp_multiplier.back() <= 0.0) fail(p + ".wtp_multiplier", "must be > 0");
  }
}

void read_tiers(const json& j, MarketTruth& t) {
  const json& a = array(j, "tiers", "");
  if (a.empty()) fail("tiers", "expected at least one tier");
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string p = at("tiers", i);
    if (integer(a[i], "tier", p) != static_cast<int>(i) + 1) fail(p + ".tier", "tiers must be 1, 2, 3, … in order");
    t.tier_wtp_multiplier.push_back(number(a[i], "wtp_multiplier", p));
    t.tier_arrival_multiplier.push_back(number(a[i], "arrival_multiplier", p));
    if (t.tier_wtp_multiplier.back() <= 0.0 || t.tier_arrival_multiplier.back() < 0.0)
      fail(p, "multipliers must be positive");
  }
}

void read_codes(const json& j, MarketTruth& t) {
  const json& a = array(j, "codes", "");
  if (a.empty()) fail("codes", "expected at least one price code");
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string p = at("codes", i);
    CodeTruth c{text(a[i], "code", p),          text(a[i], "group", p),
                integer(a[i], "capacity", p),   number(a[i], "ref_price", p),
                number(a[i], "floor_price", p), number(a[i], "base_orders", p)};
    if (c.capacity < 0) fail(p + ".capacity", "must be >= 0");
    if (c.ref_price <= 0.0) fail(p + ".ref_price", "must be > 0");
    if (c.base_orders < 0.0) fail(p + ".base_orders", "must be >= 0");
    t.codes.push_back(std::move(c));
  }
}

void read_games(const json& j, int version, MarketTruth& t) {
  const json& a = array(j, "games", "");
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string p = at("games", i);
    GameTruth g{text(a[i], "id", p),          date(a[i], "date", p),
                integer(a[i], "season", p),   text(a[i], "opponent", p),
                number(a[i], "attractiveness", p), boolean(a[i], "weekend", p),
                integer(a[i], "tier", p),     number(a[i], "shock", p)};
    if (g.tier < 1 || static_cast<std::size_t>(g.tier) > t.tier_wtp_multiplier.size())
      fail(p + ".tier", "not one of the tiers listed under \"tiers\"");
    if (g.shock < 0.0) fail(p + ".shock", "must be >= 0");
    if (version >= 2) {  // version 1 knew no market shifts: the multipliers stay 1
      g.arrival_multiplier = positive(a[i], "arrival_multiplier", p);
      g.wtp_multiplier = positive(a[i], "wtp_multiplier", p);
    }
    t.games.push_back(std::move(g));
  }
}

// Needs the tiers and buckets read first.
void read_tier_bucket_wtp(const json& j, MarketTruth& t) {
  const std::string key = "tier_bucket_wtp_multiplier";
  const json& rows = array(j, key, "");
  if (rows.empty()) return;  // the common time multiplier for every tier
  if (rows.size() != t.tier_wtp_multiplier.size())
    fail(key, "expected " + std::to_string(t.tier_wtp_multiplier.size()) + " rows (one per tier), got " +
                  std::to_string(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string p = at(key, i);
    if (!rows[i].is_array()) fail(p, "expected an array");
    std::vector<double> row;
    for (std::size_t b = 0; b < rows[i].size(); ++b) {
      if (!rows[i][b].is_number()) fail(at(p, b), "expected a number");
      row.push_back(rows[i][b].get<double>());
      if (!(row.back() > 0.0)) fail(at(p, b), "must be > 0");
    }
    expect_size(row, t.buckets.size(), p, "bucket");
    t.tier_bucket_wtp_multiplier.push_back(std::move(row));
  }
}

void read_wtp_segments(const json& j, MarketTruth& t) {
  const json& a = array(j, "wtp_segments", "");
  double mass = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string p = at("wtp_segments", i);
    WtpSegment s{text(a[i], "name", p), number(a[i], "share", p), positive(a[i], "multiplier", p),
                 positive(a[i], "sigma", p)};
    if (!(s.share >= 0.0)) fail(p + ".share", "must be >= 0");
    mass += s.share;
    t.wtp_segments.push_back(std::move(s));
  }
  if (!a.empty() && !(mass > 0.0)) fail("wtp_segments", "shares need a positive sum");
}

void read_analyst(const json& j, MarketTruth& t) {
  const json& a = field(j, "analyst", "");
  AnalystTruth& r = t.analyst;
  r.tier_factor = numbers(a, "tier_factor", "analyst");
  r.bucket_factor = numbers(a, "bucket_factor", "analyst");
  r.pace_curve = numbers(a, "pace_curve", "analyst");
  r.pace_gain = number(a, "pace_gain", "analyst");
  r.pace_min = number(a, "pace_min", "analyst");
  r.pace_max = number(a, "pace_max", "analyst");
  r.noise_sigma = number(a, "noise_sigma", "analyst");
  expect_size(r.tier_factor, t.tier_wtp_multiplier.size(), "analyst.tier_factor", "tier");
  expect_size(r.bucket_factor, t.buckets.size(), "analyst.bucket_factor", "bucket");
  expect_size(r.pace_curve, t.buckets.size(), "analyst.pace_curve", "bucket");
  if (!(r.pace_min > 0.0 && r.pace_min <= r.pace_max)) fail("analyst", "need 0 < pace_min <= pace_max");
}

void read_listings(const json& j, MarketTruth& t) {
  const json& l = field(j, "listings", "");
  ListingTruth& r = t.listings;
  r.window_days = integer(l, "window_days", "listings");
  r.every_days = integer(l, "every_days", "listings");
  r.premium = number(l, "premium", "listings");
  r.sigma = number(l, "sigma", "listings");
  r.code_share = number(l, "code_share", "listings");
  r.resale_share = number(l, "resale_share", "listings");
}

}  // namespace

nlohmann::json to_json(const MarketTruth& t) {
  json buckets = json::array();
  for (std::size_t b = 0; b < t.buckets.size(); ++b) buckets.push_back(bucket_json(t, b));
  json tiers = json::array();
  for (std::size_t i = 0; i < t.tier_wtp_multiplier.size(); ++i)
    tiers.push_back({{"tier", i + 1},
                     {"wtp_multiplier", t.tier_wtp_multiplier[i]},
                     {"arrival_multiplier", t.tier_arrival_multiplier[i]}});
  json codes = json::array();
  for (const CodeTruth& c : t.codes) codes.push_back(code_json(c));
  json games = json::array();
  for (const GameTruth& g : t.games) games.push_back(game_json(g));

  json j;
  j["format"] = kFormatName;
  j["version"] = kTruthFormatVersion;
  j["seed"] = t.seed;
  j["scenario"] = t.scenario;
  j["as_of"] = t.as_of.str();
  j["sales_window_days"] = t.sales_window_days;
  j["opening_minute"] = t.opening_minute;
  j["tipoff_minute"] = t.tipoff_minute;
  j["demand_scale"] = t.demand_scale;
  j["wtp_scale"] = t.wtp_scale;
  j["wtp_sigma"] = t.wtp_sigma;
  j["wtp_segments"] = segments_json(t.wtp_segments);
  j["order_size_pmf"] = t.order_size_pmf;
  j["buckets"] = std::move(buckets);
  j["tiers"] = std::move(tiers);
  j["tier_bucket_wtp_multiplier"] = matrix_json(t.tier_bucket_wtp_multiplier);
  j["codes"] = std::move(codes);
  j["games"] = std::move(games);
  j["analyst"] = analyst_json(t.analyst);
  j["listings"] = listing_json(t.listings);
  return j;
}

MarketTruth truth_from_json(const nlohmann::json& j) {
  if (!j.is_object()) fail("truth", "expected a JSON object");
  if (text(j, "format", "") != kFormatName) fail("format", std::string("expected \"") + kFormatName + "\"");
  const int version = integer(j, "version", "");
  if (version < 1 || version > kTruthFormatVersion)
    fail("version", "unsupported version (this build reads versions 1 to " + std::to_string(kTruthFormatVersion) + ")");
  MarketTruth t;
  const json& seed = field(j, "seed", "");
  if (!seed.is_number_unsigned()) fail("seed", "expected a non-negative integer");
  t.seed = seed.get<std::uint64_t>();
  t.scenario = text(j, "scenario", "");
  t.as_of = date(j, "as_of", "");
  t.sales_window_days = integer(j, "sales_window_days", "");
  t.opening_minute = integer(j, "opening_minute", "");
  t.tipoff_minute = integer(j, "tipoff_minute", "");
  if (t.opening_minute < 0 || t.opening_minute >= t.tipoff_minute || t.tipoff_minute > 24 * 60)
    fail("opening_minute", "need 0 <= opening_minute < tipoff_minute <= 1440");
  t.demand_scale = number(j, "demand_scale", "");
  t.wtp_sigma = number(j, "wtp_sigma", "");
  if (!(t.wtp_sigma > 0.0)) fail("wtp_sigma", "must be > 0");
  if (version >= 2) {  // version 1 knew one lognormal WTP at the analyst's scale
    t.wtp_scale = positive(j, "wtp_scale", "");
    read_wtp_segments(j, t);
  }
  t.order_size_pmf = numbers(j, "order_size_pmf", "");
  double mass = 0.0;
  for (double p : t.order_size_pmf) {
    if (p < 0.0) fail("order_size_pmf", "probabilities must be >= 0");
    mass += p;
  }
  if (!(mass > 0.0)) fail("order_size_pmf", "needs a positive probability");
  read_buckets(j, t);
  read_tiers(j, t);
  if (version >= 2) read_tier_bucket_wtp(j, t);  // version 1: one time multiplier for all tiers
  read_codes(j, t);
  read_games(j, version, t);
  read_analyst(j, t);
  read_listings(j, t);
  return t;
}

MarketTruth load_truth(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open the truth file");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {  // also a number beyond a double
    throw std::runtime_error(file.string() + ": not valid JSON: " + e.what());
  }
  try {
    return truth_from_json(j);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
}

}  // namespace seatsync
