// seatsync bandit: Thompson-sampling price bandits against the best fixed price and the DP
// policies on the simulator's closed loop, over several seeds.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/bandit_season.hpp"

namespace seatsync::cli {
namespace {

double cents(double v) { return std::round(v * 100) / 100; }

nlohmann::ordered_json to_json(const BanditSeasonResult& r) {
  nlohmann::ordered_json policies = nlohmann::ordered_json::array();
  for (const auto& o : r.policies) {
    nlohmann::ordered_json cumulative = nlohmann::ordered_json::array();
    for (double v : o.cumulative_revenue) cumulative.push_back(cents(v));
    policies.push_back({{"policy", o.policy},
                        {"description", o.description},
                        {"revenue", cents(o.revenue)},
                        {"tickets", o.tickets},
                        {"share_of_oracle", o.share_of_oracle},
                        {"regret_vs_best_fixed", cents(o.regret_vs_best_fixed)},
                        {"regret_vs_oracle", cents(o.regret_vs_oracle)},
                        {"cumulative_revenue", cumulative},
                        {"decisions", o.decisions},
                        {"off_menu", o.off_menu}});
  }
  return {{"scenario", r.scenario}, {"seed", r.seed},         {"as_of", r.as_of.str()},
          {"games", r.games},       {"price_codes", r.codes}, {"seats_at_start", r.seats_at_start},
          {"menu_points", r.menu_points}, {"buckets", r.bucket_names}, {"policies", policies}};
}

// Mean and sample standard deviation over the seeds of a scenario.
struct Summary {
  std::string scenario, policy;
  std::size_t seeds = 0;
  double share_mean = 0, share_sd = 0, regret_fixed_mean = 0, regret_fixed_sd = 0, regret_oracle_mean = 0,
         regret_fixed_percent = 0;  // mean regret vs best fixed, in % of the best fixed revenue
};

std::vector<Summary> summarize(const std::vector<BanditSeasonResult>& runs) {
  std::vector<Summary> out;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  std::map<std::string, double> best_fixed;  // per scenario, summed over seeds
  std::map<std::pair<std::string, std::string>, std::vector<const BanditPolicyResult*>> results;
  for (const auto& r : runs)
    for (const auto& o : r.policies) {
      const auto key = std::make_pair(r.scenario, o.policy);
      if (!index.count(key)) {
        index[key] = out.size();
        out.push_back({r.scenario, o.policy});
      }
      results[key].push_back(&o);
      if (o.policy == "best-fixed-hindsight") best_fixed[r.scenario] += o.revenue;
    }
  auto mean_sd = [](const std::vector<double>& v, double& mean, double& sd) {
    mean = 0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    sd = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
  };
  for (auto& s : out) {
    const auto& rs = results[{s.scenario, s.policy}];
    std::vector<double> share, fixed, oracle;
    double total_regret = 0;
    for (const auto* o : rs) {
      share.push_back(o->share_of_oracle);
      fixed.push_back(o->regret_vs_best_fixed);
      oracle.push_back(o->regret_vs_oracle);
      total_regret += o->regret_vs_best_fixed;
    }
    s.seeds = rs.size();
    double unused = 0;
    mean_sd(share, s.share_mean, s.share_sd);
    mean_sd(fixed, s.regret_fixed_mean, s.regret_fixed_sd);
    mean_sd(oracle, s.regret_oracle_mean, unused);
    s.regret_fixed_percent = best_fixed[s.scenario] > 0 ? 100 * total_regret / best_fixed[s.scenario] : 0.0;
  }
  return out;
}

std::string dollars(double v) { return fmt::format("{}${:.0f}", v < 0 ? "-" : "", std::abs(v)); }

void print_run(std::ostream& os, const BanditSeasonResult& r) {
  os << fmt::format("Scenario {}, seed {}: {} upcoming games ({} game × code), from {} to game day, {} unsold seats, "
                    "{} prices on each bandit's menu\n\n",
                    r.scenario, r.seed, r.games, r.codes, r.as_of.str(), r.seats_at_start, r.menu_points);
  os << fmt::format("{:<22} {:>12} {:>8} {:>10} {:>16} {:>14} {:>10}\n", "policy", "revenue", "tickets", "vs oracle",
                    "regret vs fixed", "regret vs DP*", "off menu");
  for (const auto& o : r.policies)
    os << fmt::format("{:<22} {:>12} {:>8} {:>9.2f}% {:>16} {:>14} {:>10}\n", o.policy, dollars(o.revenue), o.tickets,
                      100 * o.share_of_oracle, dollars(o.regret_vs_best_fixed), dollars(o.regret_vs_oracle),
                      o.decisions ? fmt::format("{}/{}", o.off_menu, o.decisions) : "");
  // The season's regret as it accumulates, bucket by bucket (buckets far from the game first).
  os << "\nCumulative regret vs the best fixed price, at the end of each bucket:\n";
  os << fmt::format("{:<22}", "policy");
  for (const auto& name : r.bucket_names) os << fmt::format(" {:>10}", name);
  os << "\n";
  const auto& fixed = std::find_if(r.policies.begin(), r.policies.end(), [](const auto& o) {
                        return o.policy == "best-fixed-hindsight";
                      })->cumulative_revenue;
  for (const auto& o : r.policies) {
    os << fmt::format("{:<22}", o.policy);
    for (std::size_t b = 0; b < o.cumulative_revenue.size(); ++b)
      os << fmt::format(" {:>10}", dollars(fixed[b] - o.cumulative_revenue[b]));
    os << "\n";
  }
  os << "\n";
}

void print_summary(std::ostream& os, const std::vector<Summary>& summary) {
  os << "Over the seeds (mean ± sd):\n";
  os << fmt::format("{:<10} {:<22} {:>5} {:>18} {:>22} {:>14} {:>14}\n", "scenario", "policy", "seeds", "vs oracle",
                    "regret vs fixed", "(% of fixed)", "regret vs DP*");
  for (const auto& s : summary)
    os << fmt::format("{:<10} {:<22} {:>5} {:>10.2f}% ± {:.2f} {:>13} ± {:>6} {:>13.2f}% {:>14}\n", s.scenario,
                      s.policy, s.seeds, 100 * s.share_mean, 100 * s.share_sd, dollars(s.regret_fixed_mean),
                      dollars(s.regret_fixed_sd), s.regret_fixed_percent, dollars(s.regret_oracle_mean));
}

void print_legend(std::ostream& os, const BanditSeasonResult& r) {
  os << "\nregret vs fixed: the best fixed menu price in hindsight (per game and code, on the same customers) "
        "minus the policy's revenue. DP*: the oracle, the stochastic DP on the true demand (truth.json). "
        "off menu: prices set while no menu price was within the change limit.\n";
  for (const auto& o : r.policies) os << fmt::format("  {:<22} {}\n", o.policy, o.description);
}

}  // namespace

void add_bandit_command(CLI::App& app, Commands& commands) {
  struct Options {
    std::vector<std::string> scenarios = {"balanced"};
    std::vector<std::uint64_t> seeds = {1};
    std::string format = "table", out, refit = "decision";
    BanditSeasonOptions bandit;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "bandit", "Thompson-sampling price bandits vs the best fixed price and the DP policies, on the simulator");
  cmd->add_option("--scenario", opt->scenarios, "Market scenario (repeat for several; docs/simulator.md)")
      ->check(CLI::IsMember(scenario_names()))->capture_default_str();
  cmd->add_option("--seed", opt->seeds, "Simulator seed (repeat for several)")->capture_default_str();
  cmd->add_option("--max-games", opt->bandit.max_games, "Only the first N upcoming games (0 = all)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("--menu-points", opt->bandit.menu_points, "Prices on each bandit's menu")
      ->check(CLI::Range(1, 200))->capture_default_str();
  cmd->add_option("--prior-arrivals", opt->bandit.prior_arrivals,
                  "Weight of the informed prior of each price, in arrivals")
      ->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--carry-over", opt->bandit.carry_over, "Share of the evidence kept when a new bucket opens")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--refit", opt->refit, "When seatsync's stochastic policy re-fits its demand (as in backtest)")
      ->check(CLI::IsMember({"decision", "once"}))->capture_default_str();
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  cmd->add_option("--out", opt->out, "Write the result to this file (atomically) instead of stdout");
  commands.push_back({cmd, [opt] {
    opt->bandit.refit = opt->refit == "decision";
    std::vector<BanditSeasonResult> runs;
    for (const auto& name : opt->scenarios)
      for (const auto seed : opt->seeds) {
        SimulationConfig config;
        config.scenario = *parse_scenario(name);
        config.seed = seed;
        spdlog::info("bandit: scenario {}, seed {}: simulating the market", name, seed);
        const SimulatedMarket market = simulate_market(config);
        BanditSeasonOptions options = opt->bandit;
        options.plan = market.dataset.params.plan;
        options.bandit_seed = seed;
        runs.push_back(run_bandit_season(market, options, terminal_progress()));
        spdlog::info("bandit: scenario {}, seed {}: done", name, seed);
      }
    std::ostringstream os;
    if (opt->format == "json") {
      nlohmann::ordered_json j = {{"runs", nlohmann::ordered_json::array()}, {"summary", nlohmann::ordered_json::array()}};
      for (const auto& r : runs) j["runs"].push_back(to_json(r));
      for (const auto& s : summarize(runs))
        j["summary"].push_back({{"scenario", s.scenario},
                                {"policy", s.policy},
                                {"seeds", s.seeds},
                                {"share_of_oracle_mean", s.share_mean},
                                {"share_of_oracle_sd", s.share_sd},
                                {"regret_vs_best_fixed_mean", cents(s.regret_fixed_mean)},
                                {"regret_vs_best_fixed_sd", cents(s.regret_fixed_sd)},
                                {"regret_vs_best_fixed_percent", s.regret_fixed_percent},
                                {"regret_vs_oracle_mean", cents(s.regret_oracle_mean)}});
      os << j.dump(2) << "\n";
    } else {
      for (const auto& r : runs) print_run(os, r);
      print_summary(os, summarize(runs));
      print_legend(os, runs.front());
    }
    if (opt->out.empty()) {
      std::cout << os.str();
      return;
    }
    write_file_atomic(opt->out, os.str());
    spdlog::info("wrote {}", opt->out);
  }});
}

}  // namespace seatsync::cli
