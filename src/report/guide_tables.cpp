#include "report/guide_tables.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "report/html_util.hpp"
#include "report/money_text.hpp"

namespace seatsync::render {

std::string_view fill_class(GuideFill fill) {
  switch (fill) {
    case GuideFill::dark: return "fill-dark";
    case GuideFill::light: return "fill-light";
    case GuideFill::none: break;
  }
  return "fill-none";
}

std::string change_classes(double change, double change_share, bool has_current_price, bool large, GuideFill fill,
                           const GuideThresholds& thresholds) {
  const auto direction = change_direction(change);
  const std::string_view direction_class =
      direction == ChangeDirection::up ? "up" : direction == ChangeDirection::down ? "down" : "flat";
  // Without a current price there is no share to grade, so only "large" is known.
  int magnitude = large ? 3 : 2;
  if (has_current_price && !large)
    magnitude = std::abs(change_share) >= thresholds.large_change / 2 ? 2 : 1;
  return fmt::format("change {} m{} {}", direction_class, magnitude, fill_class(fill));
}

std::string change_cell(const GuideCell& cell, double current_price, const GuideThresholds& thresholds) {
  const bool has_current = current_price > 0.0;
  const std::string change = format_change(cell.change, cell.change_share, has_current);
  std::string hover = fmt::format("{}: set {} ({}). History: {} orders from {} games", cell.bucket,
                                  format_money(cell.recommended_price), change, cell.support_orders,
                                  cell.support_games);
  hover += cell.supported ? "" : fmt::format(" — below the {} orders needed to size it", thresholds.min_support_orders);
  hover += fmt::format(". Expected to sell {:.1f} tickets in the bucket: {} at stake", cell.expected_tickets,
                       format_money(std::round(cell.revenue_at_stake)));
  return fmt::format(R"(<td class="{}" title="{}"><span class="chg">{}</span><span class="rec">{}</span></td>)",
                     change_classes(cell.change, cell.change_share, has_current, cell.large, cell.fill, thresholds),
                     escape_html(hover), escape_html(change), escape_html(format_money(cell.recommended_price)));
}

std::string guide_legend(const GuideThresholds& thresholds) {
  const std::string large = fmt::format("{:g}%", thresholds.large_change * 100.0);
  struct Example {
    GuideFill fill;
    double share;
    std::string meaning;
  };
  const Example examples[] = {
      {GuideFill::dark, 0.15,
       fmt::format("Large change (at least {} of the current price) with at least {} historical orders behind "
                   "it and real money at stake ({:g} or more tickets expected in the bucket, and {} or more = change "
                   "× those tickets): act on it.",
                   large, thresholds.min_support_orders, thresholds.min_expected_tickets,
                   format_money(thresholds.min_revenue_at_stake))},
      {GuideFill::light, 0.04,
       "Enough history, but a small change or little at stake: worth knowing, rarely worth a price move."},
      {GuideFill::none, 0.12,
       fmt::format("Fewer than {} orders behind it: the direction is a hint, the size is not to be trusted.",
                   thresholds.min_support_orders)},
  };
  std::string out = "<table class=\"legend\"><thead><tr><th class=\"text\">Up</th><th class=\"text\">Down</th>"
                    "<th class=\"text\">Meaning</th></tr></thead><tbody>\n";
  for (const auto& e : examples) {
    const double current = 100.0;
    auto cell = [&](double sign) {
      GuideCell c;
      c.change = sign * e.share * current;
      c.change_share = sign * e.share;
      c.recommended_price = current + c.change;
      c.large = e.share >= thresholds.large_change;
      c.fill = e.fill;
      return fmt::format(R"(<td class="{}"><span class="chg">{}</span><span class="rec">{}</span></td>)",
                         change_classes(c.change, c.change_share, true, c.large, c.fill, thresholds),
                         escape_html(format_change(c.change, c.change_share, true)),
                         escape_html(format_money(c.recommended_price)));
    };
    out += "<tr>" + cell(+1) + cell(-1) + "<td>" + escape_html(e.meaning) + "</td></tr>\n";
  }
  out += "</tbody></table>\n<p class=\"note\">Each cell: the change to the price per ticket against today's price "
         "(▲ up, ▼ down), and below it the recommended price. Text is green for up and red for down, deeper for "
         "bigger changes; the example prices assume a current price of $100.</p>\n";
  return out;
}

std::string significant_table(const AdjustmentGuide& guide, std::size_t limit,
                              const std::function<std::string(const std::string&)>& game_href) {
  if (guide.significant.empty())
    return "<p>No significant recommendations: no price code has a large change with enough history and money at "
           "stake behind it in its current bucket.</p>\n";
  std::string out =
      "<table class=\"significant\"><thead><tr><th class=\"text\">Game</th><th class=\"text\">Date</th>"
      "<th class=\"text\">Code</th><th class=\"text\">Bucket</th><th>Current</th><th>Recommended</th>"
      "<th>Change</th><th>Orders behind it</th><th>Expected tickets</th><th>At stake</th></tr></thead><tbody>\n";
  const std::size_t shown = std::min(limit, guide.significant.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& s = guide.significant[i];
    const std::string href = game_href ? game_href(s.game_id) : std::string();
    const std::string game = href.empty() ? escape_html(s.game_id)
                                          : fmt::format(R"(<a href="{}">{}</a>)", escape_html(href), escape_html(s.game_id));
    const bool has_current = s.current_price > 0.0;
    // Significant means large, supported and material: the dark fill of the guide.
    out += fmt::format(
        "<tr><td class=\"text\">{}</td><td class=\"text\">{}</td><td class=\"text\">{}</td><td class=\"text\">{}</td>"
        "<td>{}</td><td>{}</td><td class=\"{}\"><span class=\"chg\">{}</span></td><td>{}</td><td>{:.1f}</td>"
        "<td>{}</td></tr>\n",
        game, escape_html(s.game_date.str()), escape_html(s.price_code), escape_html(s.bucket),
        has_current ? escape_html(format_money(s.current_price)) : "—", escape_html(format_money(s.recommended_price)),
        change_classes(s.change, s.change_share, has_current, true, GuideFill::dark, guide.thresholds),
        escape_html(format_change(s.change, s.change_share, has_current)), s.support_orders, s.expected_tickets,
        escape_html(format_money(std::round(s.revenue_at_stake))));
  }
  out += "</tbody></table>\n";
  if (shown < guide.significant.size())
    out += fmt::format("<p class=\"note\">Showing the {} largest of {} significant recommendations.</p>\n", shown,
                       guide.significant.size());
  return out;
}

}  // namespace seatsync::render
