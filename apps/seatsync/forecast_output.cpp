#include "forecast_output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.hpp"

namespace seatsync::cli {
namespace {

std::string level_key(const char* side, double level) { return fmt::format("{}_{:g}", side, level); }

std::vector<std::string> level_columns(const Forecast& f) {
  std::vector<std::string> columns;
  for (const auto& interval : f.intervals) {
    columns.push_back(level_key("lower", interval.level));
    columns.push_back(level_key("upper", interval.level));
  }
  return columns;
}

std::vector<std::string> forecast_cells(const Forecast& f, std::size_t h, int digits) {
  std::vector<std::string> cells{fixed_or_dash(f.mean[h], digits)};
  for (const auto& interval : f.intervals) {
    cells.push_back(fixed_or_dash(interval.lower[h], digits));
    cells.push_back(fixed_or_dash(interval.upper[h], digits));
  }
  return cells;
}

}  // namespace

std::string render_forecasts_json(const std::vector<SeriesResult>& results, Date until, bool dated) {
  nlohmann::ordered_json series = nlohmann::ordered_json::array();
  for (const auto& r : results) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t h = 0; h < r.forecast.mean.size(); ++h) {
      nlohmann::ordered_json row = {{"step", h + 1}};
      if (dated) row["date"] = (until + static_cast<int>(h) + 1).str();
      row["mean"] = r.forecast.mean[h];
      for (const auto& interval : r.forecast.intervals) {
        row[level_key("lower", interval.level)] = interval.lower[h];
        row[level_key("upper", interval.level)] = interval.upper[h];
      }
      rows.push_back(std::move(row));
    }
    series.push_back({{"group", r.series->group},
                      {"method", r.forecast.method},
                      {"train_rows", r.series->train_rows},
                      {"train_start", r.series->start.str()},
                      {"seconds", r.seconds},
                      {"forecast", std::move(rows)}});
    if (!r.forecast.candidates.empty()) {
      nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
      for (const auto& c : r.forecast.candidates) {
        candidates.push_back({{"method", c.method},
                              {"model", c.description},
                              {"cv_mae", std::isnan(c.mae) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.mae)}});
        if (!c.error.empty()) candidates.back()["error"] = c.error;
      }
      series.back()["candidates"] = std::move(candidates);
    }
  }
  return nlohmann::ordered_json{{"series", std::move(series)}}.dump(2) + "\n";
}

std::string render_forecasts_csv(const std::vector<SeriesResult>& results, Date until, bool dated) {
  std::ostringstream out;
  std::vector<std::string> header{"group", "method", dated ? "date" : "step", "mean"};
  if (!results.empty()) {
    for (auto& c : level_columns(results.front().forecast)) header.push_back(c);
  }
  out << fmt::format("{}\n", fmt::join(header, ","));
  for (const auto& r : results) {
    for (std::size_t h = 0; h < r.forecast.mean.size(); ++h) {
      std::vector<std::string> row{r.series->group, r.forecast.method,
                                   dated ? (until + static_cast<int>(h) + 1).str() : std::to_string(h + 1)};
      for (auto& c : forecast_cells(r.forecast, h, 6)) row.push_back(c);
      // Group names and method descriptions may hold commas: quote every text field.
      for (std::size_t i = 0; i < 2; ++i) row[i] = "\"" + row[i] + "\"";
      out << fmt::format("{}\n", fmt::join(row, ","));
    }
  }
  return out.str();
}

std::string render_forecasts_table(const std::vector<SeriesResult>& results, Date until, bool dated) {
  std::ostringstream out;
  for (const auto& r : results) {
    out << fmt::format("{}{} — {} values from {} to {}, fitted in {:.3f} s\n",
                       r.series->group.empty() ? "" : r.series->group + ": ", r.forecast.method, r.series->values.size(),
                       r.series->start.str(), until.str(), r.seconds);
    std::vector<std::vector<std::string>> rows{{dated ? "date" : "step", "mean"}};
    for (auto& c : level_columns(r.forecast)) rows[0].push_back(c);
    for (std::size_t h = 0; h < r.forecast.mean.size(); ++h) {
      rows.push_back({dated ? (until + static_cast<int>(h) + 1).str() : std::to_string(h + 1)});
      for (auto& c : forecast_cells(r.forecast, h, 2)) rows.back().push_back(c);
    }
    print_text_table(rows, out);
    if (!r.forecast.candidates.empty()) {
      out << "\nrolling-origin cross-validation on the training data (best first):\n";
      std::vector<std::vector<std::string>> scores{{"method", "model", "MAE"}};
      for (const auto& c : r.forecast.candidates) {
        scores.push_back({c.method, c.error.empty() ? c.description : c.error, fixed_or_dash(c.mae, 3)});
      }
      print_text_table(scores, out);
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace seatsync::cli
