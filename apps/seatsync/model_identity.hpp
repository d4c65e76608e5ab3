#pragma once
// One way to name a registered model on the command line, shared by `models show` and
// `predict`: --scope SCOPE --model TYPE --version VERSION (the --scope and --model of `train`),
// printed as "SCOPE_TYPE vVERSION" (the registry's file names).
#include <CLI/CLI.hpp>
#include <string>

namespace seatsync::cli {

struct ModelIdentity {
  std::string scope = "season";
  std::string type = "demand";     // the registry's "type": what `train --model` trained
  std::string version = "latest";  // a version (with or without the "v" names print) or latest
};

// Adds --scope, --model and --version. `positional`: SCOPE TYPE [VERSION] are also accepted in
// that order without the option names (`models show`'s older spelling, kept for scripts).
void add_model_identity_options(CLI::App& cmd, ModelIdentity& id, bool positional);

// "season_demand v20261123T153012Z".
std::string model_name(const std::string& scope, const std::string& type, const std::string& version);

// The version to ask the registry for: "v20261123T153012Z", as names print it, means the same
// as "20261123T153012Z".
std::string registry_version(const std::string& version);

}  // namespace seatsync::cli
