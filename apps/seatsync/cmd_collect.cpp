// seatsync collect: polls the configured marketplaces and appends what they list to the
// dataset's listings (listings.csv atomically, or the store in one transaction). The rules —
// robots.txt, the per-domain rate, retries, blocks — are the library's (src/market).
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <regex>
#include <thread>

#include "cli.hpp"
#include "seatsync/collector.hpp"
#include "seatsync/listing_rejects.hpp"
#include "seatsync/market_source.hpp"
#include "seatsync/market_stats.hpp"
#include "seatsync/time_zone.hpp"

namespace seatsync::cli {
namespace {

// "5m", "90s", "1h", "300" (seconds) → seconds.
double parse_every(const std::string& text) {
  static const std::regex pattern(R"(^\s*([0-9]+(?:\.[0-9]+)?)\s*(s|m|h)?\s*$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern))
    throw std::invalid_argument("--every '" + text + "' is not a duration such as 30s, 5m or 1h");
  const double unit = m[2] == "h" ? 3600.0 : m[2] == "m" ? 60.0 : 1.0;
  const double seconds = std::stod(m[1]) * unit;
  if (seconds < 1.0) throw std::invalid_argument("--every must be at least 1 second");
  return seconds;
}

// The venue's date now: a game on it is still upcoming (it has not been played yet).
Date today_in(const Dataset& data, std::chrono::system_clock::time_point now) {
  const auto t = parse_timestamp(utc_timestamp(now));
  const auto zone = data.params.timezone.empty() ? std::nullopt : TimeZone::locate(data.params.timezone);
  return local_date(*t, zone ? &*zone : nullptr);
}

std::filesystem::path default_rejects_file(const DataSource& where) {
  if (where.data_dir) return *where.data_dir / "listing_rejects.csv";
  // A database URL names no directory: the rejects go to the working directory.
  if (is_postgres_url(*where.db)) return "listing_rejects.csv";
  std::filesystem::path file = *where.db;
  return file.replace_extension(".listing_rejects.csv");
}

// Sleeps `seconds` unless asked to stop meanwhile.
void sleep_unless_stopped(double seconds, const std::atomic<bool>& stop_requested) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!stop_requested && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

}  // namespace

void add_collect_command(CLI::App& app, Commands& commands) {
  struct Options {
    DataSource source;
    std::string sources, every, rejects, today;
    bool once = false;
    std::optional<std::size_t> max_requests, polls;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("collect", "Fetch marketplace listings politely and append them to the dataset");
  cmd->add_option("--sources", opt->sources, "Sources file (TOML; see docs/market-data.md)")->required();
  add_source_options(*cmd, opt->source);
  auto* once = cmd->add_flag("--once", opt->once, "Poll once and exit (the default)");
  cmd->add_option("--every", opt->every, "Poll repeatedly at this interval (30s, 5m, 1h) until stopped")
      ->excludes(once);
  cmd->add_option("--polls", opt->polls, "With --every: stop after this many polls");
  cmd->add_option("--max-requests", opt->max_requests, "At most this many HTTP requests in the whole run");
  cmd->add_option("--rejects", opt->rejects,
                  "Where refused and flagged listings go (default DIR/listing_rejects.csv, DB.listing_rejects.csv, or ./listing_rejects.csv for a postgresql:// store; appended to)");
  cmd->add_option("--today", opt->today, "The date whose upcoming games are polled (default: today at the venue)");
  commands.push_back({cmd, [opt] {
    const double every = opt->every.empty() ? 0.0 : parse_every(opt->every);
    if (opt->polls && opt->every.empty()) throw std::invalid_argument("--polls needs --every");
    const std::string sources_text = read_file_text(opt->sources);
    SourcesFile sources = parse_sources_toml(sources_text, opt->sources);
    validate_sources_against(sources, load_input(opt->source), opt->sources);
    const auto rejects = opt->rejects.empty() ? default_rejects_file(opt->source) : std::filesystem::path(opt->rejects);

    const std::atomic<bool>& stop_requested = stop_on_sigterm();
    Collector collector(std::move(sources));
    std::size_t requests_left = opt->max_requests.value_or(SIZE_MAX);
    bool all_complete = true;
    for (std::size_t poll = 1;; ++poll) {
      // Read afresh each poll: the dataset (games, codes, other collectors' rows) may have changed.
      const Dataset data = load_input(opt->source);
      const Date today = opt->today.empty() ? today_in(data, std::chrono::system_clock::now())
                                            : parse_date_option(opt->today, "--today");
      PollOptions options;
      if (opt->max_requests) options.max_requests = requests_left;
      options.log = [](std::string_view line) { spdlog::warn("{}", line); };
      options.progress = terminal_progress();
      const PollResult result = collector.poll(data, today, options);
      requests_left -= std::min(requests_left, result.requests);
      all_complete = all_complete && result.complete();

      // Committed here: once append_market_data returns, this poll's rows survive any crash.
      const MarketAppendResult stored = append_market_data(opt->source, data, result.listings, result.stats);
      append_rejects_file(rejects, result.rejected, result.flagged);
      for (const std::string& line : poll_summary_lines(result)) std::cout << line << '\n';
      std::cout << "stored " << stored.listings_added << " listings (" << stored.listings_duplicate
                << " already there), " << stored.stats_added << " poll statistics; " << result.rejected.size()
                << " rejected, " << result.flagged.size() << " flagged"
                << (result.rejected.empty() && result.flagged.empty() ? "" : " → " + rejects.string()) << std::endl;

      if (every == 0.0 || stop_requested || (opt->polls && poll >= *opt->polls)) break;
      if (opt->max_requests && requests_left == 0) {
        spdlog::warn("--max-requests {} reached: stopping", *opt->max_requests);
        break;
      }
      sleep_unless_stopped(every, stop_requested);
      if (stop_requested) break;
    }
    // Something was blocked, failed or left out: the run's data is stored, but say so in the exit code.
    if (!all_complete) throw std::runtime_error("collect: some pages were not collected (see the summary above)");
  }});
}

}  // namespace seatsync::cli
