#include "report/svg_canvas.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

#include "report/html_util.hpp"

namespace seatsync::render {

std::string svg_number(double v) {
  if (!std::isfinite(v)) return "0";
  std::string s = fmt::format("{:.2f}", v);
  // Trailing zeros only make the document bigger.
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

namespace {
std::string tooltip_element(std::string_view tooltip) {
  return tooltip.empty() ? std::string() : "<title>" + escape_html(tooltip) + "</title>";
}
std::string with_space(std::string_view attributes) {
  std::string out;
  if (!attributes.empty()) out.append(" ").append(attributes);
  return out;
}
}  // namespace

SvgCanvas::SvgCanvas(double width, double height, std::string_view title) : width_(width), height_(height) {
  body_ += "<title>" + escape_html(title) + "</title>\n";
}

void SvgCanvas::rect(double x, double y, double w, double h, std::string_view attributes, std::string_view tooltip) {
  const std::string open = fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}"{})", svg_number(x), svg_number(y),
                                       svg_number(std::max(0.0, w)), svg_number(std::max(0.0, h)), with_space(attributes));
  body_ += tooltip.empty() ? open + "/>\n" : open + ">" + tooltip_element(tooltip) + "</rect>\n";
}

void SvgCanvas::line(double x1, double y1, double x2, double y2, std::string_view attributes) {
  body_ += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}"{}/>)", svg_number(x1), svg_number(y1), svg_number(x2),
                       svg_number(y2), with_space(attributes)) +
           "\n";
}

void SvgCanvas::polyline(const std::vector<std::pair<double, double>>& points, std::string_view attributes) {
  if (points.size() < 2) return;
  std::string list;
  for (const auto& [x, y] : points) {
    if (!list.empty()) list += ' ';
    list += svg_number(x) + "," + svg_number(y);
  }
  body_ += fmt::format(R"(<polyline points="{}" fill="none"{}/>)", list, with_space(attributes)) + "\n";
}

void SvgCanvas::polygon(const std::vector<std::pair<double, double>>& points, std::string_view attributes) {
  if (points.size() < 3) return;
  std::string list;
  for (const auto& [x, y] : points) {
    if (!list.empty()) list += ' ';
    list += svg_number(x) + "," + svg_number(y);
  }
  body_ += fmt::format(R"(<polygon points="{}"{}/>)", list, with_space(attributes)) + "\n";
}

void SvgCanvas::circle(double cx, double cy, double r, std::string_view attributes, std::string_view tooltip) {
  const std::string open = fmt::format(R"(<circle cx="{}" cy="{}" r="{}"{})", svg_number(cx), svg_number(cy),
                                       svg_number(r), with_space(attributes));
  body_ += tooltip.empty() ? open + "/>\n" : open + ">" + tooltip_element(tooltip) + "</circle>\n";
}

void SvgCanvas::text(double x, double y, std::string_view content, std::string_view attributes) {
  body_ += fmt::format(R"(<text x="{}" y="{}"{}>{}</text>)", svg_number(x), svg_number(y), with_space(attributes),
                       escape_html(content)) +
           "\n";
}

void SvgCanvas::begin_group(std::string_view attributes) {
  body_ += "<g" + with_space(attributes) + ">\n";
  ++open_groups_;
}

void SvgCanvas::end_group() {
  if (open_groups_ == 0) return;  // an unmatched close would make the document invalid
  body_ += "</g>\n";
  --open_groups_;
}

std::string SvgCanvas::str() const {
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img" )"
      R"(font-family="{2}" font-size="12" fill="#222222">)"
      "\n",
      svg_number(width_), svg_number(height_), kChartFont);
  out += body_;
  for (int i = 0; i < open_groups_; ++i) out += "</g>\n";
  return out + "</svg>\n";
}

double LinearScale::operator()(double v) const {
  const double span = domain_hi - domain_lo;
  if (!(std::abs(span) > 0.0) || !std::isfinite(span)) return (range_lo + range_hi) / 2.0;
  return range_lo + (v - domain_lo) / span * (range_hi - range_lo);
}

namespace {

// The smallest step of the form {1, 2, 2.5, 5} × 10^k that is >= raw.
double nice_step_at_least(double raw) {
  if (!(raw > 0.0) || !std::isfinite(raw)) return 1.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : std::array{1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * power >= raw * (1.0 - 1e-12)) return m * power;
  return 10.0 * power;
}

// Values a double can subtract without overflowing; far beyond any price.
constexpr double kLargest = 1e300;
double sanitise(double v) { return std::isfinite(v) ? std::clamp(v, -kLargest, kLargest) : 0.0; }

}  // namespace

NiceAxis nice_axis(double data_lo, double data_hi, int target_intervals) {
  double lo = sanitise(std::min(data_lo, data_hi));
  double hi = sanitise(std::max(data_lo, data_hi));
  target_intervals = std::max(1, target_intervals);
  // A range too narrow for the doubles around it (equal values, or 1e15 vs 1e15 + 1) gets a band
  // of ±10% (or 0 … 1 around zero) so ticks stay distinct.
  const double magnitude = std::max(std::abs(lo), std::abs(hi));
  if (hi - lo <= 1e-9 * magnitude || hi == lo) {
    const double half = magnitude > 0.0 ? 0.1 * magnitude : 0.5;
    lo = lo >= 0.0 && lo - half < 0.0 ? 0.0 : lo - half;  // prices are not negative: stop at 0
    hi = hi + half;
  }
  NiceAxis axis;
  axis.step = nice_step_at_least((hi - lo) / target_intervals);
  axis.lo = std::floor(lo / axis.step) * axis.step;
  axis.hi = std::ceil(hi / axis.step) * axis.step;
  const auto intervals = static_cast<int>(std::lround((axis.hi - axis.lo) / axis.step));
  for (int i = 0; i <= intervals; ++i) axis.ticks.push_back(axis.lo + i * axis.step);
  return axis;
}

NiceAxis nice_axis_from_zero(double data_hi, int intervals) {
  intervals = std::max(1, intervals);
  const double hi = sanitise(data_hi);
  NiceAxis axis;
  axis.lo = 0.0;
  axis.step = hi > 0.0 ? nice_step_at_least(hi / intervals) : nice_step_at_least(1.0 / intervals);
  axis.hi = axis.step * intervals;
  for (int i = 0; i <= intervals; ++i) axis.ticks.push_back(i * axis.step);
  return axis;
}

double estimate_text_width(std::string_view text, double font_size) {
  std::size_t glyphs = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++glyphs;  // count UTF-8 lead bytes, not continuation bytes
  return static_cast<double>(glyphs) * 0.6 * font_size;
}

std::string fit_text(std::string_view text, double width, double font_size) {
  if (estimate_text_width(text, font_size) <= width) return std::string(text);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next = i + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    std::string longer = out;
    longer.append(text.substr(i, next - i));
    if (estimate_text_width(longer + "…", font_size) > width) break;
    out = std::move(longer);
    i = next;
  }
  return out + "…";
}

}  // namespace seatsync::render
