// seatsync retrain: train a candidate for a registered model — with --if-needed only when one
// of seed 003's retraining triggers fires — and promote it to `latest` only if it beats the
// current model on the latest held-out window with a backtest lift that is not negative;
// otherwise keep it as a rejected version. Every decision goes to the registry's history.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "audit_option.hpp"
#include "monitor_input.hpp"
#include "seatsync/audit_records.hpp"
#include "seatsync/model_promotion.hpp"
#include "seatsync/model_registry.hpp"

namespace seatsync::cli {
namespace {

struct RetrainOptions {
  MonitorInput input;
  std::string model = "demand", algo, truth, format = "table", who, why, audit;
  bool if_needed = false;
};

std::string current_user() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "seatsync";
}

nlohmann::json findings_json(const std::vector<MonitorFinding>& list) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& f : list) j.push_back({{"rule", f.rule}, {"detail", f.detail}});
  return j;
}

// The current model's recipe (seatsync train records it), so the candidate differs by its data
// only; without a current model, what `seatsync train` uses by default.
void apply_recorded_params(const nlohmann::json* metadata, ModelParams& params) {
  params.gbdt.seed = params.forest.seed = 42;
  if (!metadata || !metadata->contains("params")) return;
  const auto& recorded = (*metadata)["params"];
  for (auto [key, p] : {std::pair{"gbdt", &params.gbdt}, std::pair{"rf", &params.forest}}) {
    if (!recorded.contains(key)) continue;
    const auto& r = recorded[key];
    p->rounds = r.value("rounds", p->rounds);
    p->learning_rate = r.value("learning_rate", p->learning_rate);
    p->max_depth = r.value("max_depth", p->max_depth);
    p->min_child_weight = r.value("min_child_weight", p->min_child_weight);
    p->subsample = r.value("subsample", p->subsample);
    p->colsample_bytree = r.value("colsample_bytree", p->colsample_bytree);
    p->seed = r.value("seed", p->seed);
  }
  params.stack_folds = recorded.value("stack_folds", params.stack_folds);
}

void run_retrain(const RetrainOptions& opt) {
  std::optional<AuditLog> audit;
  if (!opt.audit.empty()) audit = open_audit_log(opt.audit);  // a bad --audit before the training
  const Dataset data = load_input(opt.input.source);
  const MonitorContext context = monitor_context(opt.input, data);
  const auto truth = find_truth(opt.truth, opt.input.source);
  ModelRegistry registry(opt.input.registry);
  const std::string& scope = opt.input.scope;
  const std::string who = opt.who.empty() ? current_user() : opt.who;
  const ModelKind kind = parse_model_kind(opt.model);
  const std::string name = scope + "_" + opt.model;

  std::optional<LoadedModel> current;
  std::unique_ptr<Model> current_model;
  if (std::filesystem::is_directory(registry.dir()) && registry.latest(scope, opt.model)) {
    current = registry.load(scope, opt.model);
    if (!current->metadata.contains("algo") || !current->metadata["algo"].is_string())
      throw std::runtime_error(name + " " + current->version.str() +
                               ": its metadata has no \"algo\" — not a model saved by `seatsync train --data`");
    current_model = load_model(parse_model_algo(current->metadata.at("algo").get<std::string>()), *current->bytes);
  }

  std::vector<MonitorFinding> triggers;
  if (!current) {
    triggers.push_back({"no_model", "no " + name + " model is registered"});
  } else if (opt.if_needed) {
    triggers = assess_model(data, *current_model, current->metadata, nullptr, context).triggers;
  }
  if (opt.if_needed && triggers.empty()) {
    const std::string why = "no retraining trigger fired; " + current->version.str() + " stays";
    registry.record({{"action", "retrain_skipped"}, {"scope", scope}, {"type", opt.model},
                     {"version", current->version.str()}, {"who", who}, {"why", why}});
    if (opt.format == "json")
      std::cout << nlohmann::json{{"retrained", false}, {"reason", why}, {"triggers", nlohmann::json::array()}}.dump(2) << '\n';
    else
      std::cout << name << ": " << why << '\n';
    return;
  }
  for (const auto& t : triggers) spdlog::info("retrain: {} trigger: {}", t.rule, t.detail);

  DatasetTrainingOptions options;
  options.kind = kind;
  const std::string algo = !opt.algo.empty() ? opt.algo : current ? current->metadata.at("algo").get<std::string>() : "gbdt";
  options.algo = parse_model_algo(algo);
  options.features.extra_holidays = data.params.holidays;
  apply_recorded_params(current ? &current->metadata : nullptr, options.params);
  options.truth = truth ? &*truth : nullptr;
  ModelParams used;
  const auto report = train_dataset_model(data, options, &used);
  nlohmann::json meta = report.metadata(used);

  const auto decision = decide_promotion(data, *report.model, meta, current_model.get(),
                                         current ? &current->metadata : nullptr, truth ? &*truth : nullptr);
  meta["status"] = decision.promote ? "promoted" : "rejected";
  meta["promotion"] = to_json(decision);
  meta["promotion"]["triggers"] = findings_json(triggers);
  const ModelEntry saved = registry.save(scope, opt.model, report.model->save_to_bytes(), meta, decision.promote);
  const std::string why = opt.why.empty() ? decision.reason : opt.why + " (" + decision.reason + ")";
  const nlohmann::json event{{"action", decision.promote ? "promotion" : "rejection"},
                   {"scope", scope},
                   {"type", opt.model},
                   {"version", saved.version.str()},
                   {"from", current ? nlohmann::json(current->version.str()) : nlohmann::json()},
                   {"who", who},
                   {"why", why},
                   {"triggers", findings_json(triggers)},
                   {"metrics", meta.value("metrics", nlohmann::json())},
                   {"decision", meta["promotion"]}};
  registry.record(event);
  if (audit) audit->append(std::vector{*model_decision_audit_record(event, "retrain")});

  if (opt.format == "json") {
    std::cout << nlohmann::json{{"retrained", true},     {"version", saved.version.str()},
                                {"promoted", decision.promote}, {"latest", saved.is_latest},
                                {"previous", current ? nlohmann::json(current->version.str()) : nlohmann::json()},
                                {"triggers", findings_json(triggers)}, {"decision", meta["promotion"]}}
                     .dump(2)
              << '\n';
    return;
  }
  for (const auto& t : triggers) std::cout << fmt::format("trigger {}: {}\n", t.rule, t.detail);
  std::cout << fmt::format("{} {} {}: {}\n", name, saved.version.str(), decision.promote ? "promoted to latest" : "rejected (kept, not latest)",
                           decision.reason);
}

}  // namespace

void add_retrain_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<RetrainOptions>();
  opt->input.scope = "season";
  auto* cmd = app.add_subcommand(
      "retrain", "Retrain a registered model (on a trigger with --if-needed) and promote it only if it beats the current one");
  add_monitor_input_options(*cmd, opt->input);
  cmd->get_option("--scope")->description("Registry scope of the model")->capture_default_str();
  cmd->add_option("--model", opt->model, "Which model")->check(CLI::IsMember({"demand", "conversion", "price"}))->capture_default_str();
  cmd->add_flag("--if-needed", opt->if_needed, "Train only when a retraining trigger fires (and say which)");
  cmd->add_option("--algo", opt->algo, "Algorithm of the candidate (default: the current model's, else gbdt)")
      ->check(CLI::IsMember({"gbdt", "rf", "linear", "ensemble"}));
  cmd->add_option("--truth", opt->truth, "The simulator's truth.json: judge the backtest by it (default: DIR/truth.json)");
  cmd->add_option("--who", opt->who, "Who decided, for the history (default: $USER)");
  cmd->add_option("--why", opt->why, "Why, for the history");
  cmd->add_option("--audit", opt->audit, "Also record the promotion or rejection in this audit log (docs/audit.md)");
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] { run_retrain(*opt); }});
}

}  // namespace seatsync::cli
