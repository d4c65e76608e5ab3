// The booking-curve forecasts as JSON, CSV and a plain-text table.
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/csv.hpp"
#include "seatsync/booking_curve.hpp"

namespace seatsync {
namespace {

nlohmann::ordered_json number_or_null(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); }

// One decimal for tickets, four for probabilities and ratios: more would claim a precision the
// forecast does not have.
double rounded(double v, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::isfinite(v) ? std::round(v * scale) / scale : v;
}

std::string text_or_dash(double v, int digits) { return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : "-"; }

// Quoted only when it must be, by the season files' CSV writer.
std::string csv_field(std::string_view text) {
  std::ostringstream out;
  csv::write_field(out, text);
  return out.str();
}

}  // namespace

std::string booking_forecast_json(const BookingForecastSet& set, const Dataset& data) {
  nlohmann::ordered_json games = nlohmann::ordered_json::array();
  for (const auto& g : set.games) {
    const Game& game = data.games[g.game];
    nlohmann::ordered_json codes = nlohmann::ordered_json::array();
    for (const auto& c : g.codes) {
      codes.push_back({{"price_code", data.codes[c.code].code},
                       {"group", data.codes[c.code].group},
                       {"seats", c.seats},
                       {"sold", c.sold},
                       {"expected_final", number_or_null(rounded(c.expected_final, 1))},
                       {"lower_80", number_or_null(c.lower_80)},
                       {"upper_80", number_or_null(c.upper_80)},
                       {"lower_95", number_or_null(c.lower_95)},
                       {"upper_95", number_or_null(c.upper_95)},
                       {"sold_last_7_days", c.sold_last_days},
                       {"velocity", number_or_null(rounded(c.velocity, 4))},
                       {"p_sellout", number_or_null(rounded(c.p_sellout, 4))},
                       {"method", c.method},
                       {"reference_games", c.reference_games},
                       {"reference_all_tiers", c.all_tiers_reference}});
    }
    const int days_before = g.codes.empty() ? game.date - set.as_of : g.codes.front().days_before;
    games.push_back({{"game_id", game.id},
                     {"game_date", game.date.str()},
                     {"tier", game.tier},
                     {"days_before", days_before},
                     {"codes", std::move(codes)}});
  }
  const nlohmann::ordered_json out = {
      {"as_of", set.as_of.str()}, {"method", set.method}, {"games", std::move(games)}, {"notes", set.notes}};
  return out.dump(2) + "\n";
}

std::string booking_forecast_csv(const BookingForecastSet& set, const Dataset& data) {
  std::string out =
      "game_id,game_date,tier,days_before,price_code,seats,sold,expected_final,lower_80,upper_80,lower_95,upper_95,"
      "sold_last_7_days,velocity,p_sellout,method,reference_games,reference_all_tiers\n";
  for (const auto& g : set.games) {
    const Game& game = data.games[g.game];
    for (const auto& c : g.codes)
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(game.id), game.date.str(),
                         game.tier, c.days_before, csv_field(data.codes[c.code].code), c.seats, c.sold,
                         text_or_dash(c.expected_final, 1), text_or_dash(c.lower_80, 0), text_or_dash(c.upper_80, 0),
                         text_or_dash(c.lower_95, 0), text_or_dash(c.upper_95, 0), c.sold_last_days,
                         text_or_dash(c.velocity, 4), text_or_dash(c.p_sellout, 4), csv_field(c.method),
                         c.reference_games, c.all_tiers_reference ? "true" : "false");
  }
  return out;
}

std::string booking_forecast_table(const BookingForecastSet& set, const Dataset& data) {
  std::string out = fmt::format("Booking-curve forecasts as of {} (method {})\n", set.as_of.str(), set.method);
  for (const auto& note : set.notes) out += "note: " + note + "\n";
  out += fmt::format("{:<14} {:<10} {:>4} {:>4} {:<10} {:>6} {:>6} {:>9} {:>13} {:>13} {:>8} {:>6}\n", "game", "date",
                     "tier", "days", "code", "seats", "sold", "expected", "80%", "95%", "velocity", "P(out)");
  for (const auto& g : set.games) {
    const Game& game = data.games[g.game];
    for (const auto& c : g.codes)
      out += fmt::format("{:<14} {:<10} {:>4} {:>4} {:<10} {:>6} {:>6} {:>9} {:>13} {:>13} {:>8} {:>6}\n", game.id,
                         game.date.str(), game.tier, c.days_before, data.codes[c.code].code, c.seats, c.sold,
                         text_or_dash(c.expected_final, 1),
                         text_or_dash(c.lower_80, 0) + ".." + text_or_dash(c.upper_80, 0),
                         text_or_dash(c.lower_95, 0) + ".." + text_or_dash(c.upper_95, 0), text_or_dash(c.velocity, 2),
                         text_or_dash(c.p_sellout, 3));
  }
  return out;
}

}  // namespace seatsync
