#include "audit_option.hpp"

#include <filesystem>
#include <stdexcept>

namespace seatsync::cli {

AuditLog open_audit_log(const std::string& dir, const std::string& option) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
    throw std::invalid_argument(option + ": " + dir + " is a file, not an audit log directory");
  AuditLog log(dir);
  try {
    log.check_writable();
  } catch (const std::exception& e) {
    throw std::invalid_argument(option + ": cannot write the audit log " + dir + ": " + e.what());
  }
  return log;
}

}  // namespace seatsync::cli
