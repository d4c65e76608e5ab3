#include "seatsync/diagnostics.hpp"

#include <utility>

namespace seatsync {

std::string Diagnostic::format() const {
  std::string out = file + ":" + std::to_string(line) + ": " + (column.empty() ? "-" : column) + ": ";
  if (note) out += "note: ";
  else if (warning) out += "warning: ";
  return out + message;
}

void Diagnostics::error(std::string file, std::size_t line, std::string column, std::string message) {
  ++error_count_;
  if (error_count_ <= max_errors_)
    items_.push_back({std::move(file), line, std::move(column), std::move(message), false});
}

void Diagnostics::warning(std::string file, std::size_t line, std::string column, std::string message) {
  // Warnings share the cap so a file full of them cannot flood the terminal.
  if (++warning_count_ <= max_errors_)
    items_.push_back({std::move(file), line, std::move(column), std::move(message), true});
}

void Diagnostics::note(std::string file, std::size_t line, std::string column, std::string message) {
  items_.push_back({std::move(file), line, std::move(column), std::move(message), true, true});
}

void Diagnostics::throw_if_errors() const {
  if (has_errors()) throw ValidationError(items_, error_count_);
}

ValidationError::ValidationError(std::vector<Diagnostic> diagnostics, std::size_t total_errors)
    : std::runtime_error(std::to_string(total_errors) + " problem(s) in the input"),
      diagnostics_(std::move(diagnostics)),
      total_errors_(total_errors) {}

}  // namespace seatsync
