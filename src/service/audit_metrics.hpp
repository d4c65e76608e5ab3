#pragma once
// The audit trail's series in /metrics (Prometheus text 0.0.4), apart from ServiceMetrics: they
// are read from the writer's own counters, never kept twice.
#include <cstddef>
#include <string>

#include "seatsync/audit_log.hpp"

namespace seatsync::service {

std::string render_audit_metrics(const AuditWriterCounters& counters, std::size_t capacity);

}  // namespace seatsync::service
