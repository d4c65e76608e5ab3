// seatsync validate: checks a dataset and reports every problem as FILE:LINE: COLUMN: message.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync::cli {

void add_validate_command(CLI::App& app, Commands& commands) {
  auto dir = std::make_shared<std::string>();
  auto format = std::make_shared<CsvFormat>();
  auto* cmd = app.add_subcommand("validate", "Check a season dataset directory against the data contract");
  cmd->add_option("--data", *dir, "Season dataset directory")->required();
  add_delimiter_option(*cmd, *format);
  commands.push_back({cmd, [dir, format] {
    std::vector<Diagnostic> warnings;
    Dataset data = load_season_dir(*dir, &warnings, *format);
    report_input_warnings(warnings);  // under --strict a warning fails validation
    std::cout << *dir << ": ok (" << data.games.size() << " games, " << data.codes.size() << " price codes, "
              << data.transactions.size() << " orders, " << data.inventory.size() << " inventory rows, "
              << data.listings.size() << " listings; " << warnings.size() << " warning(s))\n";
  }});
}

}  // namespace seatsync::cli
