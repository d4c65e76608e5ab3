// The Manual Price Adjustment Guide (thesis 5.3, Figure 5-3) as one HTML page: the same content
// as the workbook — summary of significant recommendations, legend, one table per game — for
// readers without a spreadsheet program, and printable (one game per page).
#include <fmt/format.h>
#include <map>

#include "report/guide_tables.hpp"
#include "report/html_util.hpp"
#include "report/money_text.hpp"
#include "report/page_style.hpp"
#include "seatsync/report.hpp"

namespace seatsync {
namespace {

using render::escape_html;

std::string game_heading(const GameGuide& game) {
  std::string heading = fmt::format("{} — {} · tier {}", game.game_id, game.game_date.str(), game.tier);
  if (!game.opponent.empty()) heading += " · vs " + game.opponent;
  return heading;
}

// Bucket headers: the name, and under it the days it covers; the first is today's bucket.
std::string bucket_headers(const GameGuide& game) {
  std::string out;
  for (std::size_t b = 0; b < game.buckets.size(); ++b) {
    std::string days;
    for (const auto& row : game.rows)
      if (b < row.cells.size()) {
        const auto& c = row.cells[b];
        days = c.days_from == c.days_to ? fmt::format("{} days before", c.days_from)
                                        : fmt::format("{}–{} days before", c.days_from, c.days_to);
        if (c.days_from == 0 && c.days_to == 0) days = "game day";
        break;
      }
    const std::string note = b == 0 ? "now · " + days : days;
    out += fmt::format(R"(<th class="bucket{}" scope="col">{}<span class="days">{}</span></th>)",
                       b == 0 ? " now" : "", escape_html(game.buckets[b]), escape_html(note));
  }
  return out;
}

std::string game_table(const GameGuide& game, const GuideThresholds& thresholds) {
  if (game.rows.empty()) return "<p>No price code of this game has seats left.</p>\n";
  std::string out = "<table class=\"guide\"><thead><tr><th class=\"text code\" scope=\"col\">Code</th>"
                    "<th class=\"text\" scope=\"col\">Group</th><th scope=\"col\">Left</th>"
                    "<th scope=\"col\">Current</th>" +
                    bucket_headers(game) + "</tr></thead><tbody>\n";
  for (const auto& row : game.rows) {
    const std::string current = row.current_price > 0.0 ? render::format_money(row.current_price) : "—";
    out += fmt::format(R"(<tr><th class="text code" scope="row">{}</th><td class="text">{}</td><td>{}</td>)"
                       R"(<td title="floor {}">{}</td>)",
                       escape_html(row.price_code), escape_html(row.group), row.remaining,
                       escape_html(render::format_money(row.floor)), escape_html(current));
    for (std::size_t b = 0; b < game.buckets.size(); ++b)
      out += b < row.cells.size() ? render::change_cell(row.cells[b], row.current_price, thresholds) : "<td></td>";
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

}  // namespace

std::string render_guide_html(const AdjustmentGuide& guide) {
  const std::string title = fmt::format("Price adjustment guide — as of {}", guide.as_of.str());
  std::string out = render::html_page_start(title, std::string(render::base_css()) + std::string(render::guide_css()));
  out += fmt::format("<h1>{}</h1>\n", escape_html(title));
  out += fmt::format(
      "<p class=\"meta\">{} upcoming game{}. A change is large at {:g}% of the current price or more, supported "
      "with at least {} historical orders behind it, and material with {:g} or more tickets expected in the bucket "
      "and {} or more at stake (the change × those tickets).</p>\n",
      guide.games.size(), guide.games.size() == 1 ? "" : "s", guide.thresholds.large_change * 100.0,
      guide.thresholds.min_support_orders, guide.thresholds.min_expected_tickets,
      escape_html(render::format_money(guide.thresholds.min_revenue_at_stake)));

  // Game ids are user text: anchors use the game's position instead.
  std::map<std::string, std::string> anchors;
  for (std::size_t i = 0; i < guide.games.size(); ++i)
    anchors.emplace(guide.games[i].game_id, fmt::format("#{}", render::anchor_id("game", i)));
  if (!guide.games.empty()) {
    out += "<nav class=\"toc\"><ul>\n";
    for (std::size_t i = 0; i < guide.games.size(); ++i)
      out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", render::anchor_id("game", i),
                         escape_html(game_heading(guide.games[i])));
    out += "</ul></nav>\n";
  }

  out += "<h2>Significant recommendations</h2>\n";
  out += "<p class=\"note\">Large, supported, material changes in each game's current bucket, most revenue at stake "
         "first: the prices to look at today.</p>\n";
  out += render::significant_table(guide, guide.significant.size(), [&](const std::string& id) {
    const auto it = anchors.find(id);
    return it == anchors.end() ? std::string() : it->second;
  });
  out += "<h2>How to read the guide</h2>\n" + render::guide_legend(guide.thresholds);

  for (std::size_t i = 0; i < guide.games.size(); ++i) {
    const auto& game = guide.games[i];
    out += fmt::format("<section class=\"game\" id=\"{}\">\n<h2>{}</h2>\n", render::anchor_id("game", i),
                       escape_html(game_heading(game)));
    if (!game.pace_note.empty()) out += "<p class=\"pace\">" + escape_html(game.pace_note) + "</p>\n";
    out += game_table(game, guide.thresholds) + "</section>\n";
  }
  return out + render::html_page_end();
}

}  // namespace seatsync
