#pragma once
// The HTTP server's connection series in /metrics (Prometheus text 0.0.4): open connections
// and their limit, accepts paused at the limit, and connections cut by each phase's deadline.
// Read from the server's own counters, never kept twice.
#include <string>

#include "http_server.hpp"

namespace seatsync::service {

std::string render_connection_metrics(const HttpServerCounters& counters);

}  // namespace seatsync::service
