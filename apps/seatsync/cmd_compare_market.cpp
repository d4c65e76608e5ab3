// seatsync compare-market: the thesis's secondary-market comparison (5.2.1, Figure 5-2) — our
// sales and our recommended prices against the resale market's asks of the same game, price
// code and days before the game.
#include <spdlog/spdlog.h>

#include <fmt/format.h>
#include <cmath>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/market_comparison.hpp"
#include "seatsync/planner.hpp"

namespace seatsync::cli {
namespace {

std::string percent(double share) { return std::isfinite(share) ? fmt::format("{:.0f}%", 100 * share) : "-"; }
std::string money(double v) { return std::isfinite(v) ? fmt::format("{:.0f}", v) : "-"; }
// "-$10", "$4": the sign before the dollar, as the report writes money.
std::string dollars(double v) {
  return std::isfinite(v) ? fmt::format("{}${:.0f}", v < 0 && std::round(v) != 0 ? "-" : "", std::abs(std::round(v))) : "-";
}

std::vector<std::string> stats_row(const std::string& label, const DifferenceStats& s) {
  return {label,
          std::to_string(s.count),
          fmt::format("{:.0f}", s.tickets),
          percent(s.share_above_count()),
          percent(s.share_above_tickets()),
          percent(s.share_above_revenue()),
          fixed_or_dash(s.difference.p10, 0),
          fixed_or_dash(s.difference.median, 0),
          fixed_or_dash(s.difference.p90, 0),
          s.count ? fmt::format("{:+.1f}%", 100 * s.relative.median) : "-",
          money(s.below_market_gap),
          money(s.above_market_premium)};
}

const std::vector<std::string> kHeader = {"", "matched", "tickets", "above (count)", "above (tickets)", "above (revenue)",
                                          "p10 $", "median $", "p90 $", "median %", "below-market gap $",
                                          "above-market premium $"};

void print_table(const MarketComparison& c, std::ostream& out) {
  const MarketMatches& m = c.matches;
  const ListingUse& u = m.listings;
  out << fmt::format("Secondary-market comparison as of {} (a listing matches within ±{} days before)\n", m.as_of.str(),
                     m.window_days);
  out << fmt::format("Listings: {} — {} with a price code, {} coded by their section, {} left out (no code, section "
                     "not mapped), {} observed after as-of; {} used\n",
                     u.total, u.coded, u.by_section, u.left_out, u.after_as_of, u.used);
  out << fmt::format("Sales before as-of: {} ({} tickets); matched {}; no market observation {} ({} tickets)\n\n",
                     m.sales_considered, m.tickets_considered, m.sales.size(), m.sales_unmatched, m.tickets_unmatched);
  out << "Our sales − market price per ticket (positive: we charged more than the resale ask)\n";
  std::vector<std::vector<std::string>> rows{kHeader, stats_row("all sales", c.sales)};
  for (const auto& g : c.by_group) rows.push_back(stats_row("group " + g.label, g.stats));
  for (const auto& b : c.by_bucket) rows.push_back(stats_row("bucket " + b.label, b.stats));
  print_text_table(rows, out);
  out << "\nbelow-market gap: Σ tickets × (market − ours) over sales below the market — an upper bound on what "
         "pricing at the market could have added (those buyers might not have paid the ask).\n"
         "above-market premium: Σ tickets × (ours − market) over sales above it — what our buyers paid beyond the "
         "resale asks.\n\n";
  out << fmt::format("Recommended prices (plan buckets of upcoming games): {} considered, {} matched, {} without a "
                     "market observation\n",
                     m.plan_buckets_considered, m.plans.size(), m.plan_buckets_unmatched);
  if (!m.plans.empty()) {
    std::vector<std::vector<std::string>> plan_rows{kHeader, stats_row("all plan buckets", c.plans)};
    plan_rows[0][2] = "exp. tickets";
    for (const auto& g : c.plans_by_group) plan_rows.push_back(stats_row("group " + g.label, g.stats));
    print_text_table(plan_rows, out);
  }
}

// The upcoming games worth planning: those with a usable listing known at as_of (a plan bucket
// can match nothing else, and planning is the slow part).
bool any_upcoming_listing(const Dataset& data, Date as_of) {
  for (const auto& l : data.listings)
    if (data.games[l.game].date >= as_of && l.observed_date <= as_of && (l.code || !l.section.empty())) return true;
  return false;
}

}  // namespace

void add_compare_market_command(CLI::App& app, Commands& commands) {
  struct Options {
    DataSource source;
    std::string as_of, out, format = "table", sections;
    int window = 2;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("compare-market",
                                 "Our sales and recommended prices against secondary-market listings (thesis 5.2.1)");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--as-of", opt->as_of,
                  "Today (YYYY-MM-DD): sales before it, listings on or before it, plans from it (default: the day "
                  "after the last sale)");
  cmd->add_option("--out", opt->out,
                  "Also write market-comparison.json and the histograms (SVG) into this directory");
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  cmd->add_option("--window", opt->window, "Days before the game a listing may be away from a sale")
      ->check(CLI::Range(0, 30))
      ->capture_default_str();
  cmd->add_option("--sections", opt->sections,
                  "TOML section → price-code map ([sections], or a collector sources file) for listings without a code");
  commands.push_back({cmd, [opt] {
    const Dataset data = load_input(opt->source);
    const Date as_of = opt->as_of.empty() ? day_after_last_sale(data) : parse_date_option(opt->as_of, "--as-of");
    MarketMatchOptions options;
    options.as_of = as_of;
    options.window_days = opt->window;
    if (!opt->sections.empty())
      options.sections = parse_section_map_toml(read_file_text(opt->sections), opt->sections, data);
    if (data.listings.empty()) spdlog::warn("no listings in the data: nothing to compare with");
    std::optional<PlanSet> plans;
    if (any_upcoming_listing(data, as_of)) {
      warn_about_inventory_age(data, as_of);
      plans = plan_games(data, as_of, {}, terminal_progress());
    }
    const MarketComparison c = compare_market(data, match_market(data, plans ? &*plans : nullptr, options));
    if (!opt->out.empty()) {
      const std::filesystem::path dir(opt->out);
      std::filesystem::create_directories(dir);
      write_file_atomic(dir / "market-comparison.json", market_comparison_to_json(c, data).dump(2) + "\n");
      const auto& s = c.sales;
      write_file_atomic(dir / "market-histogram.svg",
                        svg_market_histogram(c.histogram, "Our price − secondary-market price, matched sales",
                                             fmt::format("{} sales before {} · {:.0f}% priced above the market · "
                                                         "median difference {}",
                                                         s.count, as_of.str(), 100 * s.share_above_count(),
                                                         dollars(s.difference.median))));
      write_file_atomic(dir / "market-histogram-by-group.svg",
                        svg_market_histogram_panels(c.by_group, "Our price − market price, by price-code group"));
      write_file_atomic(dir / "market-histogram-by-bucket.svg",
                        svg_market_histogram_panels(c.by_bucket, "Our price − market price, by time bucket"));
    }
    if (opt->format == "json") std::cout << market_comparison_to_json(c, data).dump(2) << "\n";
    else print_table(c, std::cout);
  }});
}

}  // namespace seatsync::cli
