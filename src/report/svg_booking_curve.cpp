// A game's booking curve: tickets sold so far by days before the game (solid), the reference
// games' mean curve (dashed grey), and the forecast from today to game day with its 80% and 95%
// bands, against the seats. Days run left to right towards the game, as an analyst reads a
// booking curve; the last point, one step past day 0, is the final count.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "report/chart_style.hpp"
#include "report/svg_canvas.hpp"
#include "seatsync/report.hpp"

namespace seatsync {
namespace {

using render::LinearScale;
using render::SvgCanvas;

constexpr std::string_view kReferenceColour = "#7A7A7A";

struct Layout {
  double width = 760, height = 400;
  double left = 72, right = 24, top = 92, bottom = 56;
};

std::vector<std::pair<double, double>> to_points(const std::vector<BookingChartPoint>& series, const LinearScale& x,
                                                 const LinearScale& y) {
  // x's domain runs from the window's first day (domain_lo) down to −1 (final tickets).
  std::vector<std::pair<double, double>> points;
  for (const auto& p : series)
    if (std::isfinite(p.tickets) && p.days_before <= x.domain_lo) points.emplace_back(x(p.days_before), y(p.tickets));
  return points;
}

// The area between two series of the same days, as one closed shape.
std::vector<std::pair<double, double>> band(const std::vector<BookingChartPoint>& lower,
                                            const std::vector<BookingChartPoint>& upper, const LinearScale& x,
                                            const LinearScale& y) {
  auto points = to_points(upper, x, y);
  auto bottom = to_points(lower, x, y);
  points.insert(points.end(), bottom.rbegin(), bottom.rend());
  return points;
}

double series_max(const std::vector<BookingChartPoint>& s) {
  double hi = 0;
  for (const auto& p : s)
    if (std::isfinite(p.tickets)) hi = std::max(hi, p.tickets);
  return hi;
}

// The days shown: the last 60 before the game, or three times the days still to go (and two
// weeks) when that is longer, never more than the curve has — so the forecast, a few days wide
// at the right, is not squeezed against the edge of a year-long booking window.
int window_days(const GameBookingChart& chart) {
  const int first = chart.reference.empty() ? std::max(chart.days_before, 1) : chart.reference.front().days_before;
  return std::min(first, std::max({60, 3 * chart.days_before + 14, chart.days_before + 1}));
}

}  // namespace

std::string svg_booking_curve(const GameBookingChart& chart, const std::string& title, const std::string& subtitle) {
  Layout l;
  SvgCanvas svg(l.width, l.height, title);
  svg.rect(0, 0, l.width, l.height, R"(fill="#ffffff")");
  const double room = l.width - l.left - 12;
  svg.text(l.left, 26, render::fit_text(title, room, 16), R"(font-size="16" font-weight="600")");
  svg.text(l.left, 46, render::fit_text(subtitle, room, 12),
           fmt::format(R"(font-size="12" fill="{}")", render::kMutedTextColour));

  // Legend.
  double lx = l.left;
  const double ly = 70;
  auto legend_line = [&](std::string_view attributes, std::string_view label) {
    svg.line(lx, ly - 4, lx + 26, ly - 4, attributes);
    svg.text(lx + 32, ly, label, R"(font-size="12")");
    lx += 32 + render::estimate_text_width(label, 12) + 22;
  };
  legend_line(fmt::format(R"(stroke="{}" stroke-width="2.5")", render::kPriceColour), "Sold so far");
  legend_line(fmt::format(R"(stroke="{}" stroke-width="2" stroke-dasharray="6 4")", render::kRevenueColour),
              "Forecast");
  svg.rect(lx, ly - 11, 14, 14, fmt::format(R"(fill="{}" fill-opacity="0.35")", render::kRevenueColour));
  svg.text(lx + 20, ly, "80% / 95% interval", R"(font-size="12")");
  lx += 20 + render::estimate_text_width("80% / 95% interval", 12) + 22;
  legend_line(fmt::format(R"(stroke="{}" stroke-width="1.5" stroke-dasharray="2 3")", kReferenceColour),
              "Reference games' mean");

  const int first = window_days(chart);
  const LinearScale x{static_cast<double>(first), -1.0, l.left, l.width - l.right};
  const double hi = std::max({static_cast<double>(chart.seats), series_max(chart.upper_95), series_max(chart.reference),
                              series_max(chart.sold), 1.0});
  const render::NiceAxis y_axis = render::nice_axis(0, hi * 1.04, 5);
  const LinearScale y{y_axis.lo, y_axis.hi, l.height - l.bottom, l.top};

  const auto grid = fmt::format(R"(stroke="{}" stroke-width="1")", render::kGridColour);
  const auto tick = fmt::format(R"(stroke="{}" stroke-width="1")", render::kAxisColour);
  for (double v : y_axis.ticks) {
    svg.line(l.left, y(v), l.width - l.right, y(v), grid);
    svg.text(l.left - 8, y(v) + 4, fmt::format("{:.0f}", v), R"(text-anchor="end" font-size="11")");
  }
  const render::NiceAxis x_axis = render::nice_axis(0, first, 6);
  for (double d : x_axis.ticks) {
    if (d > first || d < 0) continue;
    svg.line(x(d), l.height - l.bottom, x(d), l.height - l.bottom + 4, tick);
    svg.text(x(d), l.height - l.bottom + 17, fmt::format("{:.0f}", d), R"(text-anchor="middle" font-size="11")");
  }
  svg.line(l.left, l.top, l.left, l.height - l.bottom, tick);
  svg.line(l.left, l.height - l.bottom, l.width - l.right, l.height - l.bottom, tick);
  svg.text((l.left + l.width - l.right) / 2, l.height - 14,
           fmt::format("Days before the game (the last {} days; the last point: final tickets)", first),
           R"(text-anchor="middle" font-size="12" font-weight="600")");
  const double middle = (l.top + l.height - l.bottom) / 2;
  svg.text(20, middle, "Tickets sold",
           fmt::format(R"~(text-anchor="middle" font-size="12" font-weight="600" transform="rotate(-90 20 {})")~",
                       render::svg_number(middle)));

  if (chart.seats > 0) {
    svg.line(l.left, y(chart.seats), l.width - l.right, y(chart.seats),
             fmt::format(R"(stroke="{}" stroke-width="1.2" stroke-dasharray="8 3" class="seats")", render::kAxisColour));
    svg.text(l.left + 6, y(chart.seats) - 5, fmt::format("{} seats", chart.seats),
             fmt::format(R"(font-size="11" fill="{}")", render::kMutedTextColour));
  }
  if (!chart.expected.empty()) {
    svg.polygon(band(chart.lower_95, chart.upper_95, x, y),
                 fmt::format(R"(fill="{}" fill-opacity="0.18" stroke="none" class="band-95")", render::kRevenueColour));
    svg.polygon(band(chart.lower_80, chart.upper_80, x, y),
                 fmt::format(R"(fill="{}" fill-opacity="0.30" stroke="none" class="band-80")", render::kRevenueColour));
  }
  svg.polyline(to_points(chart.reference, x, y),
               fmt::format(R"(stroke="{}" stroke-width="1.5" stroke-dasharray="2 3" class="reference")",
                           kReferenceColour));
  svg.polyline(to_points(chart.sold, x, y),
               fmt::format(R"(stroke="{}" stroke-width="2.5" class="sold")", render::kPriceColour));
  if (!chart.expected.empty()) {
    svg.polyline(to_points(chart.expected, x, y),
                 fmt::format(R"(stroke="{}" stroke-width="2" stroke-dasharray="6 4" class="forecast")",
                             render::kRevenueColour));
    const auto& end = chart.expected.back();
    svg.circle(x(end.days_before), y(end.tickets), 4.5,
               fmt::format(R"(fill="{}" stroke="#ffffff" stroke-width="1.5")", render::kRevenueColour),
               fmt::format("expected final {:.0f} tickets (80%: {:.0f}–{:.0f}, 95%: {:.0f}–{:.0f})", end.tickets,
                           chart.lower_80.back().tickets, chart.upper_80.back().tickets, chart.lower_95.back().tickets,
                           chart.upper_95.back().tickets));
  } else {
    svg.text((l.left + l.width - l.right) / 2, middle, "No forecast: too few completed games to learn from",
             R"(text-anchor="middle" font-size="13")");
  }
  return svg.str();
}

}  // namespace seatsync
