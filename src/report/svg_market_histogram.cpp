// Thesis Figure 5-2: how many of our sales were priced how far from the secondary market (our
// price − the market's, per ticket), bars coloured by sign, and what each bin is worth (tickets ×
// difference) as a line on its own axis — few sales far from the market can still carry most of
// the money. Small multiples repeat the bars per group or bucket.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "report/chart_style.hpp"
#include "report/money_text.hpp"
#include "report/svg_canvas.hpp"
#include "seatsync/market_comparison.hpp"

namespace seatsync {
namespace {

using render::LinearScale;
using render::NiceAxis;
using render::SvgCanvas;

// Above the market: the price series' blue; below: Okabe–Ito's reddish purple, told apart from
// the blue and from the value line's orange by colour-blind readers too.
constexpr std::string_view kBelowColour = "#CC79A7";
constexpr std::string_view kAboveColour = render::kPriceColour;

std::string_view bin_colour(const HistogramBin& b) { return b.hi <= 0 ? kBelowColour : kAboveColour; }

std::string bin_range(const DifferenceHistogram& h, std::size_t i) {
  const HistogramBin& b = h.bins[i];
  if (i == 0 && h.open_low) return "below " + render::format_money(b.hi);
  if (i + 1 == h.bins.size() && h.open_high) return render::format_money(b.lo) + " or more";
  return render::format_money(b.lo) + " to " + render::format_money(b.hi);
}

std::string bar_tooltip(const DifferenceHistogram& h, std::size_t i, std::string_view prefix) {
  const HistogramBin& b = h.bins[i];
  return fmt::format("{}{}: {} {} ({:.0f} tickets), value {}", prefix, bin_range(h, i), b.count,
                     b.count == 1 ? "sale" : "sales", b.tickets, render::format_money(std::round(b.value)));
}

std::size_t max_count(const DifferenceHistogram& h) {
  std::size_t m = 0;
  for (const auto& b : h.bins) m = std::max(m, b.count);
  return m;
}

// Edge labels under the bins, every k-th so they do not collide; the zero edge always labelled.
void draw_difference_axis(SvgCanvas& svg, const DifferenceHistogram& h, const LinearScale& x, double y0, double font) {
  const double band = x(h.bins.front().lo + h.width) - x(h.bins.front().lo);
  const std::string widest = render::format_money(-std::max(std::abs(h.bins.front().lo), std::abs(h.bins.back().hi)));
  const auto every = static_cast<std::size_t>(std::ceil((render::estimate_text_width(widest, font) + 8) / std::max(band, 1.0)));
  const auto tick = fmt::format(R"(stroke="{}")", render::kAxisColour);
  for (std::size_t i = 0; i <= h.bins.size(); ++i) {
    const double edge = i < h.bins.size() ? h.bins[i].lo : h.bins.back().hi;
    const auto k = static_cast<long long>(std::llround(edge / h.width));
    if (k % static_cast<long long>(std::max<std::size_t>(every, 1)) != 0) continue;
    svg.line(x(edge), y0, x(edge), y0 + 4, tick);
    svg.text(x(edge), y0 + 4 + font + 2, render::format_money(edge),
             fmt::format(R"(text-anchor="middle" font-size="{}")", render::svg_number(font)));
  }
}

}  // namespace

std::string svg_market_histogram(const DifferenceHistogram& h, const std::string& title, const std::string& subtitle) {
  const double width = 800, height = 440, left = 72, right = 96, top = 96, bottom = 64;
  const double plot_right = width - right, plot_bottom = height - bottom;
  SvgCanvas svg(width, height, title);
  svg.rect(0, 0, width, height, R"(fill="#ffffff")");
  const double room = width - left - 12;
  svg.text(left, 26, render::fit_text(title, room, 16), R"(font-size="16" font-weight="600")");
  svg.text(left, 46, render::fit_text(subtitle, room, 12), fmt::format(R"(font-size="12" fill="{}")", render::kMutedTextColour));

  // Legend.
  double lx = left;
  const double ly = 72;
  for (const auto& [colour, label] : {std::pair{kAboveColour, std::string_view("Our price above the market")},
                                      std::pair{kBelowColour, std::string_view("Our price below the market")}}) {
    svg.rect(lx, ly - 11, 14, 14, fmt::format(R"(fill="{}")", colour));
    svg.text(lx + 20, ly, label, R"(font-size="12")");
    lx += 20 + render::estimate_text_width(label, 12) + 22;
  }
  svg.line(lx, ly - 4, lx + 26, ly - 4, fmt::format(R"(stroke="{}" stroke-width="2.5")", render::kRevenueColour));
  svg.text(lx + 32, ly, "Value: tickets × difference (right axis)", R"(font-size="12")");

  if (h.bins.empty()) {
    svg.text((left + plot_right) / 2, (top + plot_bottom) / 2, "No sale matched a market observation",
             R"(text-anchor="middle" font-size="14")");
    return svg.str();
  }
  const NiceAxis count_axis = render::nice_axis(0, std::max<double>(1.0, static_cast<double>(max_count(h)) * 1.05), 5);
  const LinearScale y{count_axis.lo, count_axis.hi, plot_bottom, top};
  double value_lo = 0, value_hi = 0;
  for (const auto& b : h.bins) value_lo = std::min(value_lo, b.value), value_hi = std::max(value_hi, b.value);
  const NiceAxis value_axis = render::nice_axis(value_lo, value_hi, static_cast<int>(count_axis.ticks.size()) - 1);
  const LinearScale vy{value_axis.lo, value_axis.hi, plot_bottom, top};
  const LinearScale x{h.bins.front().lo, h.bins.back().hi, left, plot_right};

  const auto grid = fmt::format(R"(stroke="{}" stroke-width="1")", render::kGridColour);
  const auto axis = fmt::format(R"(stroke="{}" stroke-width="1")", render::kAxisColour);
  for (double v : count_axis.ticks) {
    svg.line(left, y(v), plot_right, y(v), grid);
    svg.text(left - 8, y(v) + 4, fmt::format("{:.0f}", v), R"(text-anchor="end" font-size="11")");
  }
  for (double v : value_axis.ticks)
    svg.text(plot_right + 8, vy(v) + 4, v == 0 ? "$0" : render::format_money_tick(v, value_axis.step),
             fmt::format(R"(font-size="11" fill="{}")", render::kRevenueTextColour));
  svg.line(left, top, left, plot_bottom, axis);
  svg.line(plot_right, top, plot_right, plot_bottom, axis);
  svg.line(left, plot_bottom, plot_right, plot_bottom, axis);

  const double band = x(h.bins.front().lo + h.width) - x(h.bins.front().lo);
  svg.begin_group(R"(class="bars")");
  for (std::size_t i = 0; i < h.bins.size(); ++i) {
    const HistogramBin& b = h.bins[i];
    if (b.count == 0) continue;
    const double top_y = y(static_cast<double>(b.count));
    svg.rect(x(b.lo) + band * 0.06, top_y, band * 0.88, plot_bottom - top_y,
             fmt::format(R"(fill="{}" class="bar" data-count="{}")", bin_colour(b), b.count), bar_tooltip(h, i, ""));
  }
  svg.end_group();
  // Zero: where our price equals the market's.
  if (h.bins.front().lo < 0 && h.bins.back().hi > 0)
    svg.line(x(0), top, x(0), plot_bottom, fmt::format(R"(stroke="{}" stroke-width="1.2" stroke-dasharray="5 3")", render::kAxisColour));
  if (value_axis.lo < 0 && value_axis.hi > 0)
    svg.line(left, vy(0), plot_right, vy(0),
             fmt::format(R"(stroke="{}" stroke-width="1" stroke-dasharray="2 3")", render::kRevenueTextColour));
  std::vector<std::pair<double, double>> points;
  for (const auto& b : h.bins) points.emplace_back(x((b.lo + b.hi) / 2), vy(b.value));
  svg.polyline(points, fmt::format(R"(stroke="{}" stroke-width="2.5" stroke-linejoin="round" class="value-line")",
                                   render::kRevenueColour));
  for (std::size_t i = 0; i < h.bins.size(); ++i)
    svg.circle(points[i].first, points[i].second, 3.5,
               fmt::format(R"(fill="{}" stroke="#ffffff" stroke-width="1" class="value-marker")", render::kRevenueColour),
               bar_tooltip(h, i, ""));

  draw_difference_axis(svg, h, x, plot_bottom, 11);
  std::string x_title = "Our price − market price, per ticket";
  if (h.open_low || h.open_high) x_title += " (the end bars hold everything beyond them)";
  svg.text((left + plot_right) / 2, height - 16, x_title, R"(text-anchor="middle" font-size="12" font-weight="600")");
  const double middle = (top + plot_bottom) / 2;
  svg.text(20, middle, "Sales matched",
           fmt::format(R"~(text-anchor="middle" font-size="12" font-weight="600" transform="rotate(-90 20 {})")~",
                       render::svg_number(middle)));
  const double rx = width - 14;
  svg.text(rx, middle, "Value of the bin ($)",
           fmt::format(R"~(text-anchor="middle" font-size="12" font-weight="600" fill="{}" transform="rotate(90 {} {})")~",
                       render::kRevenueTextColour, render::svg_number(rx), render::svg_number(middle)));
  return svg.str();
}

std::string svg_market_histogram_panels(const std::vector<LabelledStats>& panels, const std::string& title) {
  const std::size_t columns = std::min<std::size_t>(3, std::max<std::size_t>(panels.size(), 1));
  const std::size_t rows = (panels.size() + columns - 1) / columns;
  const double panel_w = 260, panel_h = 170, gap = 16, left = 16, top = 48;
  const double width = left * 2 + columns * panel_w + (columns - 1) * gap;
  const double height = top + std::max<std::size_t>(rows, 1) * (panel_h + gap) + 8;
  SvgCanvas svg(width, height, title);
  svg.rect(0, 0, width, height, R"(fill="#ffffff")");
  svg.text(left, 28, render::fit_text(title, width - 2 * left, 15), R"(font-size="15" font-weight="600")");
  if (panels.empty()) {
    svg.text(width / 2, top + 40, "No sale matched a market observation", R"(text-anchor="middle" font-size="13")");
    return svg.str();
  }
  const auto axis = fmt::format(R"(stroke="{}" stroke-width="1")", render::kAxisColour);
  const auto grid = fmt::format(R"(stroke="{}" stroke-width="1")", render::kGridColour);
  for (std::size_t p = 0; p < panels.size(); ++p) {
    const auto& panel = panels[p];
    const auto& h = panel.histogram;
    if (h.bins.empty()) continue;
    // Each panel its own scales: groups differ tenfold in price and in sales, and one common scale
    // would flatten the small ones into the axis.
    const NiceAxis count_axis = render::nice_axis(0, std::max(1.0, static_cast<double>(max_count(h)) * 1.05), 3);
    const double px = left + static_cast<double>(p % columns) * (panel_w + gap);
    const double py = top + static_cast<double>(p / columns) * (panel_h + gap);
    const double pl = px + 34, pr = px + panel_w - 6, pt = py + 34, pb = py + panel_h - 26;
    svg.begin_group(R"(class="panel")");
    svg.text(px, py + 12, render::fit_text(panel.label, panel_w, 12), R"(font-size="12" font-weight="600")");
    const auto& s = panel.stats;
    svg.text(px, py + 26,
             render::fit_text(fmt::format("{} sales · {:.0f}% above · median {}", s.count, 100 * s.share_above_count(),
                                          render::format_money(s.difference.median)),
                              panel_w, 10.5),
             fmt::format(R"(font-size="10.5" fill="{}")", render::kMutedTextColour));
    const LinearScale x{h.bins.front().lo, h.bins.back().hi, pl, pr};
    const LinearScale y{count_axis.lo, count_axis.hi, pb, pt};
    for (double v : count_axis.ticks) {
      svg.line(pl, y(v), pr, y(v), grid);
      svg.text(pl - 4, y(v) + 3, fmt::format("{:.0f}", v), R"(text-anchor="end" font-size="9.5")");
    }
    const double band = x(h.bins.front().lo + h.width) - x(h.bins.front().lo);
    for (std::size_t i = 0; i < h.bins.size(); ++i) {
      const HistogramBin& b = h.bins[i];
      if (b.count == 0) continue;
      const double top_y = y(static_cast<double>(b.count));
      svg.rect(x(b.lo) + band * 0.05, top_y, band * 0.9, pb - top_y,
               fmt::format(R"(fill="{}" class="bar" data-count="{}")", bin_colour(b), b.count),
               bar_tooltip(h, i, panel.label + ", "));
    }
    if (h.bins.front().lo < 0 && h.bins.back().hi > 0)
      svg.line(x(0), pt, x(0), pb, fmt::format(R"(stroke="{}" stroke-dasharray="4 3")", render::kAxisColour));
    svg.line(pl, pb, pr, pb, axis);
    draw_difference_axis(svg, h, x, pb, 9.5);
    svg.end_group();
  }
  return svg.str();
}

}  // namespace seatsync
