// forecast --data DIR|--db FILE --as-of DATE [--game ID]…: booking-curve forecasts per upcoming
// game × price code (the option parsing is cmd_forecast.cpp's).
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "cli.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/booking_curve.hpp"

namespace seatsync::cli {

void run_booking_forecast(const BookingForecastArgs& args) {
  if (args.format != "table" && args.format != "json" && args.format != "csv")
    throw std::invalid_argument("--format: expected table, json or csv, not '" + args.format + "'");
  const Dataset data = load_input(args.source);
  warn_about_inventory_age(data, args.as_of);
  const auto start = std::chrono::steady_clock::now();
  const BookingForecastSet set = forecast_bookings(data, args.as_of, args.games);
  std::size_t codes = 0;
  for (const auto& g : set.games) codes += g.codes.size();
  spdlog::info("forecast {} games, {} price codes ({}) in {:.2f} s", set.games.size(), codes, set.method,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  for (const auto& note : set.notes) spdlog::warn("{}", note);
  if (set.games.empty()) spdlog::warn("nothing to forecast: no game is on or after --as-of {}", args.as_of.str());
  const std::string text = args.format == "json"  ? booking_forecast_json(set, data)
                           : args.format == "csv" ? booking_forecast_csv(set, data)
                                                  : booking_forecast_table(set, data);
  if (args.out) write_file_atomic(*args.out, text);
  else std::cout << text;
}

}  // namespace seatsync::cli
