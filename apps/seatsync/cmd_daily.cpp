// seatsync daily: the analyst's morning outputs for every upcoming game.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/daily_run.hpp"

namespace seatsync::cli {

void add_daily_command(CLI::App& app, Commands& commands) {
  struct Options {
    DataSource source;
    std::string as_of, out;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("daily", "Plans, the adjustment guide, the projection sheet and a report, for every upcoming game");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--as-of", opt->as_of, "Today (YYYY-MM-DD): only sales before it are used")->required();
  cmd->add_option("--out", opt->out, "Output directory: new, empty or a previous daily output (replaced as a whole when the run "
                 "succeeds); a directory holding other files, an existing file, the current directory or a mount "
                 "point is refused")->required();
  commands.push_back({cmd, [opt] {
    const Date as_of = parse_date_option(opt->as_of, "--as-of");
    output_directory(opt->out);  // refuse a bad --out before the data are loaded
    const Dataset data = load_input(opt->source);
    warn_about_inventory_age(data, as_of);
    const auto start = std::chrono::steady_clock::now();
    const auto r = run_daily(data, as_of, opt->out, terminal_progress());
    warn_if_nothing_planned(data, as_of, r.games);
    std::cout << "daily run as of " << as_of.str() << ": " << r.plans << " price plans for " << r.games
              << " upcoming games, " << r.significant << " significant recommendation(s)\n"
              << "open " << (std::filesystem::path(opt->out) / "index.html").string() << "\n";
    spdlog::info("daily run took {:.2f} s", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }});
}

}  // namespace seatsync::cli
