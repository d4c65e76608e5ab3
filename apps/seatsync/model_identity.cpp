#include "model_identity.hpp"

namespace seatsync::cli {

void add_model_identity_options(CLI::App& cmd, ModelIdentity& id, bool positional) {
  // CLI11: a name without dashes makes the same option positional too.
  auto names = [positional](const std::string& option, const std::string& position) {
    return positional ? option + "," + position : option;
  };
  cmd.add_option(names("--scope", "scope"), id.scope, "Registry scope, e.g. season")->capture_default_str();
  cmd.add_option(names("--model", "type"), id.type, "Model type, e.g. demand, conversion or price")->capture_default_str();
  cmd.add_option(names("--version", "version"), id.version, "A model version or latest")->capture_default_str();
}

std::string model_name(const std::string& scope, const std::string& type, const std::string& version) {
  return scope + "_" + type + " v" + version;
}

std::string registry_version(const std::string& version) {
  const bool printed_form = version.size() > 1 && version[0] == 'v' && version[1] >= '0' && version[1] <= '9';
  return printed_form ? version.substr(1) : version;
}

}  // namespace seatsync::cli
