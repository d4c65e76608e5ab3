// seatsync summary: games per tier; tickets, revenue and average price per group and bucket.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/season_summary.hpp"

namespace seatsync::cli {

void add_summary_command(CLI::App& app, Commands& commands) {
  auto source = std::make_shared<DataSource>();
  auto* cmd = app.add_subcommand("summary", "Print an overview of a season dataset");
  add_source_options(*cmd, *source);
  commands.push_back({cmd, [source] { std::cout << format_summary(summarize(load_input(*source))); }});
}

}  // namespace seatsync::cli
