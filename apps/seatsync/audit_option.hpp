#pragma once
// The --audit DIR of the commands that record decisions (serve, daily): checked before any work.
#include <string>

#include "seatsync/audit_log.hpp"

namespace seatsync::cli {

// The audit log at `dir`, created when missing and locked once to prove it can be written;
// std::invalid_argument (exit 2) naming `option` when it is a file or cannot be written.
AuditLog open_audit_log(const std::string& dir, const std::string& option = "--audit");

}  // namespace seatsync::cli
