#pragma once
// What both experiment store backends share: rebuilding an Experiment from its stored row, the
// status moves allowed, and new ids.
#include <string>
#include <string_view>

#include "seatsync/experiment.hpp"

namespace seatsync::experiment_rows {

// The experiments table's columns → Experiment. The status column is the truth; the stored
// definition keeps what was created. `stopped_at` empty = not stopped.
Experiment from_row(std::string_view id, std::string_view status, std::string_view definition,
                    std::string_view created_at, std::string_view stopped_at);

// Throws std::invalid_argument unless draft → running or draft/running → stopped.
void check_transition(const Experiment& e, ExperimentStatus to);

// Eight random hex digits.
std::string new_id();

}  // namespace seatsync::experiment_rows
