// params.toml's [strategy] and [service] sections: the live pricing service's knobs.
#include <cmath>
#include <set>

#include "params_sections.hpp"

namespace seatsync {

std::optional<double> number_in(const toml::node& node, double lo, double hi, const std::string& key,
                                const std::string& file, Diagnostics& diag) {
  const auto v = node.value<double>();
  if (!v || !std::isfinite(*v) || *v < lo || *v > hi) {
    diag.error(file, toml_line(node), key, "must be a number from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::nullopt;
  }
  return v;
}

std::optional<int> whole_in(const toml::node& node, int lo, int hi, const std::string& key, const std::string& file,
                            Diagnostics& diag) {
  const auto v = node.value<int64_t>();
  if (!v || *v < lo || *v > hi) {
    diag.error(file, toml_line(node), key, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

namespace {

void read_time_based(const toml::node& node, const std::string& file, StrategyParams& s, Diagnostics& diag) {
  const auto* array = node.as_array();
  if (!array) {
    diag.error(file, toml_line(node), "strategy.time_based",
               "must be an array of tables {days_from, days_to, multiplier}");
    return;
  }
  std::vector<DaysOutAdjustment> out;
  for (const auto& item : *array) {
    const auto* t = item.as_table();
    const auto from = t ? (*t)["days_from"].value<int64_t>() : std::nullopt;
    const auto to = t ? (*t)["days_to"].value<int64_t>() : std::nullopt;
    const auto m = t ? (*t)["multiplier"].value<double>() : std::nullopt;
    if (!from || !to || !m || *from < 0 || *to < *from || *to > kMaxBucketDays || !std::isfinite(*m) || *m <= 0 ||
        *m > 10) {
      diag.error(file, toml_line(item), "strategy.time_based",
                 "each entry needs 0 <= days_from <= days_to <= " + std::to_string(kMaxBucketDays) +
                     " and a multiplier > 0 and <= 10");
      return;
    }
    for (const auto& o : out)
      if (*from <= o.days_to && *to >= o.days_from) {
        diag.error(file, toml_line(item), "strategy.time_based", "days " + std::to_string(*from) + "-" +
                   std::to_string(*to) + " overlap another entry");
        return;
      }
    out.push_back({static_cast<int>(*from), static_cast<int>(*to), *m});
  }
  s.time_based = std::move(out);
}

}  // namespace

void read_strategy(const toml::table& table, const std::string& file, StrategyParams& s, Diagnostics& diag) {
  for (const auto& [k, node] : table) {
    const std::string key(k.str()), name = "strategy." + key;
    if (key == "competitive_position") {
      const auto v = node.value<std::string>();
      if (!v || (*v != "match" && *v != "undercut" && *v != "premium"))
        diag.error(file, toml_line(node), name, "must be \"match\", \"undercut\" or \"premium\"");
      else s.competitive_position = *v;
    } else if (key == "competitive_share") {
      if (auto v = number_in(node, 0, 0.5, name, file, diag)) s.competitive_share = *v;
    } else if (key == "time_based") {
      read_time_based(node, file, s, diag);
    } else if (key == "rule_high_occupancy" || key == "rule_low_occupancy") {
      if (auto v = number_in(node, 0, 1, name, file, diag))
        (key == "rule_high_occupancy" ? s.rule_high_occupancy : s.rule_low_occupancy) = *v;
    } else if (key == "rule_high_factor" || key == "rule_low_factor") {
      if (auto v = number_in(node, 0.1, 10, name, file, diag))
        (key == "rule_high_factor" ? s.rule_high_factor : s.rule_low_factor) = *v;
    } else if (key == "rule_last_minute_days") {
      if (auto v = whole_in(node, 0, 3650, name, file, diag)) s.rule_last_minute_days = *v;
    } else {
      diag.warning(file, toml_line(node), name, "unknown parameter, ignored");
    }
  }
  if (s.rule_low_occupancy > s.rule_high_occupancy)
    diag.error(file, toml_line(table), "strategy.rule_low_occupancy", "must not exceed strategy.rule_high_occupancy");
}

void read_service(const toml::table& table, const std::string& file, ServiceParams& s, Diagnostics& diag) {
  static const std::set<std::string> strategies{"revenue", "competitive", "time_based", "psychological", "rule_based"};
  for (const auto& [k, node] : table) {
    const std::string key(k.str()), name = "service." + key;
    if (key == "strategy") {
      const auto v = node.value<std::string>();
      if (!v || !strategies.count(*v))
        diag.error(file, toml_line(node), name,
                   "must be one of \"revenue\", \"competitive\", \"time_based\", \"psychological\", \"rule_based\"");
      else s.strategy = *v;
    } else if (key == "model_scope") {
      const auto v = node.value<std::string>();
      const bool ok = v && !v->empty() && v->find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
      if (!ok) diag.error(file, toml_line(node), name, "must be a registry scope: letters, digits and '-'");
      else s.model_scope = *v;
    } else if (key == "market_days") {
      if (auto v = whole_in(node, 0, 365, name, file, diag)) s.market_days = *v;
    } else {
      diag.warning(file, toml_line(node), name, "unknown parameter, ignored");
    }
  }
}

}  // namespace seatsync
