// Experiment definitions and events as `seatsync ab` reads them: the first line of the input up to
// a "==> events.csv <==" marker is a definition (experiment_from_json, as POST /ab/experiments
// takes it), the text after it an events CSV (read_experiment_events_csv), whose events are
// checked against the definition (checked_events, what every store does before writing). A
// definition that reads must write back to the same definition; every accepted event has an arm.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_store.hpp"

namespace {
[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  const std::string text = fuzz::as_text(data, size);
  const std::string marker = "==> events.csv <==\n";
  const std::size_t split = text.find(marker);
  const std::string definition = text.substr(0, split);
  const std::string events_csv = split == std::string::npos ? std::string() : text.substr(split + marker.size());

  Experiment experiment = experiment_from_json({{"name", "default"}, {"ml_traffic_percentage", 50}});
  experiment.id = "exp-fuzz";
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(definition);
  } catch (const nlohmann::json::exception&) {  // bad syntax, or a number beyond a double: the route's 400
  }
  try {
    Experiment e = experiment_from_json(body);
    e.id = "exp-fuzz";
    const nlohmann::json written = experiment_to_json(e);
    Experiment again = experiment_from_json(written);
    again.id = e.id;
    if (experiment_to_json(again) != written) broken("experiment_to_json does not read back to itself");
    experiment = e;
  } catch (const ExperimentError& e) {  // the only answer to a bad definition (the route's 400)
    (void)e.field();
  }

  try {
    const auto events = read_experiment_events_csv(events_csv, "events.csv");
    for (const auto& ev : checked_events(experiment, events))
      if (ev.arm.empty()) broken("a checked event has no arm");
  } catch (const ValidationError& e) {
    for (const auto& d : e.diagnostics()) (void)d.format();
  } catch (const std::invalid_argument&) {  // checked_events: "events[i].field: …"
  }
  return 0;
}
