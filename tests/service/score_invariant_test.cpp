// The first invariant through the real service (issue 19, section 4): random /score requests —
// random upcoming games and codes, days left down to game day, seats left, capacities, prices
// in force far inside and outside the bounds, competitor prices, strategies, toggles, and users
// and sessions that three running experiments (multipliers, a fixed test price, strategies)
// split between their arms — against a PricingServer on loopback. Every price a 200 answer
// carries (price, price_grid, conf_band) keeps the constraints the answer declares in its safety
// block, and those are the dataset's floor and the params' change limit. One request in ten is
// made invalid in a known field: it must get a 4xx whose JSON error names that field — never a
// 5xx. Fixed seed; SEATSYNC_INVARIANT_SCALE scales the count (1 = 10⁵), printed at the end.
// Half the requests go through /score one by one; to keep the time bounded, every other group
// of 100 goes through /score/batch, whose items run the same code with the field prefixed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "price_invariant.hpp"
#include "random_price_inputs.hpp"
#include "seatsync/experiment_store.hpp"
#include "service_fixture.hpp"

using namespace seatsync;
using namespace seatsync::test;
using nlohmann::json;

namespace {

// Three running experiments over every game: by session (a price multiplier below 1 and a
// fixed test price far above any ceiling), by user (strategies, charm rounding among them) and
// by game (a multiplier above 1 with the ML models off).
void create_experiments(const std::string& db) {
  auto store = open_experiment_store(db);
  auto arm = [](std::string name, double share, ArmPolicy policy) { return ExperimentArm{std::move(name), share, std::move(policy)}; };
  Experiment a;
  a.name = "by session";
  a.status = ExperimentStatus::running;
  a.unit = RandomisationUnit::session;
  a.arms = {arm("control", 0.4, {}), arm("cheap", 0.3, {.multiplier = 0.3}), arm("fixed", 0.3, {.price = 1e5})};
  store->create(a);
  Experiment b = a;
  b.name = "by user";
  b.unit = RandomisationUnit::user;
  b.arms = {arm("control", 0.25, {}), arm("psych", 0.25, {.strategy = "psychological"}),
            arm("comp", 0.25, {.strategy = "competitive", .multiplier = 1.7}), arm("rules", 0.25, {.strategy = "rule_based", .use_ml = false})};
  store->create(b);
  Experiment g = a;
  g.name = "by game";
  g.unit = RandomisationUnit::game;
  g.arms = {arm("control", 0.5, {}), arm("dear", 0.5, {.use_ml = false, .multiplier = 4.0})};
  store->create(g);
}

struct Generated {
  json body;
  std::string bad_field;  // empty: a valid request
};

class RequestGenerator {
 public:
  explicit RequestGenerator(std::uint64_t seed) : in_(seed) {
    const auto& w = service_world();
    for (const auto& r : w.data.inventory)
      if (w.data.games[r.game].date >= w.as_of) rows_.push_back(r);
  }

  Generated next() {
    const auto& w = service_world();
    const auto& row = rows_[in_.rng()() % rows_.size()];
    const Date game_day = w.data.games[row.game].date;
    const int days = game_day - w.as_of;
    const double d = in_.unit();
    const Date day = d < 0.1 ? game_day : d < 0.2 ? game_day - 1 : w.as_of + in_.between(0, days);
    json body{{"event", {{"game_id", w.data.games[row.game].id}, {"price_code", w.data.codes[row.code].code}}},
              {"quote_time", day.str() + (in_.chance(0.5) ? "T" + two(in_.between(0, 23)) + ":" + two(in_.between(0, 59)) + ":00Z" : "")}};
    if (in_.chance(0.3)) body["stay_date"] = game_day.str();
    const int capacity = w.data.codes[row.code].capacity;
    json inventory = json::object();
    if (in_.chance(0.3)) inventory["capacity"] = capacity + in_.between(0, 50);
    const int cap = inventory.contains("capacity") ? inventory["capacity"].get<int>() : capacity;
    const double r = in_.unit();
    if (r < 0.1) inventory["remaining"] = 0;
    else if (r < 0.2) inventory["remaining"] = 1;
    else if (r < 0.6) inventory["remaining"] = in_.between(0, std::min(cap, row.remaining + 5));
    const double p = in_.unit();
    if (p < 0.1) inventory["current_price"] = 0.01;
    else if (p < 0.2) inventory["current_price"] = 1e6 * in_.unit() + 1;
    else if (p < 0.6) inventory["current_price"] = in_.cents(row.current_price * std::exp(2 * (in_.unit() - 0.5)) + 0.01);
    if (!inventory.empty()) body["inventory"] = inventory;
    if (in_.chance(0.3)) {
      json comps = json::array();
      for (int i = in_.between(0, 4); i > 0; --i)
        comps.push_back({{"price", in_.chance(0.2) ? 1e-3 : in_.chance(0.2) ? 1e7 : 10 + 300 * in_.unit()},
                         {"quantity", in_.between(0, 8)}, {"source", "rival"}});
      body["market"] = {{"competitors", comps}};
    }
    if (in_.chance(0.4))
      body["toggles"] = {{"use_ml", in_.chance(0.7)}, {"use_competitors", in_.chance(0.5)}, {"apply_seasonality", in_.chance(0.5)}};
    if (in_.chance(0.6)) body["strategy"] = kStrategies[in_.rng()() % 5];
    json entity = json::object();
    if (in_.chance(0.6)) entity["sessionId"] = "s" + std::to_string(in_.rng()() % 5000);
    if (in_.chance(0.6)) entity["userId"] = "u" + std::to_string(in_.rng()() % 5000);
    if (!entity.empty()) body["entity"] = entity;
    if (!in_.chance(0.1)) return {body, ""};
    return spoil(std::move(body), game_day);
  }

 private:
  static std::string two(int x) { return (x < 10 ? "0" : "") + std::to_string(x); }

  // One field made invalid, and its name.
  Generated spoil(json body, Date game_day) {
    switch (in_.rng()() % 16) {
      case 0: body["event"].erase("game_id"); return {body, "event.game_id"};
      case 1: body["event"]["game_id"] = "no-such-game"; return {body, "event.game_id"};
      case 2: body["event"]["price_code"] = 42; return {body, "event.price_code"};
      case 3: body["event"]["price_code"] = "ZZZ"; return {body, "event.price_code"};
      case 4: body["quote_time"] = "tomorrow"; return {body, "quote_time"};
      case 5: body["quote_time"] = (game_day + 1).str() + "T12:00:00Z"; return {body, "quote_time"};
      case 6: body["stay_date"] = (game_day + 3).str(); return {body, "stay_date"};
      case 7: body["inventory"]["capacity"] = 0; return {body, "inventory.capacity"};
      case 8: body["inventory"]["capacity"] = 2.5; return {body, "inventory.capacity"};
      case 9: body["inventory"]["remaining"] = -1; return {body, "inventory.remaining"};
      case 10: body["inventory"]["capacity"] = 1; body["inventory"]["remaining"] = 2; return {body, "inventory.remaining"};
      case 11: body["inventory"]["current_price"] = in_.chance(0.5) ? json(-5.0) : json(0); return {body, "inventory.current_price"};
      case 12: body["inventory"]["current_price"] = "12"; return {body, "inventory.current_price"};
      case 13: body["market"] = {{"competitors", {{{"price", -1}}}}}; return {body, "market.competitors[0].price"};
      case 14: body["toggles"] = {{"use_ml", "yes"}}; return {body, "toggles.use_ml"};
      default:  // an arm's strategy overrides the request's: no user or session, so no arm sets one
        body.erase("entity");
        body["strategy"] = "bogus";
        return {body, "strategy"};
    }
  }

  static constexpr const char* kStrategies[] = {"revenue", "competitive", "time_based", "psychological", "rule_based"};
  RandomPriceInputs in_;
  std::vector<InventoryRow> rows_;
};

struct Tally {
  long long ok = 0, invalid = 0, prices = 0, in_experiment = 0, sold_out = 0;
};

// Checks one answer to `g`; `prefix` is "" for /score, "requests[i]." in a batch.
void check(const Generated& g, int status, const json& answer, const std::string& prefix, Tally& tally) {
  const auto& w = service_world();
  const std::string what = g.body.dump();
  ASSERT_LT(status, 500) << what << " -> " << answer.dump();
  if (!g.bad_field.empty()) {
    ASSERT_GE(status, 400) << what << " -> " << answer.dump();
    ASSERT_EQ(answer.at("error").at("field"), prefix + g.bad_field) << what << " -> " << answer.dump();
    ++tally.invalid;
    return;
  }
  ASSERT_EQ(status, 200) << what << " -> " << answer.dump();
  const auto c = response_constraints(answer);
  const auto code = w.data.find_code(answer.at("price_code").get<std::string>());
  ASSERT_TRUE(code);
  ASSERT_EQ(c.floor, w.data.codes[*code].floor_price) << what;
  ASSERT_EQ(c.max_change, w.data.params.plan.max_change) << what;
  const auto& in_force_json = answer.at("safety").at("price_in_force");
  const std::optional<double> in_force = in_force_json.is_null() ? std::nullopt : std::optional(in_force_json.get<double>());
  const double price = answer.at("price").get<double>();
  ASSERT_EQ(price_violation(price, c, in_force), "") << what << " -> " << answer.dump();
  for (double p : answer.at("price_grid")) ASSERT_EQ(price_violation(p, c, in_force), "") << "price_grid: " << what << " -> " << answer.dump();
  // The band is where the policy goes next bucket (from `price`): floor and ceiling hold.
  PriceConstraints bounds_only = c;
  bounds_only.max_change.reset();
  for (const char* end : {"lower", "upper"})
    ASSERT_EQ(price_violation(answer.at("conf_band").at(end).get<double>(), bounds_only), "") << end << ": " << what << " -> " << answer.dump();
  tally.prices += 3 + static_cast<long long>(answer.at("price_grid").size());
  ++tally.ok;
  if (!answer.at("safety").at("ab_experiment_id").is_null()) ++tally.in_experiment;
  if (answer.at("safety").at("pricing_method") == "sold_out") ++tally.sold_out;
}

}  // namespace

TEST(ScoreInvariant, RandomRequestsGetValidPricesOrANamedFieldError) {
  TempDir dir;
  const std::string db = (dir / "ab.db").string();
  create_experiments(db);
  RunningServer server(ServerSetup{.options = {.experiments_db = db}});
  auto client = server.client();
  RequestGenerator gen(0x19c1);
  const int requests = scaled_cases(100000);
  Tally tally;
  const auto start = std::chrono::steady_clock::now();
  int sent = 0, batched = 0;
  for (int group = 0; sent < requests; ++group) {
    const int n = std::min(100, requests - sent);
    std::vector<Generated> items;
    for (int i = 0; i < n; ++i) items.push_back(gen.next());
    if (group % 2 == 1) {
      json list = json::array();
      for (const auto& g : items) list.push_back(g.body);
      const auto r = client.post("/score/batch", json{{"requests", list}}.dump());
      ASSERT_EQ(r.status, 200) << r.body;
      const auto results = json::parse(r.body).at("results");
      ASSERT_EQ(results.size(), items.size());
      for (int i = 0; i < n; ++i) {
        const auto& item = results[static_cast<std::size_t>(i)];
        const int status = item.contains("error") ? item.at("status").get<int>() : 200;
        check(items[static_cast<std::size_t>(i)], status, item, "requests[" + std::to_string(i) + "].", tally);
        if (HasFatalFailure()) return;
      }
      batched += n;
    } else {
      for (const auto& g : items) {
        const auto r = client.post("/score", g.body.dump());
        json answer;
        ASSERT_NO_THROW(answer = json::parse(r.body)) << r.status << " " << r.body;
        check(g, r.status, answer, "", tally);
        if (HasFatalFailure()) return;
      }
    }
    sent += n;
    if (group % 100 == 99) std::fprintf(stderr, "[invariant] /score: %d of %d requests\n", sent, requests);
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "[invariant] /score: %d requests (%d one by one, %d in batches) in %.1f s: %lld answered 200 (%lld prices "
               "checked, %lld in an experiment, %lld sold out), %lld invalid answered 4xx naming the field\n",
               sent, sent - batched, batched, s, tally.ok, tally.prices, tally.in_experiment, tally.sold_out, tally.invalid);
  // The generator reached what it meant to: experiments, sold-out codes and invalid fields.
  EXPECT_GT(tally.in_experiment, tally.ok / 2);
  EXPECT_GT(tally.sold_out, 0);
  EXPECT_GT(tally.invalid, sent / 20);
}
