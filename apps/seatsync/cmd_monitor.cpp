// seatsync monitor: every registered model's health on the data since it was trained — live
// error, feature drift, importance change, the alerts and retraining triggers — and the
// business by day against the plan (docs/model-lifecycle.md).
#include <iostream>
#include <memory>

#include "monitor_input.hpp"
#include <spdlog/spdlog.h>

#include "seatsync/experiment_store.hpp"
#include "seatsync/model_registry.hpp"

namespace seatsync::cli {
namespace {

struct MonitorOptions {
  MonitorInput input;
  std::string format = "table", plan;
  int days = 14;
};

void run_monitor(const MonitorOptions& opt) {
  const Dataset data = load_input(opt.input.source);
  const MonitorContext context = monitor_context(opt.input, data);
  ModelRegistry registry(opt.input.registry);
  if (!std::filesystem::is_directory(registry.dir()))
    throw std::invalid_argument("--registry: " + registry.dir().string() + " is not a directory");
  MonitorReport report = monitor_registry(data, registry, context, opt.input.scope);
  nlohmann::json plan;
  if (!opt.plan.empty()) {
    try {
      plan = nlohmann::json::parse(read_file_text(opt.plan));
    } catch (const nlohmann::json::exception& e) {  // also a number beyond a double
      throw std::invalid_argument(opt.plan + ": not JSON: " + e.what());
    }
  }
  try {
    report.business = business_by_day(data, context.today - opt.days, context.today - 1, opt.plan.empty() ? nullptr : &plan);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument((opt.plan.empty() ? "" : opt.plan + ": ") + e.what());
  }
  if (opt.input.source.db) try {
      const auto store = open_experiment_store(*opt.input.source.db);
      add_quotes(report.business, store->quote_days(report.business.front().day.str(), report.business.back().day.str()));
    } catch (const std::exception& e) {
      spdlog::warn("monitor: no quotes from the experiment store: {}", e.what());
    }
  if (opt.format == "json")
    std::cout << to_json(report).dump(2) << '\n';
  else
    std::cout << format_monitor_report(report);
}

}  // namespace

void add_monitor_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<MonitorOptions>();
  auto* cmd = app.add_subcommand(
      "monitor", "Each registered model's live error, feature drift and alerts on the data since its training; business by day");
  add_monitor_input_options(*cmd, opt->input);
  cmd->add_option("--days", opt->days, "Business metrics for this many days before --today")
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  cmd->add_option("--plan", opt->plan, "A plans.json (daily run or `plan --format json`) to compare the days against");
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] { run_monitor(*opt); }});
}

}  // namespace seatsync::cli
