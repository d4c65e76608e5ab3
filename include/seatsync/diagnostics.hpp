#pragma once
// Problems found in user input, each pinned to FILE:LINE: COLUMN, collected (up to a cap)
// so that a user sees all of them in one run instead of fixing them one at a time.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace seatsync {

struct Diagnostic {
  std::string file;
  std::size_t line = 0;  // 1-based; the header is line 1. 0 = the file as a whole.
  std::string column;    // column or key name; "-" when none applies
  std::string message;
  bool warning = false;  // not an error: a warning, or a note
  // A note explains other errors (e.g. which rows they kept from being checked); it is
  // neither counted nor capped, and reads "note: message".
  bool note = false;

  // "FILE:LINE: COLUMN: message" (warnings say "warning: message", notes "note: message").
  std::string format() const;
};

class Diagnostics {
 public:
  explicit Diagnostics(std::size_t max_errors = 200) : max_errors_(max_errors) {}

  void error(std::string file, std::size_t line, std::string column, std::string message);
  void warning(std::string file, std::size_t line, std::string column, std::string message);
  void note(std::string file, std::size_t line, std::string column, std::string message);

  bool has_errors() const { return error_count_ > 0; }
  std::size_t error_count() const { return error_count_; }
  // True once the cap is reached: callers may stop scanning early.
  bool full() const { return error_count_ >= max_errors_; }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Throws ValidationError when any error was recorded.
  void throw_if_errors() const;

 private:
  std::size_t max_errors_;
  std::size_t error_count_ = 0;
  std::size_t warning_count_ = 0;
  std::vector<Diagnostic> items_;
};

// Bad input: the CLI prints every diagnostic and exits with code 2.
class ValidationError : public std::runtime_error {
 public:
  ValidationError(std::vector<Diagnostic> diagnostics, std::size_t total_errors);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::size_t total_errors() const { return total_errors_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t total_errors_;
};

}  // namespace seatsync
