#pragma once
// What every command shares: the data-source options, logging, progress on a terminal, and
// the exit codes (0 ok, 2 bad input, 1 any other failure).
#include <atomic>
#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <ostream>
#include <vector>
#include <optional>
#include <string>

#include "seatsync/dataset.hpp"
#include "seatsync/date.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/source.hpp"
#include "seatsync/truth.hpp"

namespace seatsync::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Adds --data DIR and --db FILE (exactly one required at run time), and --delimiter.
// What --db takes, for every command's help.
inline constexpr const char* kDbHelp =
    "SQLite database file, or postgresql://user:pass@host:port/dbname[?schema=TEAM] (default: $SEATSYNC_DATABASE_URL)";
// A --db option for commands that take no --data: its value defaults to $SEATSYNC_DATABASE_URL.
CLI::Option* add_db_option(CLI::App& cmd, std::string& db, const std::string& help = kDbHelp);

// --data DIR | --db FILE|URL (+ --delimiter). With neither given, --db defaults to
// $SEATSYNC_DATABASE_URL — unless one of `alternatives` (options that take the place of a season
// source, such as --csv or --simulate) was given.
void add_source_options(CLI::App& cmd, DataSource& source, std::vector<std::string> alternatives = {});
// Adds --delimiter C (',' by default, ';' or tab) for a command that reads a --data DIR.
void add_delimiter_option(CLI::App& cmd, CsvFormat& format);

// Logs a warning on stderr for each problem inventory_age_warnings finds (stale seat counts).
void warn_about_inventory_age(const Dataset& data, Date as_of);

// The global --strict flag (cli_input.cpp): warnings about the input refuse the run.
void set_strict(bool strict);
// Prints every warning (FILE:LINE: COLUMN: warning: …) to stderr; under --strict, when there is
// any, throws std::invalid_argument (exit 2).
void report_input_warnings(const std::vector<Diagnostic>& warnings);
// load_dataset / load_season_dir with their warnings reported: how every command reads its data.
Dataset load_input(const DataSource& source);
Dataset load_input_dir(const std::filesystem::path& dir, const CsvFormat& format = {});
// When nothing was planned, says why on stderr (an empty plan is still a valid answer: exit 0).
void warn_if_nothing_planned(const Dataset& data, Date as_of, std::size_t games_planned);

// Parses a YYYY-MM-DD option value; std::invalid_argument (exit 2) naming the option otherwise.
Date parse_date_option(const std::string& text, const std::string& option);

// `digits` decimals, or "-" for NaN or infinity (a ratio over nothing): how tables print numbers.
std::string fixed_or_dash(double value, int digits);

// Rows as columns as wide as their widest cell; the first column left-aligned, the rest right.
void print_text_table(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

// The simulator's truth as input: a missing or unreadable one is bad input (exit 2).
MarketTruth load_truth_file(const std::filesystem::path& file);
// --truth FILE when given, else truth.json beside --data when there is one, else none.
std::optional<MarketTruth> find_truth(const std::string& truth_option, const DataSource& source);
// A whole file as text; std::invalid_argument (exit 2) naming it when it cannot be read.
std::string read_file_text(const std::string& file);

// A progress bar on stderr, drawn only when stderr is a terminal.
ProgressFn terminal_progress();
// Installs SIGINT/SIGTERM handlers that set the returned flag: a long-running command checks it
// between units of work and stops cleanly.
const std::atomic<bool>& stop_on_sigterm();

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
void add_serve_command(CLI::App& app, Commands& commands);
void add_keys_command(CLI::App& app, Commands& commands);
void add_worker_command(CLI::App& app, Commands& commands);
void add_bandit_command(CLI::App& app, Commands& commands);
void add_ab_command(CLI::App& app, Commands& commands);
// ab create|list|start|stop|events|results, on the store (cmd_ab_store.cpp).
void add_ab_store_commands(CLI::App& ab, Commands& commands);
// forecast: a series from a CSV (cmd_forecast.cpp) or the season data's booking curves.
void add_forecast_command(CLI::App& app, Commands& commands);
// collect: the market-data collector (cmd_collect.cpp).
void add_collect_command(CLI::App& app, Commands& commands);
// compare-market: our prices against secondary-market listings (cmd_compare_market.cpp).
void add_compare_market_command(CLI::App& app, Commands& commands);
// Market data: import-listings (cmd_import_listings.cpp) and market (cmd_market.cpp).
void add_import_listings_command(CLI::App& app, Commands& commands);
void add_market_command(CLI::App& app, Commands& commands);
// market-study: the real data's price paths and the comp_p50 sell-through test (cmd_market_study.cpp).
void add_market_study_command(CLI::App& app, Commands& commands);
// Model lifecycle: monitor (cmd_monitor.cpp) and retrain (cmd_retrain.cpp).
void add_monitor_command(CLI::App& app, Commands& commands);
void add_retrain_command(CLI::App& app, Commands& commands);
// audit: the recorded price decisions (cmd_audit.cpp, docs/audit.md).
void add_audit_command(CLI::App& app, Commands& commands);

// `forecast --data DIR|--db FILE --as-of DATE [--game ID]…`: booking-curve forecasts per upcoming
// game × price code (cmd_forecast_booking.cpp).
struct BookingForecastArgs {
  DataSource source;
  Date as_of;
  std::vector<std::string> games;  // empty: every upcoming game
  std::string format = "table";    // table | json | csv
  std::optional<std::filesystem::path> out;  // stdout when unset
};
void run_booking_forecast(const BookingForecastArgs& args);

}  // namespace seatsync::cli
