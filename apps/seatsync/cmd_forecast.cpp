// seatsync forecast: a daily series from any CSV (--csv), forecast with a chosen or automatically
// selected method; or, on the season data (--data/--db), the booking curves of the upcoming games.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "forecast_output.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/booking_curve.hpp"
#include "seatsync/forecast.hpp"
#include "seatsync/params.hpp"
#include "seatsync/series_csv.hpp"

namespace seatsync::cli {
namespace {

struct ForecastOptions {
  // --csv path
  std::string csv_file, date_column, value_column, group_column, until, method = "auto", format = "table";
  std::string fill_missing = "zero", periods = "days";
  std::optional<int> horizon;
  int season_length = 7;
  std::vector<double> levels = {80, 95};
  std::optional<double> cap;
  bool allow_negative = false;
  std::string holidays = "us";
  std::vector<std::string> holiday_dates;
  std::string params_file;
  std::vector<std::string> regressor_columns;
  // --evaluate-booking
  bool evaluate_booking = false;
  std::vector<std::uint64_t> seeds;
  std::vector<std::string> scenarios;
  // --data/--db path
  DataSource source;
  std::string as_of;
  std::vector<std::string> games;
  std::optional<std::string> out;
};

void emit(const std::string& text, const std::optional<std::string>& out) {
  if (out) write_file_atomic(*out, text);
  else std::cout << text;
}

void run_series_forecast(const ForecastOptions& opt) {
  if (opt.date_column.empty() || opt.value_column.empty() || opt.until.empty() || !opt.horizon) {
    throw std::invalid_argument("forecast --csv needs --date-column, --value-column, --until and --horizon");
  }
  if (*opt.horizon < 1) throw std::invalid_argument("--horizon: must be at least 1");
  if (opt.method != "auto" && opt.method != "ensemble" && !find_forecast_method(opt.method)) {
    throw std::invalid_argument(fmt::format("--method: unknown method '{}' (auto, ensemble, {})", opt.method,
                                            fmt::join(forecast_method_names(), ", ")));
  }
  SeriesCsvOptions csv_options;
  csv_options.date_column = opt.date_column;
  csv_options.value_column = opt.value_column;
  if (!opt.group_column.empty()) csv_options.group_column = opt.group_column;
  csv_options.until = parse_date_option(opt.until, "--until");
  csv_options.fill_missing_zero = opt.fill_missing == "zero";
  csv_options.rows_are_periods = opt.periods == "rows";
  csv_options.regressor_columns = opt.regressor_columns;
  csv_options.future_periods = *opt.horizon;
  if (!opt.regressor_columns.empty() && opt.method != "prophet") {
    spdlog::info("forecast: the regressors are used by the prophet method only (the others ignore them)");
  }
  csv_options.delimiter = opt.source.csv.delimiter;
  const std::vector<CsvSeries> all = read_series_csv(opt.csv_file, csv_options);

  ForecastSettings settings;
  settings.horizon = *opt.horizon;
  settings.levels = opt.levels;
  settings.cap = opt.cap;
  settings.federal_holidays = opt.holidays == "us";
  for (const auto& d : opt.holiday_dates) settings.holidays.push_back(parse_date_option(d, "--holiday"));
  if (!opt.params_file.empty()) {
    Diagnostics diag;
    const Params params = parse_params(read_file_text(opt.params_file), opt.params_file, diag);
    diag.throw_if_errors();
    settings.holidays.insert(settings.holidays.end(), params.holidays.begin(), params.holidays.end());
  }
  std::vector<SeriesResult> results;
  for (const auto& s : all) {
    const auto started = std::chrono::steady_clock::now();
    // A series that never goes below zero (counts, sales) is forecast the same way.
    settings.nonnegative = !opt.allow_negative && std::ranges::all_of(s.values, [](double v) { return v >= 0; });
    try {
      // Rows as periods have no calendar: the calendar-aware parts of a method stay off.
      const auto start = csv_options.rows_are_periods ? std::nullopt : std::optional<Date>(s.start);
      TimeSeries series{s.values, start, opt.season_length, {}};
      for (const auto& r : s.regressors) series.regressors.push_back({r.name, r.values});
      Forecast f = forecast_series(series, opt.method, settings);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      spdlog::info("forecast: {}{} in {:.3f} s", s.group.empty() ? "" : s.group + ": ", f.method, seconds);
      results.push_back({&s, std::move(f), seconds});
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(fmt::format("{}: {}{}", opt.csv_file, s.group.empty() ? "" : "group '" + s.group + "': ",
                                              e.what()));
    }
  }
  const Date until = csv_options.until;
  const bool dated = !csv_options.rows_are_periods;
  emit(opt.format == "json" ? render_forecasts_json(results, until, dated)
       : opt.format == "csv" ? render_forecasts_csv(results, until, dated)
                             : render_forecasts_table(results, until, dated),
       opt.out);
}

// The booking-curve methods on simulated seasons, held-out games scored against what sold and
// against truth.json (docs/forecasting.md §3).
void run_booking_evaluation(const ForecastOptions& opt) {
  BookingEvaluationOptions options;
  if (!opt.seeds.empty()) options.seeds = opt.seeds;
  if (!opt.scenarios.empty()) options.scenarios = opt.scenarios;
  spdlog::info("forecast: evaluating the booking-curve methods on {} scenario(s) × {} seed(s) (about a minute each "
               "seed)", options.scenarios.size(), options.seeds.size());
  emit(booking_evaluation_markdown(evaluate_booking_methods(options)), opt.out);
}

void run_forecast(const ForecastOptions& opt) {
  if (opt.evaluate_booking) return run_booking_evaluation(opt);
  const bool season = opt.source.data_dir || opt.source.db;
  if (season == !opt.csv_file.empty()) {
    throw std::invalid_argument("forecast: give either --csv FILE (a series) or --data DIR / --db FILE (booking curves)");
  }
  if (!season) return run_series_forecast(opt);
  if (opt.as_of.empty()) throw std::invalid_argument("forecast --data/--db needs --as-of DATE");
  BookingForecastArgs args{opt.source, parse_date_option(opt.as_of, "--as-of"), opt.games, opt.format, {}};
  if (opt.out) args.out = *opt.out;
  run_booking_forecast(args);
}

}  // namespace

void add_forecast_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<ForecastOptions>();
  auto* cmd = app.add_subcommand("forecast", "Forecast a daily series from a CSV (--csv), or the booking curves of "
                                             "the upcoming games (--data/--db --as-of)");
  cmd->add_option("--csv", opt->csv_file, "CSV file holding the series (one row per day, per group)");
  cmd->add_option("--date-column", opt->date_column, "Column holding each row's date (YYYY-MM-DD)");
  cmd->add_option("--value-column", opt->value_column, "Column holding each row's value");
  cmd->add_option("--group-column", opt->group_column, "Column naming each row's series (one forecast per group)");
  cmd->add_option("--until", opt->until, "Last training date (YYYY-MM-DD): later rows are not used");
  cmd->add_option("--horizon", opt->horizon, "Days to forecast after --until");
  cmd->add_option("--method", opt->method, "auto, ensemble, or one method")
      ->check(CLI::IsMember([] {
        auto names = forecast_method_names();
        names.insert(names.begin(), {"auto", "ensemble"});
        return names;
      }()))
      ->capture_default_str();
  cmd->add_option("--season-length", opt->season_length, "Periods per season (7: a weekly cycle in daily data)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--level", opt->levels, "Prediction-interval levels in percent")->delimiter(',')->capture_default_str();
  cmd->add_option("--fill-missing", opt->fill_missing, "A day with no row: zero (counts) or error")
      ->check(CLI::IsMember({"zero", "error"}))
      ->capture_default_str();
  cmd->add_option("--periods", opt->periods,
                  "days: one value per calendar day; rows: each row is one period (a game), in date order")
      ->check(CLI::IsMember({"days", "rows"}))
      ->capture_default_str();
  cmd->add_option("--cap", opt->cap, "Upper bound of every forecast value (a capacity)")->check(CLI::NonNegativeNumber);
  cmd->add_flag("--allow-negative", opt->allow_negative,
                "Let the forecast of a series with no negative value go below zero (it does not by default)");
  cmd->add_option("--regressor-column", opt->regressor_columns,
                  "A column known in advance (a promotion, a price): needed on the training rows and on the "
                  "--horizon rows after --until; used by the prophet method (repeatable)");
  cmd->add_option("--holidays", opt->holidays, "Holiday calendar of the calendar-aware methods: us (federal) or none")
      ->check(CLI::IsMember({"us", "none"}))
      ->capture_default_str();
  cmd->add_option("--holiday", opt->holiday_dates, "An extra holiday date, YYYY-MM-DD (repeatable)");
  cmd->add_option("--params", opt->params_file, "A params.toml whose [features] holidays are extra holidays");
  add_source_options(*cmd, opt->source, {"--csv", "--evaluate-booking"});
  cmd->add_option("--as-of", opt->as_of, "Booking curves: the date the forecast is made (YYYY-MM-DD)");
  cmd->add_option("--game", opt->games, "Booking curves: only this game (repeatable; default every upcoming game)");
  cmd->add_flag("--evaluate-booking", opt->evaluate_booking,
                "Score the booking-curve methods on simulated seasons (held-out games, MAE by days before)");
  cmd->add_option("--seed", opt->seeds, "--evaluate-booking: simulator seed (repeatable; default 101)");
  cmd->add_option("--scenario", opt->scenarios,
                  "--evaluate-booking: simulator scenario (repeatable; default balanced, sellout, soft, shift)")
      ->check(CLI::IsMember({"balanced", "sellout", "soft", "shift", "wtp2", "wtp3", "segments"}));
  cmd->add_option("--format", opt->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  cmd->add_option("--out", opt->out, "Write the output to this file (atomically) instead of stdout");
  cmd->footer("JSON (--csv): {series: [{group, method, train_rows, train_start, seconds, forecast: [{step, date, mean, "
              "lower_80, upper_80, lower_95, upper_95}], candidates (auto, ensemble): [{method, model, cv_mae}]}]}; "
              "with --periods rows a step has no date. Methods: docs/forecasting.md.");
  commands.push_back({cmd, [opt] { run_forecast(*opt); }});
}

}  // namespace seatsync::cli
