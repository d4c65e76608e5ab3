#pragma once
// What `monitor` and `retrain` both read: the data, the registry's models, the running
// experiments' revenue lift, and the clock they judge by.
#include <string>

#include "cli.hpp"
#include "seatsync/model_monitor.hpp"

namespace seatsync::cli {

struct MonitorInput {
  DataSource source;
  std::string registry = "models", scope, today;  // today: YYYY-MM-DD, default the day after the last sale
};

void add_monitor_input_options(CLI::App& cmd, MonitorInput& input);

// The context the rules judge by: the dataset's [monitor] thresholds, `today` (and `now` its
// midnight UTC when --today was given, the system clock otherwise), and the worst revenue lift
// of the running experiments that price with the model (a --db store only).
MonitorContext monitor_context(const MonitorInput& input, const Dataset& data);

}  // namespace seatsync::cli
