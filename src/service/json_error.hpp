#pragma once
// The service's error answers: {"error": {"code", "message", "field"}} with an HTTP status, and
// the exception routes throw to produce one.
#include <optional>
#include <stdexcept>
#include <string>

#include "http_message.hpp"

namespace seatsync::service {

class RequestError : public std::runtime_error {
 public:
  RequestError(int status, std::string code, const std::string& message, std::optional<std::string> field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::optional<std::string>& field() const { return field_; }

 private:
  int status_;
  std::string code_;
  std::optional<std::string> field_;
};

HttpResponse error_response(int status, const std::string& code, const std::string& message,
                            const std::optional<std::string>& field = {});
HttpResponse json_response(int status, const std::string& json_text);

}  // namespace seatsync::service
