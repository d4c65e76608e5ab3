#include "data/experiment_rows.hpp"

#include <random>
#include <stdexcept>

#include <fmt/format.h>

#include "seatsync/experiment_json.hpp"

namespace seatsync::experiment_rows {

Experiment from_row(std::string_view id, std::string_view status, std::string_view definition,
                    std::string_view created_at, std::string_view stopped_at) {
  auto def = nlohmann::json::parse(definition);
  def.erase("status");
  Experiment e = experiment_from_json(def);
  e.id = std::string(id);
  e.status = *parse_experiment_status(status);
  e.created_at = std::string(created_at);
  e.stopped_at = std::string(stopped_at);
  return e;
}

void check_transition(const Experiment& e, ExperimentStatus to) {
  const bool allowed = (e.status == ExperimentStatus::draft && to == ExperimentStatus::running) ||
                       (e.status != ExperimentStatus::stopped && to == ExperimentStatus::stopped);
  if (!allowed)
    throw std::invalid_argument(
        fmt::format("experiment {} is {}: it cannot become {}", e.id, to_string(e.status), to_string(to)));
}

std::string new_id() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

}  // namespace seatsync::experiment_rows
