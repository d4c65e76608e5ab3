// seatsync audit: the recorded price decisions, oldest first — why a price was set on a day, and
// by which model and data (docs/audit.md).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/audit_log.hpp"

namespace seatsync::cli {
namespace {

using nlohmann::json;

struct AuditOptions {
  std::string log = "audit";
  std::string game, since, kind, format = "table";
};

const json& at_path(const json& record, std::initializer_list<const char*> path) {
  static const json null;
  const json* v = &record;
  for (const char* key : path) {
    if (!v->is_object()) return null;
    const auto it = v->find(key);
    if (it == v->end()) return null;
    v = &*it;
  }
  return *v;
}

std::string text(const json& v, const std::string& otherwise = "-") {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) return fmt::format("{:.2f}", v.get<double>());
  if (v.is_number()) return v.dump();
  return otherwise;
}

std::string short_sha(const json& v) { return v.is_string() ? v.get<std::string>().substr(0, 12) : "?"; }

// "floor 95.00 ceiling 450.00 ±20% dollar; moved by change_limit"
std::string constraints_cell(const json& c) {
  if (!c.is_object()) return "-";
  std::string out = "floor " + text(c.value("floor", json()));
  if (const auto& ceiling = c.value("ceiling", json()); !ceiling.is_null()) out += " ceiling " + text(ceiling);
  if (const auto& change = c.value("max_change", json()); change.is_number())
    out += fmt::format(" ±{:.0f}%", 100 * change.get<double>());
  if (const auto& rounding = c.value("rounding", json()); rounding.is_string()) out += " " + rounding.get<std::string>();
  if (const auto& applied = c.value("applied", json()); applied.is_array() && !applied.empty()) {
    std::vector<std::string> names;
    for (const auto& a : applied) names.push_back(text(a));
    out += fmt::format("; moved by {}", fmt::join(names, ","));
  }
  return out;
}

// Which model and data made the decision.
std::string source_cell(const json& r, const std::string& kind) {
  if (kind == "score") {
    std::string out = "data " + short_sha(at_path(r, {"snapshot", "data_sha256"})) + " as of " +
                      text(at_path(r, {"snapshot", "as_of"}));
    const json& conversion = at_path(r, {"models", "conversion"});
    if (conversion.is_object()) {
      out += "; " + text(conversion.value("name", json()));
      out += text(conversion.value("status", json())) == "loaded" ? " v" + text(conversion.value("version", json()))
                                                         : " " + text(conversion.value("status", json()));
    }
    return out;
  }
  if (kind == "plan") return "data " + short_sha(at_path(r, {"data", "sha256"})) + " as of " + text(r.value("as_of", json()));
  if (kind == "snapshot")
    return "data " + short_sha(at_path(r, {"data", "sha256"})) + " as of " + text(r.value("as_of", json())) + ", built " +
           text(r.value("built_at", json()));
  std::string out = text(r.value("model", json())) + " v" + text(r.value("version", json()));
  if (const auto& from = r.value("from", json()); from.is_string()) out += " (from v" + from.get<std::string>() + ")";
  return out;
}

std::string why_cell(const json& r, const std::string& kind) {
  if (kind == "score") {
    const json& reasons = at_path(r, {"output", "reasons"});
    return reasons.is_array() && !reasons.empty() ? text(reasons.front()) : "-";
  }
  if (kind == "plan") {
    std::string out = fmt::format("in force {}, {} left; expects {} tickets, {} revenue",
                                  text(at_path(r, {"inputs", "current_price"})), text(at_path(r, {"inputs", "remaining"})),
                                  text(at_path(r, {"output", "expected_tickets"})),
                                  text(at_path(r, {"output", "expected_revenue"})));
    const json& notes = at_path(r, {"output", "notes"});
    if (notes.is_array())
      for (const auto& n : notes) out += "; " + text(n);
    return out;
  }
  if (kind == "snapshot") return "the service loaded its data and policies";
  return text(r.value("why", json()));
}

std::string method_cell(const json& r) {
  const json& method = at_path(r, {"output", "pricing_method"});
  const json& strategy = r.value("strategy", json());
  if (strategy.is_null() && method.is_null()) return "-";
  return text(strategy) + "/" + text(method);
}

void print_table(const std::vector<json>& records, std::ostream& out) {
  std::vector<std::vector<std::string>> rows{{"at", "kind", "game", "code", "price", "strategy/method", "constraints", "data and model", "why"}};
  for (const auto& r : records) {
    const std::string kind = text(r.value("kind", json()));
    rows.push_back({text(r.value("at", json())), kind, text(r.value("game_id", json())), text(r.value("price_code", json())),
                    text(at_path(r, {"output", "price"})), method_cell(r), constraints_cell(r.value("constraints", json())),
                    source_cell(r, kind), why_cell(r, kind)});
  }
  // Left-aligned (the cells are words, not numbers), the last column unpadded.
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line += c + 1 < row.size() ? fmt::format("{:<{}}  ", row[c], width[c]) : row[c];
    out << line << '\n';
  }
}

}  // namespace

void add_audit_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<AuditOptions>();
  auto* cmd = app.add_subcommand("audit", "The recorded price decisions, oldest first: why a price was set, by which model (docs/audit.md)");
  cmd->add_option("--log", opt->log, "The audit log directory (serve --audit, daily --audit)")->capture_default_str();
  cmd->add_option("--game", opt->game, "Only this game's decisions (and the model decisions that concern every game)");
  cmd->add_option("--since", opt->since, "From this day (YYYY-MM-DD, UTC) or ISO 8601 date-time on");
  cmd->add_option("--kind", opt->kind, "Only this kind of record")
      ->check(CLI::IsMember({"score", "plan", "snapshot", "promotion", "rejection", "rollback"}));
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] {
    AuditQuery q;
    if (!opt->game.empty()) q.game_id = opt->game;
    if (!opt->since.empty()) q.since = opt->since;
    if (!opt->kind.empty()) q.kind = opt->kind;
    std::vector<json> records;
    try {
      records = AuditLog(opt->log).read(q);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string(e.what()).rfind("since:", 0) == 0 ? "--" + std::string(e.what())
                                                                                  : "--log: " + std::string(e.what()));
    }
    if (opt->format == "json") {
      std::cout << json(records).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
      return;
    }
    if (records.empty()) {
      std::cerr << "no audit records match in " << opt->log << '\n';
      return;
    }
    print_table(records, std::cout);
  }});
}

}  // namespace seatsync::cli
