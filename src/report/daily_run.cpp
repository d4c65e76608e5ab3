// The daily run: plans, the guide, the projection sheet, charts and the index page, staged and
// swapped into place.
#include "seatsync/daily_run.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <fmt/format.h>
#include <random>

#include "seatsync/adjustment_guide.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/booking_curve.hpp"
#include "seatsync/market_comparison.hpp"
#include "seatsync/model_monitor.hpp"
#include "seatsync/plan_format.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/projection_input.hpp"
#include "seatsync/report.hpp"

namespace seatsync {
namespace fs = std::filesystem;

namespace {

// A staging directory beside the target, so the final swap stays on one filesystem. Stale
// ones from killed runs are removed first.
fs::path make_staging(const fs::path& out) {
  const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  fs::create_directories(parent);
  std::string prefix = ".";  // built by appending: GCC 12 warns falsely on "literal" + string
  prefix += out.filename().string();
  prefix += ".staging-";
  for (const auto& entry : fs::directory_iterator(parent))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) fs::remove_all(entry.path());
  std::random_device rd;
  fs::path staging = parent / (prefix + std::to_string(rd()));
  fs::create_directory(staging);
  return staging;
}

std::string safe_name(const std::string& id) {
  std::string out;
  for (char c : id) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return out;
}

// The projection sheet's codes: the next game's inventory, started at the plan — Price at the
// price to set now, and each later bucket at the plan's price where it differs — so that the
// sheet opens showing what plans.json expects (and a code without a plan at its price in force).
std::vector<ProjectionCode> projection_codes(const Dataset& data, const GamePlan& next) {
  std::vector<ProjectionCode> codes;
  for (const auto& r : data.inventory) {
    if (r.game != next.game) continue;
    ProjectionCode pc;
    pc.code = r.code;
    pc.seats_left = r.remaining;
    pc.current_price = r.current_price;
    const auto plan = std::find_if(next.plans.begin(), next.plans.end(), [&](const CodePlan& p) { return p.code == r.code; });
    if (plan != next.plans.end() && !plan->buckets.empty()) {
      pc.price = plan->buckets.front().price;
      pc.bucket_prices.assign(data.params.buckets.size(), std::nan(""));
      for (const auto& b : plan->buckets)
        if (b.price != *pc.price) pc.bucket_prices[b.bucket] = b.price;
    }
    codes.push_back(std::move(pc));
  }
  return codes;
}

}  // namespace

DailyRunResult run_daily(const Dataset& data, Date as_of, const fs::path& requested, const ProgressFn& progress,
                         const MonitorReport* models) {
  DailyRunResult result;
  const fs::path out = output_directory(requested);
  const fs::path staging = make_staging(out);
  try {
    const Planner planner(data, as_of, data.params.plan);
    const PlanSet plans = plan_games(data, planner, as_of, {}, progress);
    const AdjustmentGuide guide = build_adjustment_guide(data, plans, planner, data.params.guide);
    result.games = plans.games.size();
    for (const auto& g : plans.games) result.plans += g.plans.size();
    result.significant = guide.significant.size();

    auto add = [&](const std::string& name) { result.files.push_back(name); };
    write_file_atomic(staging / "plans.json", plan_to_json(plans, data).dump(2) + "\n");
    add("plans.json");
    write_guide_xlsx(guide, staging / "guide.xlsx");
    add("guide.xlsx");
    write_file_atomic(staging / "guide.html", render_guide_html(guide));
    add("guide.html");

    DailyReportInput index;
    index.models = models;
    if (models) {
      write_file_atomic(staging / "models.json", to_json(*models).dump(2) + "\n");
      add("models.json");
    }
    index.as_of = as_of;
    index.method = std::string(to_string(plans.method));
    index.data = &data;
    index.plans = &plans;
    index.guide = &guide;
    const BookingForecastSet bookings = forecast_bookings(data, as_of);
    index.bookings = &bookings;
    index.files = {{"Price plans (JSON)", "plans.json"},
                   {"Manual Price Adjustment Guide (Excel)", "guide.xlsx"},
                   {"Manual Price Adjustment Guide (web page)", "guide.html"}};
    if (models) index.files.push_back({"Model health (JSON)", "models.json"});

    if (!plans.games.empty()) {
      const GamePlan& next = plans.games.front();
      write_projection_sheet(projection_input(data, planner, next.game, as_of, projection_codes(data, next),
                                              data.params.guide.min_support_orders),
                             staging / "projection.xlsx");
      add("projection.xlsx");
      index.files.push_back({"Attendance Projection Sheet (Excel, next game)", "projection.xlsx"});

      // Charts: the next game's plans with the most revenue at stake.
      std::vector<const CodePlan*> top;
      for (const auto& p : next.plans) top.push_back(&p);
      std::sort(top.begin(), top.end(), [](auto* a, auto* b) { return a->expected_revenue > b->expected_revenue; });
      top.resize(std::min<std::size_t>(top.size(), 4));
      fs::create_directories(staging / "charts");
      const auto& game = data.games[next.game];
      for (const CodePlan* p : top) {
        const std::string title = fmt::format("{} ({}), price code {}: price and expected revenue per bucket", game.id,
                                              game.date.str(), data.codes[p->code].code);
        const std::string svg = svg_price_plan(*p, title);
        const std::string name = fmt::format("charts/plan-{}-{}.svg", safe_name(game.id), safe_name(data.codes[p->code].code));
        write_file_atomic(staging / name, svg);
        add(name);
        index.charts.push_back({title, svg});
      }
    }
    // A booking-curve chart per upcoming game; the next few inline, every one linked.
    constexpr std::size_t kBookingChartsInline = 3;
    const std::vector<GameBookingChart> booking = booking_charts(data, bookings);
    if (!booking.empty()) fs::create_directories(staging / "charts");
    for (std::size_t i = 0; i < booking.size(); ++i) {
      const auto& game = data.games[booking[i].game];
      const auto& codes = bookings.games[i].codes;
      double sold = 0, expected = 0;
      for (const auto& c : codes) {
        sold += c.sold;
        expected += c.expected_final;
      }
      const std::string title = fmt::format("{} ({}, tier {}): booking curve, {} days to go", game.id, game.date.str(),
                                            game.tier, booking[i].days_before);
      const std::string subtitle =
          std::isfinite(expected)
              ? fmt::format("{:.0f} of {} seats sold · expected {:.0f} by game day · highest P(sellout) of a code {:.0f}%",
                            sold, booking[i].seats, expected, 100 * booking[i].p_any_sellout)
              : fmt::format("{:.0f} of {} seats sold · no forecast (too few completed games)", sold, booking[i].seats);
      const std::string svg = svg_booking_curve(booking[i], title, subtitle);
      const std::string name = fmt::format("charts/booking-{}.svg", safe_name(game.id));
      write_file_atomic(staging / name, svg);
      add(name);
      if (i < kBookingChartsInline) index.charts.push_back({title, svg});
    }
    // Demand Matrix heatmaps per tier × group, as the data saw them and completed.
    DemandModelOptions group_model;
    group_model.method = *parse_completion_method(data.params.plan.demand);
    group_model.build.as_of = as_of;
    const auto groups = MatrixDemandModel::fit(data, group_model);
    for (bool completed : {false, true}) {
      const std::string title = completed ? "Demand Matrices, completed (" + data.params.plan.demand + ")"
                                          : "Demand Matrices as observed";
      const std::string svg = svg_matrix_heatmaps(groups.matrices(), completed, title);
      const std::string name = completed ? "charts/matrices-completed.svg" : "charts/matrices-observed.svg";
      write_file_atomic(staging / name, svg);
      add(name);
      index.charts.push_back({title, svg});
    }
    // The secondary-market comparison, only when there are listings: without them the outputs
    // stay exactly what they were before listings existed.
    std::optional<MarketComparison> market;
    if (!data.listings.empty()) {
      MarketMatchOptions options;
      options.as_of = as_of;
      market = compare_market(data, match_market(data, &plans, options));
      fs::create_directories(staging / "charts");
      index.market_chart = svg_market_histogram(
          market->histogram, "Our price − secondary-market price, matched sales",
          fmt::format("{} sales before {} matched to listings (±{} days) · {:.0f}% priced above the market",
                      market->sales.count, as_of.str(), market->matches.window_days,
                      100 * market->sales.share_above_count()));
      write_file_atomic(staging / "charts/market-histogram.svg", index.market_chart);
      add("charts/market-histogram.svg");
      const std::string panels = svg_market_histogram_panels(market->by_group, "Our price − market price, by price-code group");
      write_file_atomic(staging / "charts/market-histogram-by-group.svg", panels);
      add("charts/market-histogram-by-group.svg");
      const std::string buckets = svg_market_histogram_panels(market->by_bucket, "Our price − market price, by time bucket");
      write_file_atomic(staging / "charts/market-histogram-by-bucket.svg", buckets);
      add("charts/market-histogram-by-bucket.svg");
      index.market = &*market;
    }
    for (const auto& f : result.files)
      if (f.rfind("charts/", 0) == 0) index.files.push_back({"Chart: " + f.substr(7), f});

    write_file_atomic(staging / "index.html", render_daily_index(index));
    add("index.html");
    write_output_manifest(staging, result.files, as_of);  // last: it vouches for what is there
    output_directory(requested);  // nothing of the user's arrived while the run was working
    swap_directory_into_place(staging, out);
    result.planned = plans;
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw;
  }
  return result;
}

}  // namespace seatsync
