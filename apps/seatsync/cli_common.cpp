#include <csignal>
#include <fstream>
#include <sstream>
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "cli.hpp"
#include <nlohmann/json.hpp>

#include "seatsync/inventory_age.hpp"

namespace seatsync::cli {

void add_source_options(CLI::App& cmd, DataSource& source, std::vector<std::string> alternatives) {
  auto* data = cmd.add_option_function<std::string>(
      "--data", [&source](const std::string& dir) { source.data_dir = dir; },
      "Season dataset directory (games.csv, seats.csv, transactions.csv, ...)");
  auto* db = cmd.add_option_function<std::string>(
      "--db", [&source](const std::string& location) { source.db = location; },
      std::string(kDbHelp) + ", written by `seatsync import`");
  data->excludes(db);
  db->excludes(data);
  // Not CLI11's envname: an option filled from the environment would then "exclude" --data.
  cmd.parse_complete_callback([&cmd, &source, alternatives] {
    if (source.data_dir || source.db) return;
    for (const auto& option : alternatives)
      if (cmd.count(option) > 0) return;
    if (const char* url = std::getenv(kDatabaseUrlVariable); url && *url) source.db = url;
  });
  add_delimiter_option(cmd, source.csv);
}

CLI::Option* add_db_option(CLI::App& cmd, std::string& db, const std::string& help) {
  return cmd.add_option("--db", db, help)->envname(kDatabaseUrlVariable);
}

namespace {
std::atomic<bool> g_stop_requested{false};
extern "C" void request_stop(int) { g_stop_requested = true; }
}  // namespace

const std::atomic<bool>& stop_on_sigterm() {
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  return g_stop_requested;
}

void add_delimiter_option(CLI::App& cmd, CsvFormat& format) {
  cmd.add_option_function<std::string>(
         "--delimiter", [&format](const std::string& d) { format.delimiter = d == "tab" ? '\t' : d.front(); },
         "Field separator of the --data CSV files: ',' (default), ';' (Excel in decimal-comma locales: "
         "numbers may then read 12,50) or tab")
      ->check(CLI::IsMember({",", ";", "tab"}));
}

void warn_about_inventory_age(const Dataset& data, Date as_of) {
  for (const auto& w : inventory_age_warnings(data, as_of)) spdlog::warn("{}", w);
}

Date parse_date_option(const std::string& text, const std::string& option) {
  auto d = Date::parse(text);
  if (!d) throw std::invalid_argument(option + ": '" + text + "' is not a date (YYYY-MM-DD)");
  return *d;
}

namespace {
// Redraws at most ten times a second; finishes the line when a stage completes.
class ProgressBar {
 public:
  void operator()(std::string_view stage, std::size_t done, std::size_t total) {
    auto now = std::chrono::steady_clock::now();
    bool finished = total > 0 && done >= total;
    if (!finished && stage == last_stage_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    last_stage_ = std::string(stage);
    const int width = 30;
    double frac = total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    int filled = static_cast<int>(frac * width);
    std::fprintf(stderr, "\r%-22.22s [%s%s] %3d%%", last_stage_.c_str(), std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), static_cast<int>(frac * 100));
    if (finished) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  std::string last_stage_;
  std::chrono::steady_clock::time_point last_draw_{};
};
}  // namespace

ProgressFn terminal_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  auto bar = std::make_shared<ProgressBar>();
  return [bar](std::string_view stage, std::size_t done, std::size_t total) { (*bar)(stage, done, total); };
}

std::string fixed_or_dash(double value, int digits) {
  return std::isfinite(value) ? fmt::format("{:.{}f}", value, digits) : "-";
}

std::string read_file_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) throw std::invalid_argument(file + ": cannot read the file");
  return text.str();
}

void print_text_table(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<std::size_t> width;
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], row[c].size());
    }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line += c == 0 ? fmt::format("{:<{}}", row[c], width[c]) : fmt::format("  {:>{}}", row[c], width[c]);
    out << line << '\n';
  }
}

MarketTruth load_truth_file(const std::filesystem::path& file) {
  try {
    return load_truth(file);
  } catch (const std::runtime_error& e) {
    throw std::invalid_argument(e.what());
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(file.string() + ": " + e.what());
  }
}

std::optional<MarketTruth> find_truth(const std::string& truth_option, const DataSource& source) {
  if (!truth_option.empty()) return load_truth_file(truth_option);
  if (source.data_dir && std::filesystem::exists(*source.data_dir / "truth.json"))
    return load_truth_file(*source.data_dir / "truth.json");
  return std::nullopt;
}

}  // namespace seatsync::cli
