#include "seatsync/params.hpp"
#include "params_sections.hpp"
#include "seatsync/time_zone.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <fmt/format.h>
#include <toml++/toml.h>

namespace seatsync {

std::vector<TimeBucket> default_buckets() {
  return {{"91-365", 91, 365}, {"61-90", 61, 90}, {"31-60", 31, 60}, {"15-30", 15, 30},
          {"8-14", 8, 14},     {"4-7", 4, 7},     {"1-3", 1, 3},     {"0", 0, 0}};
}

Params Params::defaults() {
  Params p;
  p.buckets = default_buckets();
  p.tiers = {1, 2, 3, 4, 5};
  return p;
}

std::optional<std::size_t> Params::bucket_index(int days_before) const {
  for (std::size_t i = 0; i < buckets.size(); ++i)
    if (buckets[i].contains(days_before)) return i;
  return std::nullopt;
}

int Params::max_days() const {
  int m = 0;
  for (const auto& b : buckets) m = std::max(m, b.days_to);
  return m;
}

void validate_buckets(const std::vector<TimeBucket>& buckets, const std::vector<std::size_t>& lines,
                      const std::string& file, Diagnostics& diag) {
  auto line_of = [&](std::size_t i) { return i < lines.size() ? lines[i] : std::size_t{0}; };
  if (buckets.empty()) {
    diag.error(file, 0, "buckets", "at least one time bucket is required");
    return;
  }
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const auto& b = buckets[i];
    if (b.days_from < 0 || b.days_to < b.days_from)
      diag.error(file, line_of(i), "buckets", "bucket '" + b.name + "' has days_from " +
                 std::to_string(b.days_from) + " and days_to " + std::to_string(b.days_to) +
                 ": need 0 <= days_from <= days_to");
    if (i == 0) continue;
    const auto& prev = buckets[i - 1];  // further from the game
    if (b.days_to >= prev.days_from)
      diag.error(file, line_of(i), "buckets", "bucket '" + b.name + "' overlaps bucket '" + prev.name + "'");
    else if (b.days_to + 1 != prev.days_from)
      diag.error(file, line_of(i), "buckets", "gap between bucket '" + b.name + "' and bucket '" + prev.name +
                 "': days " + std::to_string(b.days_to + 1) + "-" + std::to_string(prev.days_from - 1) +
                 " are in no bucket");
  }
  if (buckets.back().days_from != 0)
    diag.error(file, line_of(buckets.size() - 1), "buckets", "the last bucket must include day 0 (game day)");
}

namespace {

std::size_t line_of(const toml::node& node) { return toml_line(node); }

void read_buckets(const toml::array& array, const std::string& file, Params& params, Diagnostics& diag) {
  std::vector<TimeBucket> buckets;
  std::vector<std::size_t> lines;
  for (const auto& node : array) {
    const auto* table = node.as_table();
    if (!table) {
      diag.error(file, line_of(node), "buckets", "each bucket must be a table with days_from and days_to");
      return;
    }
    auto from = (*table)["days_from"].value<int64_t>();
    auto to = (*table)["days_to"].value<int64_t>();
    // Bounded before narrowing to int: 4294967296 would read as 0, and 2147483647 overflows
    // TimeBucket::length() (found by tests/fuzz/fuzz_params).
    auto in_range = [](std::optional<int64_t> v) { return v && *v >= 0 && *v <= kMaxBucketDays; };
    if (!in_range(from) || !in_range(to)) {
      diag.error(file, line_of(node), "buckets",
                 "a bucket needs whole-number days_from and days_to from 0 to " + std::to_string(kMaxBucketDays));
      return;
    }
    TimeBucket b{"", static_cast<int>(*from), static_cast<int>(*to)};
    b.name = (*table)["name"].value_or(b.days_from == b.days_to ? std::to_string(b.days_from)
                                                                : std::to_string(b.days_from) + "-" + std::to_string(b.days_to));
    buckets.push_back(b);
    lines.push_back(line_of(node));
  }
  // Buckets may be listed in any order; they are used from the furthest to game day.
  std::vector<std::size_t> order(buckets.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return buckets[a].days_from > buckets[b].days_from; });
  std::vector<TimeBucket> sorted;
  std::vector<std::size_t> sorted_lines;
  for (auto i : order) {
    sorted.push_back(buckets[i]);
    sorted_lines.push_back(lines[i]);
  }
  std::size_t before = diag.error_count();
  validate_buckets(sorted, sorted_lines, file, diag);
  if (diag.error_count() == before) params.buckets = std::move(sorted);
}

void read_tiers(const toml::array& array, const std::string& file, Params& params, Diagnostics& diag) {
  std::set<int> tiers;
  for (const auto& node : array) {
    auto t = node.value<int64_t>();
    if (!t || *t < 1 || *t > std::numeric_limits<int>::max()) {  // 2147483648 would read as a negative tier
      diag.error(file, line_of(node), "tiers", "tiers must be whole numbers >= 1");
      return;
    }
    tiers.insert(static_cast<int>(*t));
  }
  params.tiers.assign(tiers.begin(), tiers.end());
}

void read_groups(const toml::table& table, const std::string& file, Params& params, Diagnostics& diag) {
  std::set<std::string> seen;
  for (const auto& [key, node] : table) {
    const auto* codes = node.as_array();
    if (!codes) {
      diag.error(file, line_of(node), "groups." + std::string(key.str()), "must be an array of price codes");
      continue;
    }
    std::vector<std::string> list;
    for (const auto& c : *codes) {
      auto code = c.value<std::string>();
      if (!code) {
        diag.error(file, line_of(c), "groups." + std::string(key.str()), "price codes must be strings");
        continue;
      }
      if (!seen.insert(*code).second)
        diag.error(file, line_of(c), "groups." + std::string(key.str()),
                   "price code '" + *code + "' is listed in more than one group");
      list.push_back(*code);
    }
    params.groups[std::string(key.str())] = std::move(list);
  }
}

bool one_of(const std::string& value, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (value == n) return true;
  return false;
}

// [plan]: every key optional, each checked for type and range.
void read_plan(const toml::table& table, const std::string& file, PlanParams& plan, Diagnostics& diag) {
  auto where = [&](const toml::node& n, const std::string& key) { return std::make_pair(line_of(n), "plan." + key); };
  auto text = [&](const toml::node& n, const std::string& key, std::string& out,
                  std::initializer_list<const char*> allowed) {
    auto v = n.value<std::string>();
    if (!v || !one_of(*v, allowed)) {
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      auto [line, col] = where(n, key);
      diag.error(file, line, col, "must be one of: " + list);
      return;
    }
    out = *v;
  };
  auto number = [&](const toml::node& n, const std::string& key, double lo, double hi, bool lo_open) -> std::optional<double> {
    auto v = n.value<double>();
    if (!v || !std::isfinite(*v) || *v < lo || (lo_open && *v == lo) || *v > hi) {
      auto [line, col] = where(n, key);
      diag.error(file, line, col, fmt::format("must be a number {} {} and <= {}", lo_open ? ">" : ">=", lo, hi));
      return std::nullopt;
    }
    return v;
  };
  for (const auto& [k, node] : table) {
    const std::string key(k.str());
    if (key == "method") text(node, key, plan.method, {"stochastic", "deterministic"});
    else if (key == "demand") text(node, key, plan.demand, {"nn", "svd", "hybrid", "monotone"});
    else if (key == "rounding") text(node, key, plan.rounding, {"none", "dollar", "five", "charm"});
    else if (key == "attendance_weight") {
      if (auto v = number(node, key, 0, 1e6, false)) plan.attendance_weight = *v;
    } else if (key == "ceiling") {
      if (auto v = number(node, key, 0, 1e7, true)) plan.ceiling = *v;
    } else if (key == "ceiling_multiple") {
      if (auto v = number(node, key, 1, 1000, false)) plan.ceiling_multiple = *v;
    } else if (key == "max_change") {
      if (node.value<std::string>() == "none") plan.max_change.reset();
      else if (auto v = number(node, key, 0, 10, true)) plan.max_change = *v;
    } else if (key == "hold_margin") {
      if (auto v = number(node, key, 0, 1, false)) plan.hold_margin = *v;
    } else if (key == "historical_conversion") {
      if (auto v = number(node, key, 0.01, 0.99, false)) plan.historical_conversion = *v;
    } else if (key == "price_points") {
      auto v = node.value<int64_t>();
      if (!v || *v < 2 || *v > 1000) diag.error(file, line_of(node), "plan." + key, "must be a whole number from 2 to 1000");
      else plan.price_points = static_cast<int>(*v);
    } else {
      diag.warning(file, line_of(node), "plan." + key, "unknown parameter, ignored");
    }
  }
}

void read_guide(const toml::table& table, const std::string& file, GuideParams& guide, Diagnostics& diag) {
  for (const auto& [k, node] : table) {
    const std::string key(k.str());
    if (key == "large_change") {
      auto v = node.value<double>();
      if (!v || !std::isfinite(*v) || *v <= 0 || *v > 10)
        diag.error(file, line_of(node), "guide." + key, "must be a number > 0 and <= 10 (a fraction: 0.1 = 10%)");
      else guide.large_change = *v;
    } else if (key == "min_support_orders") {
      auto v = node.value<int64_t>();
      if (!v || *v < 0 || *v > 1000000) diag.error(file, line_of(node), "guide." + key, "must be a whole number >= 0");
      else guide.min_support_orders = static_cast<int>(*v);
    } else if (key == "min_expected_tickets" || key == "min_revenue_at_stake") {
      auto v = node.value<double>();
      if (!v || !std::isfinite(*v) || *v < 0 || *v > 1e9)
        diag.error(file, line_of(node), "guide." + key, "must be a number >= 0");
      else (key == "min_expected_tickets" ? guide.min_expected_tickets : guide.min_revenue_at_stake) = *v;
    } else {
      diag.warning(file, line_of(node), "guide." + key, "unknown parameter, ignored");
    }
  }
}

void read_features(const toml::table& table, const std::string& file, Params& params, Diagnostics& diag) {
  for (const auto& [k, node] : table) {
    const std::string key(k.str());
    if (key != "holidays") {
      diag.warning(file, line_of(node), "features." + key, "unknown parameter, ignored");
      continue;
    }
    const auto* days = node.as_array();
    if (!days) {
      diag.error(file, line_of(node), "features.holidays", "must be an array of dates (\"YYYY-MM-DD\")");
      continue;
    }
    for (const auto& day : *days) {
      const auto text = day.value<std::string>();
      const auto date = text ? Date::parse(*text) : std::nullopt;
      if (!date) diag.error(file, line_of(day), "features.holidays", "every entry must be a date \"YYYY-MM-DD\"");
      else params.holidays.push_back(*date);
    }
  }
}

}  // namespace

Params parse_params(std::string_view toml_text, const std::string& file, Diagnostics& diag) {
  Params params = Params::defaults();
  toml::table root;
  try {
    root = toml::parse(toml_text, file);
  } catch (const toml::parse_error& e) {
    diag.error(file, e.source().begin.line, "-", std::string(e.description()));
    return params;
  }
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (name == "buckets") {
      if (const auto* a = node.as_array()) read_buckets(*a, file, params, diag);
      else diag.error(file, line_of(node), name, "must be an array of tables ([[buckets]])");
    } else if (name == "tiers") {
      if (const auto* a = node.as_array()) read_tiers(*a, file, params, diag);
      else diag.error(file, line_of(node), name, "must be an array of whole numbers");
    } else if (name == "groups") {
      if (const auto* t = node.as_table()) read_groups(*t, file, params, diag);
      else diag.error(file, line_of(node), name, "must be a table: group name = [price codes]");
    } else if (name == "guide") {
      if (const auto* t = node.as_table()) read_guide(*t, file, params.guide, diag);
      else diag.error(file, line_of(node), name, "must be a table ([guide])");
    } else if (name == "features") {
      if (const auto* t = node.as_table()) read_features(*t, file, params, diag);
      else diag.error(file, line_of(node), name, "must be a table ([features])");
    } else if (name == "timezone") {
      const auto zone = node.value<std::string>();
      if (zone && TimeZone::locate(*zone)) params.timezone = *zone;
      else diag.error(file, line_of(node), name, (zone ? "'" + *zone + "'" : std::string("the value")) +
                      " is not a time zone of the IANA database (e.g. \"America/Chicago\"; see /usr/share/zoneinfo)");
    } else if (name == "strategy") {
      if (const auto* t = node.as_table()) read_strategy(*t, file, params.strategy, diag);
      else diag.error(file, line_of(node), name, "must be a table ([strategy])");
    } else if (name == "service") {
      if (const auto* t = node.as_table()) read_service(*t, file, params.service, diag);
      else diag.error(file, line_of(node), name, "must be a table ([service])");
    } else if (name == "monitor") {
      if (const auto* t = node.as_table()) read_monitor(*t, file, params.monitor, diag);
      else diag.error(file, line_of(node), name, "must be a table ([monitor])");
    } else if (name == "plan") {
      if (const auto* t = node.as_table()) read_plan(*t, file, params.plan, diag);
      else diag.error(file, line_of(node), name, "must be a table ([plan])");
    } else {
      // Unknown keys are usually typos; say so without refusing a file written for a newer version.
      diag.warning(file, line_of(node), name, "unknown parameter, ignored");
    }
  }
  return params;
}

}  // namespace seatsync
