// seatsync ab create|list|start|stop|results|events: experiments kept in the store (--db FILE|URL),
// the same ones the service's /ab routes serve.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_results.hpp"
#include "seatsync/experiment_store.hpp"

namespace seatsync::cli {
namespace {

struct StoreOptions {
  std::string db, experiment, file, json_text, csv, format = "table";
  bool active_only = false;
};

CLI::App* store_command(CLI::App& ab, const char* name, const char* help, std::shared_ptr<StoreOptions> opt) {
  auto* cmd = ab.add_subcommand(name, help);
  add_db_option(*cmd, opt->db, std::string(kDbHelp) + " (as for import)")->required();
  return cmd;
}

std::unique_ptr<ExperimentStore> open_store(const StoreOptions& opt) { return open_experiment_store(opt.db); }

Experiment existing(const ExperimentStore& store, const std::string& id) {
  auto e = store.get(id);
  if (!e) throw std::invalid_argument("--experiment: no experiment '" + id + "' in " + store.describe());
  return *e;
}

void print(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }


void print_results_table(const ExperimentResults& r) {
  std::cout << fmt::format("experiment {} ({}), control {}, primary metric {}, alpha {}\n\n", r.experiment_id, r.status,
                           r.control, r.primary_metric, r.alpha);
  std::cout << fmt::format("{:<16} {:>8} {:>8} {:>9} {:>10} {:>10} {:>14} {:>7}\n", "arm", "count", "bookings",
                           "conv", "avg price", "rev/quote", "revenue", "share");
  for (const auto& a : r.arms)
    std::cout << fmt::format("{:<16} {:>8} {:>8} {:>9} {:>10} {:>10} {:>14} {:>7}\n", a.name, a.quotes, a.bookings,
                             fixed_or_dash(a.conversion_rate(), 4), fixed_or_dash(a.average_price(), 2), fixed_or_dash(a.revenue_per_quote(), 2),
                             fixed_or_dash(a.revenue, 2), fixed_or_dash(a.planned_share, 3));
  std::cout << fmt::format("\n{:<18} {:<16} {:<17} {:>9} {:>21} {:>10} {:>10}\n", "metric", "variant", "method", "lift",
                           "95% CI of difference", "p", "p (Holm)");
  for (const auto& m : r.comparisons)
    std::cout << fmt::format("{:<18} {:<16} {:<17} {:>8}% {:>21} {:>10} {:>10}\n", m.metric, m.variant, m.method,
                             fixed_or_dash(100 * m.test.lift, 2),
                             "[" + fixed_or_dash(m.test.ci_low, 4) + ", " + fixed_or_dash(m.test.ci_high, 4) + "]",
                             fmt::format("{:.4g}", m.test.p_value), fmt::format("{:.4g}", m.p_adjusted));
  std::cout << fmt::format("\nsample ratio: chi-square {:.3f}, p = {:.4g}{}\n", r.srm.chi_square, r.srm.p_value,
                           r.srm.mismatch ? "  MISMATCH: the split is not what was planned; do not trust the lift" : "");
  for (const auto& g : r.guardrails)
    if (g.violated) std::cout << fmt::format("guardrail {} violated by {} (p = {:.4g})\n", g.metric, g.variant, g.p_value);
  if (r.power && r.power->n_per_arm_needed)
    std::cout << fmt::format("power: {} quotes per arm detect a {:.1f}% change of conversion ({} now){}\n",
                             *r.power->n_per_arm_needed, 100 * r.power->mde_relative, r.power->n_per_arm_now,
                             r.power->days_needed ? fmt::format(", about {} more days", *r.power->days_needed) : "");
  std::cout << (r.is_significant ? "significant\n" : "not significant\n");
  for (const auto& n : r.notes) std::cout << "note: " << n << "\n";
}

}  // namespace

void add_ab_store_commands(CLI::App& ab, Commands& commands) {
  {
    auto opt = std::make_shared<StoreOptions>();
    auto* cmd = store_command(ab, "create", "Create an experiment from its JSON definition (docs/experiments.md)", opt);
    cmd->add_option("--file", opt->file, "The definition, a JSON file");
    cmd->add_option("--json", opt->json_text, "The definition, as JSON text");
    commands.push_back({cmd, [opt] {
      if (opt->file.empty() == opt->json_text.empty()) throw std::invalid_argument("give exactly one of --file and --json");
      const std::string text = opt->file.empty() ? opt->json_text : read_file_text(opt->file);
      nlohmann::json body;
      try {
        body = nlohmann::json::parse(text);
      } catch (const nlohmann::json::exception& e) {  // also a number beyond a double
        throw std::invalid_argument((opt->file.empty() ? "--json" : opt->file) + ": not JSON: " + e.what());
      }
      auto store = open_store(*opt);
      print(experiment_to_json(store->create(experiment_from_json(body))));
    }});
  }
  {
    auto opt = std::make_shared<StoreOptions>();
    auto* cmd = store_command(ab, "list", "List the experiments", opt);
    cmd->add_flag("--active-only", opt->active_only, "Only the running ones");
    cmd->add_option("--format", opt->format)->check(CLI::IsMember({"table", "json"}))->capture_default_str();
    commands.push_back({cmd, [opt] {
      const auto list = open_store(*opt)->list(opt->active_only);
      if (opt->format == "json") {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : list) out.push_back(experiment_to_json(e));
        return print(out);
      }
      std::cout << fmt::format("{:<10} {:<9} {:<10} {:<30} {}\n", "id", "status", "unit", "name", "arms");
      for (const auto& e : list) {
        std::string arms;
        for (const auto& a : e.arms) arms += fmt::format("{}{} {:.0f}%", arms.empty() ? "" : ", ", a.name, 100 * a.share);
        std::cout << fmt::format("{:<10} {:<9} {:<10} {:<30} {}\n", e.id, to_string(e.status), to_string(e.unit), e.name, arms);
      }
    }});
  }
  for (auto [name, status, help] : {std::tuple{"start", ExperimentStatus::running, "Start a draft experiment"},
                                    std::tuple{"stop", ExperimentStatus::stopped, "Stop an experiment (its events stay)"}}) {
    auto opt = std::make_shared<StoreOptions>();
    auto* cmd = store_command(ab, name, help, opt);
    cmd->add_option("--experiment", opt->experiment, "The experiment id")->required();
    commands.push_back({cmd, [opt, status = status] {
      auto store = open_store(*opt);
      existing(*store, opt->experiment);
      print(experiment_to_json(store->set_status(opt->experiment, status)));
    }});
  }
  {
    auto opt = std::make_shared<StoreOptions>();
    auto* cmd = store_command(ab, "events", "Ingest events from a CSV (event_id,type,unit,arm,at,quantity,revenue,price)", opt);
    cmd->add_option("--experiment", opt->experiment, "The experiment id")->required();
    cmd->add_option("--csv", opt->csv, "The events file")->required();
    commands.push_back({cmd, [opt] {
      auto store = open_store(*opt);
      existing(*store, opt->experiment);
      const auto result = store->record(opt->experiment, read_experiment_events_csv(read_file_text(opt->csv), opt->csv));
      print({{"inserted", result.inserted}, {"duplicates", result.duplicates}});
    }});
  }
  {
    auto opt = std::make_shared<StoreOptions>();
    auto* cmd = store_command(ab, "results", "Read an experiment out: per arm, lift, significance (docs/experiments.md)", opt);
    cmd->add_option("--experiment", opt->experiment, "The experiment id")->required();
    cmd->add_option("--format", opt->format)->check(CLI::IsMember({"table", "json"}))->capture_default_str();
    commands.push_back({cmd, [opt] {
      auto store = open_store(*opt);
      const Experiment e = existing(*store, opt->experiment);
      const auto results = analyze_experiment(e, store->unit_totals(e.id));
      if (opt->format == "json") print(results_to_json(results));
      else print_results_table(results);
    }});
  }
}

}  // namespace seatsync::cli
