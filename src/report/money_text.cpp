#include "report/money_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

namespace seatsync::render {
namespace {

// Inserts thousands separators into the integer digits of an unsigned decimal string.
std::string group_thousands(const std::string& digits) {
  const auto dot = digits.find('.');
  const std::string whole = digits.substr(0, dot);
  const std::string rest = dot == std::string::npos ? "" : digits.substr(dot);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  return out + rest;
}

bool is_whole_cents(double cents_value) { return std::fmod(cents_value, 100.0) == 0.0; }

// Fewest decimals (up to 6) that print `x` exactly enough to tell neighbouring ticks apart.
int decimals_for(double x) {
  for (int d = 0; d < 6; ++d) {
    const double scaled = x * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, std::abs(scaled))) return d;
  }
  return 6;
}

}  // namespace

std::string format_money(double value) {
  if (!std::isfinite(value)) return "—";
  const double cents = std::round(std::abs(value) * 100.0);
  const std::string sign = (value < 0 && cents > 0) ? "-" : "";
  // Beyond 1e15 cents a double has no cents left to show; print the whole part.
  const std::string digits = (cents >= 1e15 || is_whole_cents(cents)) ? fmt::format("{:.0f}", std::round(cents / 100.0))
                                                                       : fmt::format("{:.2f}", cents / 100.0);
  return sign + "$" + group_thousands(digits);
}

std::string format_money_tick(double value, double step) {
  if (!std::isfinite(value)) return "—";
  struct Unit {
    double size;
    const char* suffix;
  };
  static constexpr std::array<Unit, 4> kUnits{{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}}};
  const double magnitude = std::max(std::abs(value), std::abs(step));
  double unit = 1.0;
  const char* suffix = "";
  if (magnitude >= 1e4)
    for (const auto& u : kUnits)
      if (magnitude >= u.size) {
        unit = u.size;
        suffix = u.suffix;
        break;
      }
  if (magnitude >= 1e16) return fmt::format("{}${:.1e}", value < 0 ? "-" : "", std::abs(value));
  int decimals = std::isfinite(step) && step > 0 ? decimals_for(step / unit) : 0;
  if (unit == 1.0 && decimals == 1) decimals = 2;  // "$2.50", not "$2.5": dollars have cents
  const double shown = std::abs(value) / unit;
  const std::string digits = fmt::format("{:.{}f}", shown, decimals);
  const bool negative = value < 0 && std::stod(digits) != 0.0;
  return fmt::format("{}${}{}", negative ? "-" : "", group_thousands(digits), suffix);
}

std::string format_share(double share) {
  if (!std::isfinite(share)) return "";
  const double percent = share * 100.0;
  const int decimals = std::abs(percent) < 0.95 ? 1 : 0;
  std::string digits = fmt::format("{:.{}f}", std::abs(percent), decimals);
  if (std::stod(digits) == 0.0) return "0%";
  return fmt::format("{}{}%", percent > 0 ? "+" : "-", digits);
}

ChangeDirection change_direction(double change) {
  if (!std::isfinite(change) || std::round(std::abs(change) * 100.0) == 0.0) return ChangeDirection::flat;
  return change > 0 ? ChangeDirection::up : ChangeDirection::down;
}

std::string format_change(double change, double share, bool has_current_price) {
  const auto direction = change_direction(change);
  if (direction == ChangeDirection::flat) return "= $0";
  const std::string arrow = direction == ChangeDirection::up ? "▲" : "▼";
  std::string text = arrow + " " + format_money(std::abs(change));
  if (has_current_price) text += " (" + format_share(share) + ")";
  return text;
}

}  // namespace seatsync::render
