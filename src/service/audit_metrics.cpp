#include "audit_metrics.hpp"

#include <fmt/format.h>

namespace seatsync::service {

std::string render_audit_metrics(const AuditWriterCounters& c, std::size_t capacity) {
  return fmt::format(
      "# HELP seatsync_audit_records_total Audit records written to the audit log (on disk).\n"
      "# TYPE seatsync_audit_records_total counter\nseatsync_audit_records_total {}\n"
      "# HELP seatsync_audit_dropped_total Audit records lost: the queue was full, or two writes failed.\n"
      "# TYPE seatsync_audit_dropped_total counter\n"
      "seatsync_audit_dropped_total{{reason=\"queue_full\"}} {}\nseatsync_audit_dropped_total{{reason=\"write_error\"}} {}\n"
      "# HELP seatsync_audit_queue_depth Audit records waiting to be written.\n"
      "# TYPE seatsync_audit_queue_depth gauge\nseatsync_audit_queue_depth {}\n"
      "# HELP seatsync_audit_queue_capacity Audit records the queue holds before it drops.\n"
      "# TYPE seatsync_audit_queue_capacity gauge\nseatsync_audit_queue_capacity {}\n"
      "# HELP seatsync_audit_write_errors_total Failed audit log writes (each batch is tried twice).\n"
      "# TYPE seatsync_audit_write_errors_total counter\nseatsync_audit_write_errors_total {}\n",
      c.written, c.dropped_queue_full, c.dropped - c.dropped_queue_full, c.pending, capacity, c.write_errors);
}

}  // namespace seatsync::service
