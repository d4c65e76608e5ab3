// seatsync: the command-line shell over libseatsync. Results go to stdout or --out, logs and
// progress to stderr. Exit codes: 0 ok, 2 bad input, 1 any other failure.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>

#include "cli.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/version.hpp"

namespace {

void setup_logging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("seatsync");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
}

int report_validation(const seatsync::ValidationError& e) {
  for (const auto& d : e.diagnostics()) std::cerr << d.format() << '\n';
  std::size_t shown = 0;
  for (const auto& d : e.diagnostics()) shown += d.warning ? 0 : 1;
  if (e.total_errors() > shown)
    std::cerr << "... and " << (e.total_errors() - shown) << " more error(s) not shown\n";
  std::cerr << "error: " << e.total_errors() << " problem(s) in the input; nothing was written\n";
  return seatsync::cli::kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = seatsync::cli;
  CLI::App app{"seatsync: revenue management for event tickets (demand matrices, price plans, analyst tools)"};
  app.set_version_flag("--version", std::string("seatsync ") + seatsync::kVersion);
  app.require_subcommand(1);
  // Global options go anywhere: a subcommand passes an option it does not know up to here.
  // Set before any subcommand is added, because each copies the setting from its parent.
  app.fallthrough();
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off (anywhere on the line)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  bool strict = false;
  app.add_flag("--strict", strict,
               "Refuse (exit 2) input that only draws warnings, e.g. an unknown params.toml key (anywhere on the line)");
  app.footer("Exit codes: 0 ok, 2 bad input (usage or data), 1 other failure.\n"
             "Run `seatsync COMMAND --help` for a command's options.");

  cli::Commands commands;
  cli::add_demo_command(app, commands);
  cli::add_simulate_command(app, commands);
  cli::add_validate_command(app, commands);
  cli::add_import_command(app, commands);
  cli::add_summary_command(app, commands);
  cli::add_matrix_command(app, commands);
  cli::add_evaluate_demand_command(app, commands);
  cli::add_plan_command(app, commands);
  cli::add_backtest_command(app, commands);
  cli::add_daily_command(app, commands);
  cli::add_models_command(app, commands);
  cli::add_train_command(app, commands);
  cli::add_predict_command(app, commands);
  cli::add_serve_command(app, commands);
  cli::add_keys_command(app, commands);
  cli::add_worker_command(app, commands);
  cli::add_bandit_command(app, commands);
  cli::add_ab_command(app, commands);
  cli::add_forecast_command(app, commands);
  cli::add_collect_command(app, commands);
  cli::add_compare_market_command(app, commands);
  cli::add_import_listings_command(app, commands);
  cli::add_market_command(app, commands);
  cli::add_market_study_command(app, commands);
  cli::add_monitor_command(app, commands);
  cli::add_retrain_command(app, commands);
  cli::add_audit_command(app, commands);

  try {
    app.parse(argc, argv);
    setup_logging(log_level);
    cli::set_strict(strict);
    for (const auto& command : commands)
      if (command.app->parsed()) command.run();
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kExitBadInput;
  } catch (const seatsync::ValidationError& e) {
    return report_validation(e);
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << e.what() << '\n';
    return cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return cli::kExitFailure;
  }
  return cli::kExitOk;
}
