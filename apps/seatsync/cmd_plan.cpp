// seatsync plan: price plans for upcoming games (public output contract: docs/plan.schema.json).
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/plan_format.hpp"
#include "seatsync/planner.hpp"

namespace seatsync::cli {

void add_plan_command(CLI::App& app, Commands& commands) {
  struct Options {
    DataSource source;
    std::string as_of, out, format = "json";
    std::vector<std::string> games;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("plan", "Recommend prices per time bucket for upcoming games");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--as-of", opt->as_of, "Today (YYYY-MM-DD): only sales before it are used")->required();
  cmd->add_option("--game", opt->games, "A game to plan (repeatable; default: every game in inventory.csv)");
  cmd->add_option("--out", opt->out, "Write here (atomically) instead of stdout");
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"json", "csv"}))->capture_default_str();
  commands.push_back({cmd, [opt] {
    const Date as_of = parse_date_option(opt->as_of, "--as-of");
    const Dataset data = load_input(opt->source);
    warn_about_inventory_age(data, as_of);
    std::vector<GameIndex> games;
    for (const auto& id : opt->games) {
      auto g = data.find_game(id);
      if (!g) throw std::invalid_argument("--game: unknown game_id '" + id + "'");
      if (data.games[*g].date < as_of)
        throw std::invalid_argument("--game: '" + id + "' was played on " + data.games[*g].date.str() + ", before --as-of");
      games.push_back(*g);
    }
    const auto start = std::chrono::steady_clock::now();
    const PlanSet plans = plan_games(data, as_of, games, terminal_progress());
    if (opt->games.empty()) warn_if_nothing_planned(data, as_of, plans.games.size());
    std::size_t n = 0;
    for (const auto& g : plans.games) n += g.plans.size();
    spdlog::info("planned {} games, {} price codes ({}) in {:.2f} s", plans.games.size(), n, to_string(plans.method),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    const std::string text = opt->format == "csv" ? plan_to_csv(plans, data) : plan_to_json(plans, data).dump(2) + "\n";
    if (opt->out.empty()) std::cout << text;
    else write_file_atomic(opt->out, text);
  }});
}

}  // namespace seatsync::cli
