// seatsync import: validates a dataset directory and loads it into the store (SQLite or PostgreSQL).

#include <chrono>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/store.hpp"

namespace seatsync::cli {

void add_import_command(CLI::App& app, Commands& commands) {
  struct Options {
    std::string data, db;
    CsvFormat csv;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("import", "Load a season dataset directory into a store (all or nothing)");
  cmd->add_option("--data", opt->data, "Season dataset directory")->required();
  add_db_option(*cmd, opt->db, std::string(kDbHelp) + "; a SQLite file is created if needed")->required();
  add_delimiter_option(*cmd, opt->csv);
  commands.push_back({cmd, [opt] {
    auto start = std::chrono::steady_clock::now();
    Dataset data = load_input_dir(opt->data, opt->csv);
    auto store = open_store(opt->db);
    store->replace(data, terminal_progress());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "imported " << data.games.size() << " games, " << data.codes.size() << " price codes, "
              << data.transactions.size() << " orders, " << data.inventory.size() << " inventory rows, "
              << data.listings.size() << " listings into " << store->describe() << " (schema v" << store->schema_version()
              << ") in " << seconds << " s\n";
  }});
}

}  // namespace seatsync::cli
