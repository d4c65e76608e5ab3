#pragma once
// Readers of params.toml's sections, shared by params.cpp and the files that read the newer
// sections (one file per area of the product).
#include <string>
#include <toml++/toml.h>

#include "seatsync/diagnostics.hpp"
#include "seatsync/params.hpp"

namespace seatsync {

inline std::size_t toml_line(const toml::node& node) { return node.source().begin.line; }

// [strategy] and [service]: the live pricing service (params_service.cpp).
void read_strategy(const toml::table& table, const std::string& file, StrategyParams& strategy, Diagnostics& diag);
void read_service(const toml::table& table, const std::string& file, ServiceParams& service, Diagnostics& diag);

}  // namespace seatsync
