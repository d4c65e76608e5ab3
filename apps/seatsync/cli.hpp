#pragma once
// What every command shares: the data-source options, logging, progress on a terminal, and
// the exit codes (0 ok, 2 bad input, 1 any other failure).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <vector>
#include <optional>
#include <string>

#include "seatsync/date.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/source.hpp"

namespace seatsync::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Adds --data DIR and --db FILE (exactly one required at run time), and --delimiter.
void add_source_options(CLI::App& cmd, DataSource& source);
// Adds --delimiter C (',' by default, ';' or tab) for a command that reads a --data DIR.
void add_delimiter_option(CLI::App& cmd, CsvFormat& format);

// Logs a warning on stderr for each problem inventory_age_warnings finds (stale seat counts).
void warn_about_inventory_age(const Dataset& data, Date as_of);

// Parses a YYYY-MM-DD option value; std::invalid_argument (exit 2) naming the option otherwise.
Date parse_date_option(const std::string& text, const std::string& option);

// A progress bar on stderr, drawn only when stderr is a terminal.
ProgressFn terminal_progress();

// A command: its subcommand and what runs when it is chosen (after logging is set up).
struct Command {
  CLI::App* app = nullptr;
  std::function<void()> run;
};
using Commands = std::vector<Command>;

void add_demo_command(CLI::App& app, Commands& commands);
void add_simulate_command(CLI::App& app, Commands& commands);
void add_validate_command(CLI::App& app, Commands& commands);
void add_import_command(CLI::App& app, Commands& commands);
void add_summary_command(CLI::App& app, Commands& commands);
void add_matrix_command(CLI::App& app, Commands& commands);
void add_evaluate_demand_command(CLI::App& app, Commands& commands);
void add_plan_command(CLI::App& app, Commands& commands);
void add_backtest_command(CLI::App& app, Commands& commands);
void add_daily_command(CLI::App& app, Commands& commands);
void add_models_command(CLI::App& app, Commands& commands);
void add_train_command(CLI::App& app, Commands& commands);
void add_predict_command(CLI::App& app, Commands& commands);

}  // namespace seatsync::cli
