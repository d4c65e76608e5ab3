// seatsync models list|show|prune|rollback|history: inspect and tidy the model registry (docs/model-registry.md).
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "audit_option.hpp"
#include "model_identity.hpp"
#include "seatsync/audit_records.hpp"
#include "seatsync/model_registry.hpp"

namespace seatsync::cli {

namespace {
struct ModelsOptions {
  std::string registry = "models";
  std::string format = "table";
};

// Every subcommand takes the same --registry and --format, after its own name.
void add_common_options(CLI::App& cmd, ModelsOptions& opt) {
  cmd.add_option("--registry", opt.registry, "The model registry directory")->capture_default_str();
  cmd.add_option("--format", opt.format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
}

std::string model_name(const ModelEntry& e) { return cli::model_name(e.scope, e.type, e.version.str()); }

// "mae=0.5 rmse=1.25": the numeric entries of metadata["metrics"], for one table cell.
std::string metrics_summary(const nlohmann::json& metadata) {
  std::string out;
  if (!metadata.contains("metrics") || !metadata["metrics"].is_object()) return out;
  for (const auto& [name, value] : metadata["metrics"].items()) {
    if (!value.is_number()) continue;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}={:.4g}", name, value.get<double>());
  }
  return out;
}

std::string text_field(const nlohmann::json& metadata, const char* key) {
  if (!metadata.contains(key)) return "";
  const auto& v = metadata[key];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

nlohmann::json entry_summary(const ModelEntry& e) {
  nlohmann::json j = {{"scope", e.scope}, {"type", e.type}, {"version", e.version.str()},
                      {"file", e.file.string()}, {"latest", e.is_latest}};
  for (const char* key : {"created_at", "row_count", "metrics"})
    if (e.metadata.contains(key)) j[key] = e.metadata[key];
  return j;
}

void print_list(const std::vector<ModelEntry>& entries, const ModelsOptions& opt) {
  if (opt.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : entries) out.push_back(entry_summary(e));
    std::cout << out.dump(2) << '\n';
    return;
  }
  if (entries.empty()) {
    std::cout << "no models in " << opt.registry << '\n';
    return;
  }
  std::cout << fmt::format("{:<12} {:<12} {:<22} {:<6} {:>9}  {:<20}  {}\n", "scope", "type", "version", "latest",
                           "rows", "created_at", "metrics");
  for (const auto& e : entries)
    std::cout << fmt::format("{:<12} {:<12} {:<22} {:<6} {:>9}  {:<20}  {}\n", e.scope, e.type, e.version.str(),
                             e.is_latest ? "*" : "", text_field(e.metadata, "row_count"),
                             text_field(e.metadata, "created_at"), metrics_summary(e.metadata));
}

void print_show(const ModelEntry& e, std::size_t top, const ModelsOptions& opt) {
  const auto importance = top_importance(e.metadata, top);
  if (opt.format == "json") {
    nlohmann::json ranked = nlohmann::json::array();
    for (const auto& [feature, value] : importance) ranked.push_back({{"feature", feature}, {"importance", value}});
    std::cout << nlohmann::json{{"file", e.file.string()}, {"latest", e.is_latest}, {"metadata", e.metadata},
                                {"top_importance", ranked}}
                     .dump(2)
              << '\n';
    return;
  }
  std::cout << model_name(e) << (e.is_latest ? " (latest)" : "") << '\n' << fmt::format("  {:<18} {}\n", "path", e.file.string());
  for (const auto& [key, value] : e.metadata.items()) {
    if (key.rfind("importance", 0) == 0) continue;  // ranked below
    // A trained model's feature list (with every category) is long: its size says enough here.
    const std::string text = key == "features" && value.is_array() ? std::to_string(value.size()) + " columns"
                             : value.is_string()                   ? value.get<std::string>()
                                                                   : value.dump();
    std::cout << fmt::format("  {:<18} {}\n", key, text);
  }
  if (importance.empty()) return;
  std::cout << "top " << importance.size() << " features by importance:\n";
  for (std::size_t i = 0; i < importance.size(); ++i)
    std::cout << fmt::format("  {:>3}. {:<30} {:.6g}\n", i + 1, importance[i].first, importance[i].second);
}

void print_pruned(const std::vector<ModelEntry>& removed, const ModelsOptions& opt) {
  if (opt.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : removed) out.push_back(entry_summary(e));
    std::cout << nlohmann::json{{"removed", out}}.dump(2) << '\n';
    return;
  }
  for (const auto& e : removed) std::cout << "removed " << model_name(e) << '\n';
  std::cout << "pruned " << removed.size() << " model(s) from " << opt.registry << '\n';
}
}  // namespace

void add_models_command(CLI::App& app, Commands& commands) {
  auto* models = app.add_subcommand("models", "List, inspect and prune the trained-model registry");
  models->require_subcommand(1);

  auto list_opt = std::make_shared<ModelsOptions>();
  auto* list = models->add_subcommand("list", "Every registered model, newest first, with its metrics");
  add_common_options(*list, *list_opt);
  commands.push_back({list, [list_opt] { print_list(ModelRegistry(list_opt->registry).list(), *list_opt); }});

  struct ShowOptions : ModelsOptions {
    ModelIdentity id;
    std::size_t top = 10;
  };
  auto show_opt = std::make_shared<ShowOptions>();
  auto* show = models->add_subcommand("show", "One model's metadata and its most important features");
  add_model_identity_options(*show, show_opt->id, /*positional=*/true);
  show->add_option("--top", show_opt->top, "How many features to rank by importance")->capture_default_str();
  add_common_options(*show, *show_opt);
  commands.push_back({show, [show_opt] {
    const auto& id = show_opt->id;
    const auto entry = ModelRegistry(show_opt->registry).show(id.scope, id.type, registry_version(id.version));
    print_show(entry, show_opt->top, *show_opt);
  }});

  struct PruneOptions : ModelsOptions {
    std::size_t keep = 0;
    double watch_hours = ModelRegistry::kPromotionWatch.count() / 3600.0;
  };
  auto prune_opt = std::make_shared<PruneOptions>();
  auto* prune = models->add_subcommand(
      "prune", "Delete all but the newest N models per scope and type (never latest, the two versions before it, "
               "or one younger than the watch period)");
  prune->add_option("--keep", prune_opt->keep, "Models to keep per scope and type")->required()->check(CLI::PositiveNumber);
  prune->add_option("--watch-hours", prune_opt->watch_hours, "Versions younger than this are kept (the promotion watch)")
      ->check(CLI::Range(0.0, 24.0 * 365))->capture_default_str();
  add_common_options(*prune, *prune_opt);
  commands.push_back({prune, [prune_opt] {
    const auto watch = std::chrono::seconds(static_cast<long long>(prune_opt->watch_hours * 3600));
    print_pruned(ModelRegistry(prune_opt->registry).prune(prune_opt->keep, watch), *prune_opt);
  }});

  struct RollbackOptions : ModelsOptions {
    ModelIdentity id;
    std::string to, why, audit;
  };
  auto rollback_opt = std::make_shared<RollbackOptions>();
  auto* rollback = models->add_subcommand("rollback", "Point latest back at an earlier version, atomically (recorded in the history)");
  add_model_identity_options(*rollback, rollback_opt->id, /*positional=*/false);
  rollback->remove_option(rollback->get_option("--version"));  // --to says which
  rollback->add_option("--to", rollback_opt->to, "The version latest should point at")->required();
  rollback->add_option("--why", rollback_opt->why, "The reason, for the history")->capture_default_str();
  rollback->add_option("--audit", rollback_opt->audit, "Also record the rollback in this audit log (docs/audit.md)");
  add_common_options(*rollback, *rollback_opt);
  commands.push_back({rollback, [rollback_opt] {
    const auto& o = *rollback_opt;
    const char* user = std::getenv("USER");
    std::optional<AuditLog> audit;
    if (!o.audit.empty()) audit = open_audit_log(o.audit);  // a bad --audit before anything moves
    ModelRegistry registry(o.registry);
    const auto from = registry.latest(o.id.scope, o.id.type);
    const std::string who = user ? user : "unknown", why = o.why.empty() ? "manual rollback" : o.why;
    const auto e = registry.rollback(o.id.scope, o.id.type, registry_version(o.to), who, why);
    if (audit)
      audit->append(std::vector{*model_decision_audit_record(
          {{"action", "rollback"}, {"scope", o.id.scope}, {"type", o.id.type}, {"version", e.version.str()},
           {"from", from ? nlohmann::json(from->str()) : nlohmann::json()}, {"who", who}, {"why", why}},
          "models")});
    if (o.format == "json") std::cout << entry_summary(e).dump(2) << '\n';
    else std::cout << "latest of " << o.id.scope << "_" << o.id.type << " is now " << model_name(e) << '\n';
  }});

  auto history_opt = std::make_shared<ModelsOptions>();
  auto* history = models->add_subcommand("history", "Every save, promotion, rejection, rollback and prune, oldest first");
  add_common_options(*history, *history_opt);
  commands.push_back({history, [history_opt] {
    const auto records = ModelRegistry(history_opt->registry).history();
    if (history_opt->format == "json") {
      std::cout << nlohmann::json(records).dump(2) << '\n';
      return;
    }
    for (const auto& r : records) {
      std::cout << r.value("at", "") << "  " << r.value("action", "") << "  " << r.value("scope", "") << "_"
                << r.value("type", "") << " " << r.value("version", "");
      if (r.contains("from") && r["from"].is_string()) std::cout << " (from " << r["from"].get<std::string>() << ")";
      if (r.contains("why")) std::cout << "  " << r["why"].get<std::string>();
      std::cout << '\n';
    }
  }});
}

}  // namespace seatsync::cli
