#pragma once
// Readers of params.toml's sections, shared by params.cpp and the files that read the newer
// sections (one file per area of the product).
#include <optional>
#include <string>
#include <toml++/toml.h>

#include "seatsync/diagnostics.hpp"
#include "seatsync/params.hpp"

namespace seatsync {

inline std::size_t toml_line(const toml::node& node) { return node.source().begin.line; }

// The furthest day before the game a time bucket or a time_based adjustment may reach: ten
// seasons, far beyond any sale, and small enough that day arithmetic never overflows an int.
inline constexpr int kMaxBucketDays = 3650;

// A finite number (or a whole number) in [lo, hi], or an error naming the key; nullopt when
// invalid (params_service.cpp).
std::optional<double> number_in(const toml::node& node, double lo, double hi, const std::string& key,
                                const std::string& file, Diagnostics& diag);
std::optional<int> whole_in(const toml::node& node, int lo, int hi, const std::string& key, const std::string& file,
                            Diagnostics& diag);

// [monitor]: model monitoring and retraining thresholds (params_monitor.cpp).
void read_monitor(const toml::table& table, const std::string& file, MonitorThresholds& monitor, Diagnostics& diag);

// [strategy] and [service]: the live pricing service (params_service.cpp).
void read_strategy(const toml::table& table, const std::string& file, StrategyParams& strategy, Diagnostics& diag);
void read_service(const toml::table& table, const std::string& file, ServiceParams& service, Diagnostics& diag);

}  // namespace seatsync
