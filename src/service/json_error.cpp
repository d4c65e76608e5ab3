#include "json_error.hpp"

#include <nlohmann/json.hpp>

namespace seatsync::service {

HttpResponse error_response(int status, const std::string& code, const std::string& message,
                            const std::optional<std::string>& field) {
  nlohmann::json e{{"code", code}, {"message", message}, {"field", field ? nlohmann::json(*field) : nlohmann::json()}};
  // A message may quote the client's bytes: replace invalid UTF-8 rather than fail to answer.
  return {status, "application/json", nlohmann::json{{"error", e}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
}

HttpResponse json_response(int status, const std::string& json_text) { return {status, "application/json", json_text, {}}; }

}  // namespace seatsync::service
