// Thesis Figures 4-9 (observed) and 4-11 (completed): a grid of Demand Matrix heatmaps, game
// tiers down, price-code groups (or codes) across, each panel buckets × quantities. Colours are
// normalised within each panel — the thesis's figures do the same — because tiers and groups
// differ in price level far more than cells within a matrix do; the panel's own price range is
// printed under its title so levels can still be compared.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <map>

#include "report/chart_style.hpp"
#include "report/colour_scale.hpp"
#include "report/money_text.hpp"
#include "report/svg_canvas.hpp"
#include "seatsync/report.hpp"

namespace seatsync {
namespace {

using render::SvgCanvas;

// A panel wider than this many columns turns cells into slivers; wider matrices are binned.
constexpr int kMaxColumns = 60;
// Per-cell hover text helps on small grids but would bloat a big one to megabytes.
constexpr std::size_t kMaxTooltipCells = 4000;

// What one panel shows: the matrix's cells, quantities binned when there are too many.
struct PanelGrid {
  std::size_t rows = 0, cols = 0;
  int quantities = 0;  // the matrix's width (largest quantity)
  int bin_width = 1;   // quantities per column
  std::vector<double> values;      // row-major; NaN = blank
  std::vector<int> observed_games;  // games behind each shown cell (raw mode)
  double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();

  bool any() const { return lo <= hi; }
  double value(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
  int first_quantity(std::size_t c) const { return static_cast<int>(c) * bin_width + 1; }
  int last_quantity(std::size_t c) const { return std::min(quantities, static_cast<int>(c + 1) * bin_width); }
  // Where v sits between the panel's lowest and highest shown price; the middle when all agree.
  double normalised(double v) const { return hi > lo ? (v - lo) / (hi - lo) : 0.5; }
};

PanelGrid panel_grid(const CompletedMatrix& m, bool completed) {
  const Eigen::MatrixXd& source = completed ? m.price : m.observed.price;
  const Eigen::MatrixXi& games = m.observed.games;
  PanelGrid g;
  g.rows = static_cast<std::size_t>(source.rows());
  g.quantities = static_cast<int>(source.cols());
  g.bin_width = g.quantities > kMaxColumns ? (g.quantities + kMaxColumns - 1) / kMaxColumns : 1;
  g.cols = static_cast<std::size_t>((g.quantities + g.bin_width - 1) / g.bin_width);
  g.values.assign(g.rows * g.cols, std::numeric_limits<double>::quiet_NaN());
  g.observed_games.assign(g.rows * g.cols, 0);
  const bool has_games = games.rows() == source.rows() && games.cols() == source.cols();
  for (std::size_t r = 0; r < g.rows; ++r)
    for (std::size_t c = 0; c < g.cols; ++c) {
      double sum = 0;
      int n = 0, game_count = 0;
      for (int q = g.first_quantity(c); q <= g.last_quantity(c); ++q) {
        const double v = source(static_cast<Eigen::Index>(r), q - 1);
        if (!std::isfinite(v)) continue;  // unobserved (raw) or unrepaired (completed): blank
        sum += v;
        ++n;
        if (has_games) game_count += games(static_cast<Eigen::Index>(r), q - 1);
      }
      if (n == 0) continue;
      const double mean = sum / n;
      g.values[r * g.cols + c] = mean;
      g.observed_games[r * g.cols + c] = game_count;
      g.lo = std::min(g.lo, mean);
      g.hi = std::max(g.hi, mean);
    }
  return g;
}

std::string panel_title(const DemandMatrix& m) {
  const std::string tier = m.tier == 0 ? "All tiers" : fmt::format("Tier {}", m.tier);
  if (m.code.empty()) return tier + " · " + m.group;
  return m.group.empty() ? tier + " · " + m.code : fmt::format("{} · {} ({})", tier, m.code, m.group);
}

// Rows are tiers ascending, columns the groups (or codes) in the order first given; a second
// matrix for an occupied slot (e.g. two methods for the same group) gets a column of its own.
struct GridPlacement {
  std::vector<int> tiers;
  std::vector<std::string> column_keys;
  std::vector<std::pair<std::size_t, std::size_t>> slot;  // per matrix: (row, column)
};

GridPlacement place(const std::vector<CompletedMatrix>& matrices) {
  GridPlacement p;
  for (const auto& m : matrices) p.tiers.push_back(m.observed.tier);
  std::sort(p.tiers.begin(), p.tiers.end());
  p.tiers.erase(std::unique(p.tiers.begin(), p.tiers.end()), p.tiers.end());
  std::map<std::pair<std::size_t, std::size_t>, bool> occupied;
  for (const auto& m : matrices) {
    const std::size_t row = static_cast<std::size_t>(
        std::lower_bound(p.tiers.begin(), p.tiers.end(), m.observed.tier) - p.tiers.begin());
    const std::string key = m.observed.code.empty() ? m.observed.group : m.observed.code;
    std::size_t col = p.column_keys.size();
    for (std::size_t c = 0; c < p.column_keys.size(); ++c)
      if (p.column_keys[c] == key && !occupied[{row, c}]) {
        col = c;
        break;
      }
    if (col == p.column_keys.size()) p.column_keys.push_back(key);
    occupied[{row, col}] = true;
    p.slot.emplace_back(row, col);
  }
  return p;
}

struct HeatmapLayout {
  double panel_w = 0, panel_h = 0;
  double left = 0, top = 0;
  static constexpr double kTitleH = 34, kBelowH = 30, kGapX = 26, kGapY = 14;
  double slot_w() const { return panel_w + kGapX; }
  double slot_h() const { return kTitleH + panel_h + kBelowH + kGapY; }
  double panel_x(std::size_t col) const { return left + static_cast<double>(col) * slot_w(); }
  double panel_y(std::size_t row) const { return top + static_cast<double>(row) * slot_h() + kTitleH; }
};

void draw_colour_legend(SvgCanvas& svg, double x, double y, bool completed) {
  constexpr int kSteps = 24;
  constexpr double kStepW = 7, kH = 12;
  svg.text(x, y + 10, "Low", R"(font-size="11" text-anchor="end")");
  for (int i = 0; i < kSteps; ++i) {
    const double t = (i + 0.5) / kSteps;
    svg.rect(x + 6 + i * kStepW, y, kStepW + 0.5, kH, "fill=\"" + render::sequential_colour(t) + "\"");
  }
  const double after = x + 6 + kSteps * kStepW + 6;
  svg.text(after, y + 10, "High price, within each panel", R"(font-size="11")");
  if (!completed) {
    const double bx = after + render::estimate_text_width("High price, within each panel", 11) + 24;
    svg.rect(bx, y, 14, kH, R"(fill="#ffffff" stroke="#999999")");
    svg.text(bx + 20, y + 10, "No sales observed", R"(font-size="11")");
  }
}

void draw_panel(SvgCanvas& svg, const CompletedMatrix& m, const PanelGrid& g, double x, double y,
                const HeatmapLayout& l, bool tooltips) {
  const std::string title = panel_title(m.observed);
  // crispEdges: without it, anti-aliasing draws faint seams between neighbouring cells.
  svg.begin_group(R"(class="panel" shape-rendering="crispEdges")");
  svg.text(x, y - 20, render::fit_text(title, l.panel_w, 12), R"(font-size="12" font-weight="600" class="panel-title")");
  svg.text(x, y - 6,
           // Whole dollars: the range says what level the colours stand for, cents are noise here.
           g.any() ? render::format_money(std::round(g.lo)) + " – " + render::format_money(std::round(g.hi))
                   : std::string("no prices"),
           fmt::format(R"(font-size="10" fill="{}")", render::kMutedTextColour));
  svg.rect(x, y, l.panel_w, l.panel_h, R"(fill="#ffffff")");
  if (g.rows > 0 && g.cols > 0) {
    const double cell_w = l.panel_w / static_cast<double>(g.cols);
    const double cell_h = l.panel_h / static_cast<double>(g.rows);
    for (std::size_t r = 0; r < g.rows; ++r)
      for (std::size_t c = 0; c < g.cols; ++c) {
        const double v = g.value(r, c);
        if (std::isnan(v)) continue;  // blank: the white background shows
        std::string tip;
        if (tooltips) {
          const std::string bucket = r < m.observed.bucket_names.size() ? m.observed.bucket_names[r] : "";
          const std::string quantity = g.bin_width == 1 ? fmt::format("{} tickets", g.first_quantity(c))
                                                        : fmt::format("{}–{} tickets", g.first_quantity(c),
                                                                      g.last_quantity(c));
          tip = fmt::format("{} · {} days, {}: {}", title, bucket, quantity, render::format_money(v));
          if (g.observed_games[r * g.cols + c] > 0) tip += fmt::format(" ({} games)", g.observed_games[r * g.cols + c]);
        }
        svg.rect(x + c * cell_w, y + r * cell_h, cell_w, cell_h,
                 "class=\"cell\" fill=\"" + render::sequential_colour(g.normalised(v)) + "\"", tip);
      }
  }
  if (!g.any())
    svg.text(x + l.panel_w / 2, y + l.panel_h / 2 + 4, "no sales observed",
             fmt::format(R"(text-anchor="middle" font-size="11" fill="{}")", render::kMutedTextColour));
  svg.rect(x, y, l.panel_w, l.panel_h, R"(fill="none" stroke="#9a9a9a")");

  // Quantity hints under the panel: the first and last quantity and the direction of the axis.
  const auto muted = fmt::format(R"(font-size="10" fill="{}")", render::kMutedTextColour);
  if (g.quantities > 0) {
    svg.text(x, y + l.panel_h + 12, "1", muted);
    svg.text(x + l.panel_w, y + l.panel_h + 12, std::to_string(g.quantities),
             fmt::format(R"(font-size="10" text-anchor="end" fill="{}")", render::kMutedTextColour));
  }
  svg.text(x + l.panel_w / 2, y + l.panel_h + 12, "tickets sold →",
           fmt::format(R"(font-size="10" text-anchor="middle" fill="{}")", render::kMutedTextColour));
  svg.end_group();
}

// Bucket names left of each grid row (furthest from the game at the top), taken from the row's
// first panel: every matrix of a run shares the bucket definition.
void draw_row_labels(SvgCanvas& svg, const std::vector<std::string>& bucket_names, std::size_t rows, double y,
                     const HeatmapLayout& l) {
  if (rows == 0) return;
  const double cell_h = l.panel_h / static_cast<double>(rows);
  const std::size_t every = cell_h >= 11 ? 1 : static_cast<std::size_t>(std::ceil(11 / cell_h));
  for (std::size_t r = 0; r < rows && r < bucket_names.size(); r += every)
    svg.text(l.left - 6, y + (static_cast<double>(r) + 0.5) * cell_h + 3.5, bucket_names[r],
             R"(font-size="10" text-anchor="end" class="bucket-label")");
  const double middle = y + l.panel_h / 2;
  svg.text(14, middle, "days before ↓",
           fmt::format(R"~(font-size="10" text-anchor="middle" fill="{}" transform="rotate(-90 14 {})")~",
                       render::kMutedTextColour, render::svg_number(middle)));
}

}  // namespace

std::string svg_matrix_heatmaps(const std::vector<CompletedMatrix>& matrices, bool completed,
                                const std::string& title) {
  std::vector<PanelGrid> grids;
  std::size_t max_rows = 1, max_cols = 1, cells = 0;
  int widest_bin = 1;
  std::size_t longest_label = 0;
  for (const auto& m : matrices) {
    grids.push_back(panel_grid(m, completed));
    max_rows = std::max(max_rows, grids.back().rows);
    max_cols = std::max(max_cols, grids.back().cols);
    cells += grids.back().rows * grids.back().cols;
    widest_bin = std::max(widest_bin, grids.back().bin_width);
    for (const auto& name : m.observed.bucket_names) longest_label = std::max(longest_label, name.size());
  }
  const GridPlacement placement = place(matrices);

  HeatmapLayout l;
  l.panel_w = std::clamp(static_cast<double>(max_cols) * 14.0, 170.0, 260.0);
  l.panel_h = std::clamp(static_cast<double>(max_rows) * 16.0, 64.0, 176.0);
  l.left = 34 + static_cast<double>(longest_label) * 6.0 + 8;
  l.top = 124;
  const std::size_t grid_rows = placement.tiers.size(), grid_cols = placement.column_keys.size();
  const double width = std::max(720.0, l.left + static_cast<double>(grid_cols) * l.slot_w() + 10);
  const double height = l.top + static_cast<double>(std::max<std::size_t>(grid_rows, 1)) * l.slot_h() + 8;

  SvgCanvas svg(width, height, title);
  svg.rect(0, 0, width, height, R"(fill="#ffffff")");
  const double room = width - 32;  // long text is cut rather than run off the chart
  svg.text(16, 26, render::fit_text(title, room, 17), R"(font-size="17" font-weight="600")");
  std::string subtitle =
      completed ? fmt::format("Completed Demand Matrices ({}): price per ticket for every bucket × quantity",
                              matrices.empty() ? "" : std::string(to_string(matrices.front().method)))
                : "Observed Demand Matrices: average order price per ticket where some game sold exactly that quantity";
  svg.text(16, 46, render::fit_text(subtitle, room, 12), fmt::format(R"(font-size="12" fill="{}")", render::kMutedTextColour));
  const bool by_code = std::any_of(matrices.begin(), matrices.end(), [](const auto& m) { return !m.observed.code.empty(); });
  const auto caption_style = fmt::format(R"(font-size="11" fill="{}" class="caption")", render::kMutedTextColour);
  svg.text(16, 64,
           render::fit_text(fmt::format("Rows of panels: game tiers (1 = most attractive). Columns: {}.",
                                        by_code ? "price codes" : "price-code groups"),
                            room, 11),
           caption_style);
  if (widest_bin > 1)
    svg.text(16, 80,
             render::fit_text(fmt::format("Wide matrices are binned: a column is the mean of up to {} consecutive "
                                          "quantities.",
                                          widest_bin),
                              room, 11),
             caption_style);
  draw_colour_legend(svg, 44, 94, completed);

  if (matrices.empty()) {
    svg.text(16, l.top + 20, "No Demand Matrices to show", R"(font-size="14")");
    return svg.str();
  }
  const bool tooltips = cells <= kMaxTooltipCells;
  std::vector<bool> row_labelled(grid_rows, false);
  for (std::size_t i = 0; i < matrices.size(); ++i) {
    const auto [row, col] = placement.slot[i];
    const double x = l.panel_x(col), y = l.panel_y(row);
    draw_panel(svg, matrices[i], grids[i], x, y, l, tooltips);
    if (!row_labelled[row]) {
      draw_row_labels(svg, matrices[i].observed.bucket_names, grids[i].rows, y, l);
      row_labelled[row] = true;
    }
  }
  return svg.str();
}

}  // namespace seatsync
