// seatsync market: each poll's statistics per game and source, and the median's trend.
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/market_trend.hpp"

namespace seatsync::cli {

namespace {

struct MarketOptions {
  DataSource source;
  std::string game, format = "table";
};

std::string cell(const std::optional<double>& v, int digits = 2) { return v ? fixed_or_dash(*v, digits) : "-"; }

nlohmann::json number(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

void print_table(const Dataset& data, const std::vector<GameMarket>& markets, std::ostream& out) {
  for (const auto& m : markets) {
    const auto& g = data.games[m.game];
    out << "game " << g.id << " (" << g.date.str() << (g.opponent.empty() ? "" : ", " + g.opponent) << "), source "
        << m.source << ": " << m.polls.size() << " poll(s)\n";
    std::vector<std::vector<std::string>> rows{
        {"polled_at", "days_before", "count", "min", "p10", "median", "mean", "p90", "max", "sd"}};
    for (const auto& p : m.polls) {
      const auto& s = p.stats;
      rows.push_back({s.polled_at + (p.from_listings ? " *" : ""), std::to_string(p.days_before), std::to_string(s.count),
                      cell(s.min), cell(s.p10), cell(s.median), cell(s.mean), cell(s.p90), cell(s.max), cell(s.sd)});
    }
    print_text_table(rows, out);
    const auto& t = m.trend;
    out << "trend: " << t.statistic << " " << cell(t.median_change) << " (" << cell(t.median_change_relative ? std::optional<double>(*t.median_change_relative * 100) : std::nullopt, 1)
        << "%) over " << fixed_or_dash(t.days_covered, 2) << " days since the first poll, " << cell(t.median_per_day)
        << " per day; over the last 7 days " << cell(t.median_per_day_last_7d) << " per day\n\n";
  }
  bool computed = false;
  for (const auto& m : markets)
    for (const auto& p : m.polls) computed = computed || p.from_listings;
  if (computed) out << "* computed from the listings (no stored statistics for this game and source)\n";
}

nlohmann::json to_json(const Dataset& data, const std::vector<GameMarket>& markets) {
  auto out = nlohmann::json::array();
  for (const auto& m : markets) {
    nlohmann::json polls = nlohmann::json::array();
    for (const auto& p : m.polls) {
      const auto& s = p.stats;
      polls.push_back({{"polled_at", s.polled_at}, {"days_before", p.days_before}, {"count", s.count},
                       {"min", number(s.min)}, {"p10", number(s.p10)}, {"median", number(s.median)},
                       {"mean", number(s.mean)}, {"p90", number(s.p90)}, {"max", number(s.max)}, {"sd", number(s.sd)},
                       {"tickets", s.tickets}, {"from_listings", p.from_listings}});
    }
    const auto& t = m.trend;
    out.push_back({{"game_id", data.games[m.game].id},
                   {"game_date", data.games[m.game].date.str()},
                   {"source", m.source},
                   {"polls", polls},
                   {"trend",
                    {{"statistic", t.statistic},
                     {"median_change", number(t.median_change)},
                     {"median_change_relative", number(t.median_change_relative)},
                     {"median_per_day", number(t.median_per_day)},
                     {"median_per_day_last_7d", number(t.median_per_day_last_7d)},
                     {"days_covered", t.days_covered}}}});
  }
  return out;
}

void run_market(const MarketOptions& opt) {
  Dataset data = load_input(opt.source);
  std::optional<GameIndex> game;
  if (!opt.game.empty()) {
    game = data.find_game(opt.game);
    if (!game) throw std::invalid_argument("--game: no game '" + opt.game + "' in the data");
  }
  auto markets = market_by_game(data, game);
  if (opt.format == "json") {
    std::cout << to_json(data, markets).dump(2) << '\n';
    return;
  }
  if (markets.empty()) std::cout << "no market polls or listings" << (game ? " for game " + opt.game : "") << '\n';
  print_table(data, markets, std::cout);
}

}  // namespace

void add_market_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<MarketOptions>();
  auto* cmd = app.add_subcommand("market", "Print each market poll's statistics per game and the median's trend");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--game", opt->game, "Only this game");
  cmd->add_option("--format", opt->format, "table | json")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] { run_market(*opt); }});
}

}  // namespace seatsync::cli
