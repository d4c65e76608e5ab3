#pragma once
// The OpenAPI 3.1 document of every route (docs/openapi.json, compiled in by CMake).
#include <string_view>

namespace seatsync::service {

std::string_view openapi_document();

}  // namespace seatsync::service
