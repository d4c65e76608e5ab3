// The statistical invariants of experiments under random configurations (issue 19, section 4):
// random arm counts (2-8), shares (from even to a 0.1 % sliver), experiment ids (the hash's
// salt) and unit ids. Assignment is deterministic — the same unit gets the same arm on every
// call, from a copy of the experiment, from its JSON round trip, and in every process (pinned
// positions: SHA-256 does not depend on the process or the machine); the shares of N units
// match the configured allocation within 5 binomial standard deviations (+1 for the
// discreteness) per arm; changing one experiment's config (shares, arms, name, games, window)
// never moves another's units; and whatever an arm does (a multiplier, a test price, a
// strategy, the models off), every /score price keeps its constraints. Fixed seed;
// SEATSYNC_INVARIANT_SCALE scales the counts, printed at the end of each test.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "price_invariant.hpp"
#include "random_price_inputs.hpp"
#include "seatsync/experiment.hpp"
#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_scoring.hpp"
#include "seatsync/experiment_store.hpp"
#include "seatsync/pricing_snapshot.hpp"
#include "seatsync/score.hpp"
#include "seatsync/simulator.hpp"
#include "test_support.hpp"

using namespace seatsync;
using seatsync::test::price_violation;
using seatsync::test::RandomPriceInputs;
using seatsync::test::scaled_cases;

namespace {

std::string random_id(RandomPriceInputs& in, const std::string& prefix) {
  std::string s = prefix;
  for (int i = in.between(0, 24); i > 0; --i) s += static_cast<char>(in.between(0x20, 0x7e));
  if (in.chance(0.1)) s += "\xc3\xa9\xe2\x82\xac";  // UTF-8 beyond ASCII
  return s;
}

// Shares that sum to 1: random weights, some arms a 0.1 % sliver; the last arm takes the rest.
std::vector<double> random_shares(RandomPriceInputs& in, int arms) {
  std::vector<double> w(static_cast<std::size_t>(arms));
  for (auto& x : w) x = in.chance(0.15) ? 0.001 : 0.05 + in.unit();
  double total = 0;
  for (double x : w) total += x;
  double used = 0;
  for (std::size_t i = 0; i + 1 < w.size(); ++i) used += (w[i] /= total);
  w.back() = 1.0 - used;
  return w;
}

Experiment random_experiment(RandomPriceInputs& in, int n) {
  Experiment e;
  e.id = random_id(in, "e" + std::to_string(n) + "-");
  e.name = "random " + std::to_string(n);
  e.status = ExperimentStatus::running;
  e.unit = static_cast<RandomisationUnit>(in.rng()() % 4);
  const auto shares = random_shares(in, in.between(2, 8));
  constexpr const char* kStrategies[] = {"", "revenue", "competitive", "time_based", "psychological", "rule_based"};
  for (std::size_t a = 0; a < shares.size(); ++a) {
    ArmPolicy p;
    p.strategy = kStrategies[in.rng()() % 6];
    if (in.chance(0.3)) p.use_ml = in.chance(0.5);
    const double r = in.unit();
    if (r < 0.3) p.multiplier = std::exp(9 * (in.unit() - 0.5));  // ×0.01 … ×90
    else if (r < 0.5) p.price = in.chance(0.2) ? 0.01 : in.chance(0.2) ? 1e7 : 1 + 500 * in.unit();
    e.arms.push_back({a == 0 ? "control" : "arm" + std::to_string(a), shares[a], p});
  }
  return e;
}

}  // namespace

// Pinned to an independent computation (Python's hashlib: the first 16 hex digits of
// SHA-256("id\x1funit"), top 53 bits): a change of hash, byte layout or platform shows here, so
// two processes (or two replicas on different machines) always put a unit in the same arm.
TEST(ExperimentInvariant, PositionsArePinnedAcrossProcesses) {
  EXPECT_EQ(unit_position("exp1", "user-1"), 0x1.99b06e1566342p-2);    // 666c1b85598d0a6d
  EXPECT_EQ(unit_position("367543b4", "s4535"), 0x1.347b85e4a612cp-1); // 9a3dc2f25309616a
  EXPECT_EQ(unit_position("", ""), 0x1.ffccf37706392p-1);              // ffe679bb831c95b6
}

TEST(ExperimentInvariant, AssignmentIsDeterministicAndSharesMatchTheAllocation) {
  RandomPriceInputs in(0x19d1);
  const int experiments = scaled_cases(150), units = 4000;
  long long assignments = 0, arms_checked = 0;
  double worst_sigma = 0;
  test::TempDir dir;
  const auto writer = open_experiment_store((dir / "ab.db").string());
  const auto replica = open_experiment_store((dir / "ab.db").string());
  const auto start = std::chrono::steady_clock::now();
  for (int n = 0; n < experiments; ++n) {
    const Experiment drawn = random_experiment(in, n);
    ASSERT_NO_THROW(validate_experiment(drawn)) << drawn.id;
    const Experiment e = writer->create(drawn);  // the store gives it its id
    const Experiment copy = e;
    const auto round_trip = replica->get(e.id);
    ASSERT_TRUE(round_trip) << e.id;
    std::vector<int> count(e.arms.size(), 0);
    const std::string unit_prefix = random_id(in, "u");
    for (int u = 0; u < units; ++u) {
      const std::string unit = unit_prefix + std::to_string(u);
      const ExperimentArm& arm = assign_arm(e, unit);
      ASSERT_EQ(&arm, &assign_arm(e, unit)) << e.id << " " << unit;
      ASSERT_EQ(assign_arm(copy, unit).name, arm.name) << e.id << " " << unit;
      ASSERT_EQ(assign_arm(*round_trip, unit).name, arm.name) << e.id << " " << unit;
      ++count[static_cast<std::size_t>(&arm - e.arms.data())];
      ++assignments;
    }
    for (std::size_t a = 0; a < e.arms.size(); ++a) {
      const double p = e.arms[a].share, mean = units * p, sd = std::sqrt(units * p * (1 - p));
      ASSERT_LE(std::abs(count[a] - mean), 5 * sd + 1)
          << e.id << " arm " << a << " share " << p << ": " << count[a] << " of " << units;
      worst_sigma = std::max(worst_sigma, std::abs(count[a] - mean) / std::max(sd, 1e-9));
      ++arms_checked;
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "[invariant] assignment: %d experiments, %lld assignments (x4: again, a copy, the store's copy), %lld arm shares within 5 sigma "
               "(worst %.2f sigma) in %.2f s\n", experiments, assignments, arms_checked, worst_sigma, s);
}

// Through the service's selection (apply_experiment_arm over the running list): experiment A,
// first in the list, covers game GA; B covers every game. Editing A in every way (shape,
// shares, arms, id, window) never moves a unit of B's, on GB where B applies.
TEST(ExperimentInvariant, ChangingOneExperimentNeverMovesAnothersUnits) {
  RandomPriceInputs in(0x19d2);
  const int pairs = scaled_cases(100), units = 1000;
  auto arm_of = [](const std::vector<Experiment>& running, int u) {
    ScoreRequest req;
    req.game_id = "GB";
    req.price_code = "A";
    req.quote_time = "2026-12-01T12:00:00Z";
    req.user_id = req.session_id = "unit" + std::to_string(u);
    const ExperimentArm* arm = apply_experiment_arm(running, req);
    return arm ? *req.ab_experiment + "/" + arm->name : std::string("none");
  };
  for (int n = 0; n < pairs; ++n) {
    Experiment a = random_experiment(in, 2 * n), b = random_experiment(in, 2 * n + 1);
    a.games = {"GA"};
    b.unit = in.chance(0.5) ? RandomisationUnit::user : RandomisationUnit::session;
    std::vector<std::string> before;
    for (int u = 0; u < units; ++u) before.push_back(arm_of({a, b}, u));
    Experiment edited = random_experiment(in, 2 * n + 2);
    edited.id = in.chance(0.5) ? a.id : a.id + "-v2";
    edited.games = {"GA"};
    edited.start = "2026-01-01T00:00:00Z";
    for (int u = 0; u < units; ++u) {
      ASSERT_EQ(before[static_cast<std::size_t>(u)].substr(0, b.id.size()), b.id);  // B took it
      ASSERT_EQ(arm_of({edited, b}, u), before[static_cast<std::size_t>(u)]) << "pair " << n << " unit " << u;
      ASSERT_EQ(arm_of({b}, u), before[static_cast<std::size_t>(u)]);  // as if A did not exist
    }
  }
  std::fprintf(stderr, "[invariant] isolation: %d experiment pairs x %d units unchanged\n", pairs, units);
}

// Arms' prices through score(): a small simulated season, random experiments in front of it.
TEST(ExperimentInvariant, EveryArmsPriceKeepsItsConstraints) {
  SimulationConfig config;
  config.seasons = 1;
  config.games_per_season = 6;
  config.seed = 1919;
  auto market = simulate_market(config);
  const auto snap = PricingSnapshot::build(market.dataset, {market.truth.as_of, std::nullopt, {}, {}});
  const auto& data = snap->data();
  RandomPriceInputs in(0x19d3);
  const int scores = scaled_cases(20000);
  long long in_arm = 0, prices = 0;
  std::vector<Experiment> running;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < scores; ++i) {
    if (i % 500 == 0) {  // a fresh set of running experiments now and then
      running.clear();
      for (int k = in.between(1, 3); k > 0; --k) running.push_back(random_experiment(in, i + k));
    }
    const auto games = snap->upcoming_games();
    const GameIndex g = games[in.rng()() % games.size()];
    const CodeIndex c = static_cast<CodeIndex>(in.rng()() % data.codes.size());
    const InventoryRow* row = snap->inventory(g, c);
    if (!row) continue;
    ScoreRequest req;
    req.game_id = data.games[g].id;
    req.price_code = data.codes[c].code;
    req.quote_time = (snap->as_of() + in.between(0, data.games[g].date - snap->as_of())).str() + "T10:00:00Z";
    req.user_id = "u" + std::to_string(in.rng()() % 1000);
    req.session_id = "s" + std::to_string(in.rng()() % 1000);
    if (in.chance(0.5)) req.remaining = in.between(0, row->remaining);
    if (in.chance(0.5)) req.current_price = in.chance(0.2) ? 0.01 : in.chance(0.2) ? 1e6 : 5 + 400 * in.unit();
    if (apply_experiment_arm(running, req)) ++in_arm;
    const ScoreResult r = score(*snap, req);
    ASSERT_EQ(r.constraints.floor, data.codes[c].floor_price);
    ASSERT_EQ(price_violation(r.price, r.constraints, r.price_in_force), "")
        << req.game_id << "/" << req.price_code << " arm " << req.ab_variant.value_or("-") << " multiplier "
        << req.price_multiplier << " fixed " << req.fixed_price.value_or(-1);
    for (double p : r.price_grid) ASSERT_EQ(price_violation(p, r.constraints, r.price_in_force), "");
    prices += 1 + static_cast<long long>(r.price_grid.size());
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "[invariant] arms: %d scores (%lld in an arm), %lld prices checked in %.2f s\n", scores, in_arm, prices, s);
  EXPECT_GT(in_arm, scores / 2);
}
