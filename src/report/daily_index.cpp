// index.html of a daily run: the first page an analyst opens. It answers "what ran, on what
// date, and what needs my attention", then links every output and shows the charts inline.
#include <cmath>
#include <fmt/format.h>

#include "report/guide_tables.hpp"
#include "report/html_util.hpp"
#include "report/money_text.hpp"
#include "report/page_style.hpp"
#include "seatsync/report.hpp"
#include "seatsync/version.hpp"

namespace seatsync {
namespace {

using render::escape_html;

constexpr std::size_t kSignificantShown = 20;

std::string_view index_css() {
  return R"(.counts { display: flex; flex-wrap: wrap; gap: 12px; margin: 1rem 0 .5rem; }
.count { border: 1px solid #d5d9de; border-radius: 6px; padding: 10px 16px; min-width: 9rem; }
.count .n { display: block; font-size: 1.7rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.count .label { color: #555555; font-size: .9rem; }
ul.files { columns: 18rem; padding-left: 1.2rem; }
figure.chart { margin: 1rem 0 2.2rem; }
figure.chart .chart-body { overflow-x: auto; }
figure.chart svg { display: block; }
figure.chart figcaption { color: #444444; font-size: .9rem; margin-top: .4rem; max-width: 60rem; }
@media print { figure.chart { break-inside: avoid; } }
)";
}

std::string count_box(std::size_t n, std::string_view label) {
  return fmt::format(R"(<div class="count"><span class="n">{}</span><span class="label">{}</span></div>)", n,
                     escape_html(label));
}

std::string games_table(const PlanSet& plans, const Dataset* data) {
  std::string out = "<table class=\"games\"><thead><tr><th class=\"text\">Game</th><th class=\"text\">Date</th>"
                    "<th>Tier</th><th class=\"text\">Opponent</th><th>Codes planned</th><th>Seats left</th>"
                    "<th>Expected tickets</th><th>Expected revenue</th></tr></thead><tbody>\n";
  for (const auto& game : plans.games) {
    int seats = 0;
    double tickets = 0, revenue = 0;
    for (const auto& p : game.plans) {
      seats += p.remaining;
      tickets += p.expected_tickets;
      revenue += p.expected_revenue;
    }
    const Game* g = data && game.game < data->games.size() ? &data->games[game.game] : nullptr;
    out += fmt::format(
        "<tr><td class=\"text\">{}</td><td class=\"text\">{}</td><td>{}</td><td class=\"text\">{}</td><td>{}</td>"
        "<td>{}</td><td>{:.1f}</td><td>{}</td></tr>\n",
        escape_html(g ? g->id : fmt::format("game #{}", game.game)), g ? escape_html(g->date.str()) : "",
        g ? std::to_string(g->tier) : "", g ? escape_html(g->opponent) : "", game.plans.size(), seats, tickets,
        escape_html(render::format_money(std::round(revenue))));
  }
  return out + "</tbody></table>\n";
}

// An SVG made by our chart functions starts with <svg>; a file read from disk may carry an XML
// prolog, which HTML would show as a bogus comment, so it is dropped.
std::string_view without_xml_prolog(std::string_view svg) {
  if (svg.substr(0, 5) == "<?xml") {
    const auto end = svg.find("?>");
    if (end != std::string_view::npos) svg.remove_prefix(end + 2);
  }
  return svg;
}

}  // namespace

std::string render_daily_index(const DailyReportInput& input) {
  const std::string title = fmt::format("seatsync daily run — as of {}", input.as_of.str());
  std::string css = std::string(render::base_css()) + std::string(render::guide_css()) + std::string(index_css());
  std::string out = render::html_page_start(title, css);
  out += fmt::format("<h1>{}</h1>\n", escape_html(title));
  out += fmt::format("<p class=\"meta\">Planning method: <strong>{}</strong> · seatsync {}</p>\n",
                     escape_html(input.method.empty() ? "—" : input.method), kVersion);

  std::size_t games = 0, code_plans = 0;
  if (input.plans) {
    games = input.plans->games.size();
    for (const auto& g : input.plans->games) code_plans += g.plans.size();
  }
  const std::size_t significant = input.guide ? input.guide->significant.size() : 0;
  out += "<div class=\"counts\">" + count_box(games, games == 1 ? "game planned" : "games planned") +
         count_box(code_plans, code_plans == 1 ? "price plan" : "price plans") +
         count_box(significant, significant == 1 ? "significant recommendation" : "significant recommendations") +
         "</div>\n";

  out += "<h2>Significant recommendations</h2>\n";
  if (input.guide) {
    out += "<p class=\"note\">Large changes with enough history behind them, in each game's current bucket: the "
           "prices to look at today. The guide has every code and bucket.</p>\n";
    out += render::significant_table(*input.guide, kSignificantShown, {});
  } else {
    out += "<p>No guide was built in this run.</p>\n";
  }

  if (input.plans && !input.plans->games.empty()) out += "<h2>Games</h2>\n" + games_table(*input.plans, input.data);

  out += "<h2>Files</h2>\n";
  if (input.files.empty()) {
    out += "<p>No files were written.</p>\n";
  } else {
    out += "<ul class=\"files\">\n";
    for (const auto& [label, path] : input.files)
      out += fmt::format("<li><a href=\"{}\">{}</a></li>\n", escape_html(render::encode_relative_url(path)),
                         escape_html(label));
    out += "</ul>\n";
  }

  if (!input.charts.empty()) {
    out += "<h2>Charts</h2>\n";
    for (const auto& [caption, svg] : input.charts)
      out += fmt::format("<figure class=\"chart\"><div class=\"chart-body\">{}</div><figcaption>{}</figcaption></figure>\n",
                         without_xml_prolog(svg), escape_html(caption));
  }
  return out + render::html_page_end();
}

}  // namespace seatsync
