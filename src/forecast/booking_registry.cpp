// The pickup methods by name, as the time-series methods are in forecast_registry.cpp.
#include <map>

#include "booking_methods.hpp"

namespace seatsync {
namespace {

const std::map<std::string, PickupMethod, std::less<>>& registry() {
  using namespace booking_detail;
  static const std::map<std::string, PickupMethod, std::less<>> methods = {
      {"additive", fit_additive_pickup},   {"multiplicative", fit_multiplicative_pickup},
      {"advanced", fit_advanced_pickup},   {"regression", fit_regression_pickup},
      {"average", fit_average_pickup},     {"combination", fit_combination_pickup},
  };
  return methods;
}

}  // namespace

std::vector<std::string> pickup_method_names() {
  // The order a table reads best: the baseline first, the combinations last.
  return {"additive", "multiplicative", "advanced", "regression", "average", "combination"};
}

const PickupMethod* find_pickup_method(std::string_view name) {
  const auto it = registry().find(name);
  return it == registry().end() ? nullptr : &it->second;
}

}  // namespace seatsync
