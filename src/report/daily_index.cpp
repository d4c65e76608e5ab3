// index.html of a daily run: the first page an analyst opens. It answers "what ran, on what
// date, and what needs my attention", then links every output and shows the charts inline.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "report/guide_tables.hpp"
#include "report/html_util.hpp"
#include "report/money_text.hpp"
#include "report/page_style.hpp"
#include "seatsync/market_comparison.hpp"
#include "seatsync/model_monitor.hpp"
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
details.booking { margin: .2rem 0 .6rem; }
details.booking summary { cursor: pointer; }
td.risk { font-weight: 650; }
@media print { figure.chart { break-inside: avoid; } }
)";
}

std::string count_box(std::size_t n, std::string_view label) {
  return fmt::format(R"(<div class="count"><span class="n">{}</span><span class="label">{}</span></div>)", n,
                     escape_html(label));
}

// The booking-curve forecast beside the plan: final tickets (80% interval) and the highest
// P(sellout) of the game's codes; "—" for a game the forecast does not cover.
std::string booking_cells(const BookingForecastSet* bookings, GameIndex game) {
  const GameBookingForecast* found = nullptr;
  if (bookings)
    for (const auto& g : bookings->games)
      if (g.game == game) found = &g;
  if (!found) return "<td>—</td><td>—</td>";
  double final_tickets = 0, lower = 0, upper = 0, p = 0;
  for (const auto& c : found->codes) {
    final_tickets += c.expected_final;
    lower += c.lower_80;
    upper += c.upper_80;
    if (std::isfinite(c.p_sellout)) p = std::max(p, c.p_sellout);
  }
  if (!std::isfinite(final_tickets)) return "<td>—</td><td>—</td>";
  return fmt::format("<td>{:.0f} ({:.0f}–{:.0f})</td><td>{:.0f}%</td>", final_tickets, lower, upper, 100 * p);
}

std::string games_table(const PlanSet& plans, const Dataset* data, const BookingForecastSet* bookings) {
  std::string out = "<table class=\"games\"><thead><tr><th class=\"text\">Game</th><th class=\"text\">Date</th>"
                    "<th>Tier</th><th class=\"text\">Opponent</th><th>Codes planned</th><th>Seats left</th>"
                    "<th>Expected tickets</th><th>Expected revenue</th><th>Forecast final tickets (80%)</th>"
                    "<th>P(sellout), highest code</th></tr></thead><tbody>\n";
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
        "<td>{}</td><td>{:.1f}</td><td>{}</td>{}</tr>\n",
        escape_html(g ? g->id : fmt::format("game #{}", game.game)), g ? escape_html(g->date.str()) : "",
        g ? std::to_string(g->tier) : "", g ? escape_html(g->opponent) : "", game.plans.size(), seats, tickets,
        escape_html(render::format_money(std::round(revenue))), booking_cells(bookings, game.game));
  }
  return out + "</tbody></table>\n";
}

std::string bounds_text(double lo, double hi) {
  return std::isfinite(lo) && std::isfinite(hi) ? fmt::format("{:.0f}–{:.0f}", lo, hi) : "—";
}
std::string number_text(double v, int digits) { return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : "—"; }
std::string percent_text(double p) { return std::isfinite(p) ? fmt::format("{:.0f}%", 100 * p) : "—"; }

// One row per upcoming game (its codes summed; the bounds are the sums of the codes' bounds,
// since codes rise and fall together with the game's demand), then each game's codes in a
// closed <details>: the page stays short, the detail is one click away.
std::string booking_section(const BookingForecastSet& set, const Dataset& data) {
  std::string out = fmt::format(
      "<p class=\"note\">Tickets expected by game day from the booking curve (method {}): what each game has sold "
      "so far, picked up as the reference games (same tier) picked up from the same days before. Intervals are "
      "80% and 95%; P(sellout) is the chance that demand reaches the seats left. Velocity is the last 7 days' "
      "sales over the reference games' at the same days before (1 = on pace).</p>\n",
      escape_html(set.method));
  for (const auto& note : set.notes) out += "<p class=\"note\">Note: " + escape_html(note) + "</p>\n";
  out += "<table class=\"games booking\"><thead><tr><th class=\"text\">Game</th><th class=\"text\">Date</th>"
         "<th>Tier</th><th>Days to go</th><th>Seats</th><th>Sold</th><th>Expected final</th><th>80% interval</th>"
         "<th>95% interval</th><th>Codes likely to sell out</th><th>Highest P(sellout)</th></tr></thead><tbody>\n";
  for (const auto& g : set.games) {
    const Game& game = data.games[g.game];
    double seats = 0, sold = 0, expected = 0, b[4] = {0, 0, 0, 0}, top = 0;
    int likely = 0;
    for (const auto& c : g.codes) {
      seats += c.seats;
      sold += c.sold;
      expected += c.expected_final;
      b[0] += c.lower_80;
      b[1] += c.upper_80;
      b[2] += c.lower_95;
      b[3] += c.upper_95;
      if (std::isfinite(c.p_sellout)) top = std::max(top, c.p_sellout);
      likely += c.p_sellout >= 0.5;
    }
    out += fmt::format(
        "<tr><td class=\"text\">{}</td><td class=\"text\">{}</td><td>{}</td><td>{}</td><td>{:.0f}</td><td>{:.0f}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{} of {}</td><td class=\"risk\">{}</td></tr>\n",
        escape_html(game.id), game.date.str(), game.tier, g.codes.empty() ? game.date - set.as_of : g.codes.front().days_before,
        seats, sold, number_text(expected, 0), bounds_text(b[0], b[1]), bounds_text(b[2], b[3]), likely, g.codes.size(),
        percent_text(top));
  }
  out += "</tbody></table>\n";
  for (const auto& g : set.games) {
    const Game& game = data.games[g.game];
    out += fmt::format("<details class=\"booking\"><summary>{} ({}): forecast per price code</summary>\n",
                       escape_html(game.id), game.date.str());
    out += "<table class=\"games\"><thead><tr><th class=\"text\">Code</th><th class=\"text\">Group</th><th>Seats</th>"
           "<th>Sold</th><th>Last 7 days</th><th>Velocity</th><th>Expected final</th><th>80% interval</th>"
           "<th>95% interval</th><th>P(sellout)</th></tr></thead><tbody>\n";
    for (const auto& c : g.codes)
      out += fmt::format(
          "<tr><td class=\"text\">{}</td><td class=\"text\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td>{}</td><td>{}</td><td>{}</td><td class=\"risk\">{}</td></tr>\n",
          escape_html(data.codes[c.code].code), escape_html(data.codes[c.code].group), c.seats, c.sold, c.sold_last_days,
          number_text(c.velocity, 2), number_text(c.expected_final, 1), bounds_text(c.lower_80, c.upper_80),
          bounds_text(c.lower_95, c.upper_95), percent_text(c.p_sellout));
    out += "</tbody></table></details>\n";
  }
  return out;
}

std::string signed_money(double v) { return std::isfinite(v) ? (v > 0 ? "+" : "") + render::format_money(std::round(v)) : "—"; }

std::string market_row(const std::string& label, const DifferenceStats& s) {
  return fmt::format("<tr><td class=\"text\">{}</td><td>{}</td><td>{:.0f}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                     "<td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     escape_html(label), s.count, s.tickets, percent_text(s.share_above_count()),
                     percent_text(s.share_above_tickets()), percent_text(s.share_above_revenue()),
                     signed_money(s.difference.median), s.count ? render::format_share(s.relative.median) : "—",
                     escape_html(render::format_money(std::round(s.below_market_gap))),
                     escape_html(render::format_money(std::round(s.above_market_premium))));
}

// The thesis's comparison (5.2.1) in the morning report: how our prices sat against the resale
// market's asks, the money on either side, then Figure 5-2.
std::string market_section(const MarketComparison& c, const std::string& chart) {
  const MarketMatches& m = c.matches;
  const DifferenceStats& s = c.sales;
  std::string out = fmt::format(
      "<p class=\"note\">Each sale before {} is compared with the secondary market's asks for the same game and price "
      "code, observed the same number of days before the game (or the nearest day within ±{}), nearest in quantity. "
      "Differences are our price − the market's, per ticket.</p>\n",
      m.as_of.str(), m.window_days);
  out += "<div class=\"counts\">" + count_box(s.count, "sales matched to the market") +
         count_box(m.sales_unmatched, "sales with no market observation") +
         count_box(m.listings.left_out, "listings left out (no price code)") + "</div>\n";
  out += fmt::format(
      "<p>{} of the matched sales ({} of their tickets, {} of their revenue) were priced <strong>above</strong> the "
      "market; the median difference is {} ({}). Sales below the market leave at most {} on the table (Σ tickets × "
      "(market − ours): an upper bound, since those buyers might not have paid the ask); sales above it earned {} "
      "more than the resale asks.</p>\n",
      percent_text(s.share_above_count()), percent_text(s.share_above_tickets()), percent_text(s.share_above_revenue()),
      signed_money(s.difference.median), s.count ? render::format_share(s.relative.median) : "—",
      escape_html(render::format_money(std::round(s.below_market_gap))),
      escape_html(render::format_money(std::round(s.above_market_premium))));
  if (!m.plans.empty())
    out += fmt::format("<p>Today's recommended prices: {} of {} plan buckets with a market observation are above the "
                       "market (median difference {}).</p>\n",
                       c.plans.above, c.plans.count, signed_money(c.plans.difference.median));
  out += "<table class=\"games\"><thead><tr><th class=\"text\"></th><th>Sales</th><th>Tickets</th>"
         "<th>Above (count)</th><th>Above (tickets)</th><th>Above (revenue)</th><th>Median difference</th>"
         "<th>Median %</th><th>Below-market gap</th><th>Above-market premium</th></tr></thead><tbody>\n";
  out += market_row("All matched sales", s);
  for (const auto& g : c.by_group) out += market_row(g.label, g.stats);
  out += "</tbody></table>\n";
  out += fmt::format("<figure class=\"chart\"><div class=\"chart-body\">{}</div><figcaption>{}</figcaption></figure>\n",
                     chart, "Matched sales by price difference (thesis Figure 5-2); the line is each bin's value, "
                            "tickets × difference. By group and by bucket: the linked charts.");
  return out;
}

// Seed 003's monitoring, one row per model: how it does on the data since its training and
// what fires.
std::string models_section(const MonitorReport& r) {
  std::string out = fmt::format("<p class=\"note\">{} model(s), {} alert(s) on {} (thresholds: params.toml [monitor]; "
                                "details: <code>seatsync monitor</code>, models.json).</p>\n",
                                r.models.size(), r.alert_count(), r.today.str());
  out += "<table class=\"games\"><thead><tr><th class=\"text\">Model</th><th class=\"text\">Version</th>"
         "<th>Trained through</th><th>New rows</th><th>Live error</th><th>Holdout</th><th class=\"text\">Largest drift</th>"
         "<th class=\"text\">Alerts</th><th class=\"text\">Retrain triggers</th></tr></thead><tbody>\n";
  auto value = [](const MetricList& list, const std::string& name) {
    for (const auto& [n, v] : list)
      if (n == name) return fmt::format("{} {:.4g}", n, v);
    return std::string("—");
  };
  auto rules = [](const std::vector<MonitorFinding>& list) {
    std::string text;
    for (const auto& f : list) text += (text.empty() ? "" : "; ") + f.detail;
    return text.empty() ? std::string("none") : text;
  };
  for (const auto& m : r.models)
    out += fmt::format("<tr><td class=\"text\">{}/{}</td><td class=\"text\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td><td class=\"text\">{}</td><td class=\"text\">{}</td><td class=\"text\">{}</td></tr>\n",
                       escape_html(m.scope), escape_html(m.type), escape_html(m.version), m.trained_through.str(), m.new_rows,
                       m.live ? value(m.live->model, m.live->error_metric) : "—",
                       m.live ? value(m.live->holdout, m.live->error_metric) : "—",
                       m.drift.empty() ? "—" : escape_html(fmt::format("{} PSI {:.3f}", m.drift[0].feature, m.drift[0].psi)),
                       escape_html(rules(m.alerts)), escape_html(rules(m.triggers)));
  out += "</tbody></table>\n";
  for (const auto& s : r.skipped) out += "<p class=\"note\">Skipped " + escape_html(s) + "</p>\n";
  return out;
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

  if (input.plans && !input.plans->games.empty()) out += "<h2>Games</h2>\n" + games_table(*input.plans, input.data, input.bookings);

  if (input.bookings && input.data && !input.bookings->games.empty())
    out += "<h2>Booking-curve forecasts</h2>\n" + booking_section(*input.bookings, *input.data);

  if (input.market) out += "<h2>Secondary market</h2>\n" + market_section(*input.market, input.market_chart);

  if (input.models) out += "<h2>Models</h2>\n" + models_section(*input.models);

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
