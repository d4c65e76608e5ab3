#include "connection_metrics.hpp"

#include <fmt/format.h>

namespace seatsync::service {

std::string render_connection_metrics(const HttpServerCounters& c) {
  return fmt::format(
      "# HELP seatsync_http_connections_open Client connections open now.\n"
      "# TYPE seatsync_http_connections_open gauge\nseatsync_http_connections_open {}\n"
      "# HELP seatsync_http_connections_max Connections open at once at most (--max-connections); more wait to be accepted.\n"
      "# TYPE seatsync_http_connections_max gauge\nseatsync_http_connections_max {}\n"
      "# HELP seatsync_http_connections_accepted_total Client connections accepted.\n"
      "# TYPE seatsync_http_connections_accepted_total counter\nseatsync_http_connections_accepted_total {}\n"
      "# HELP seatsync_http_accept_paused_total Times accepting stopped because --max-connections were open.\n"
      "# TYPE seatsync_http_accept_paused_total counter\nseatsync_http_accept_paused_total {}\n"
      "# HELP seatsync_http_accept_errors_total Failed accepts (out of descriptors, a client gone first).\n"
      "# TYPE seatsync_http_accept_errors_total counter\nseatsync_http_accept_errors_total {}\n"
      "# HELP seatsync_http_timeouts_total Connections closed because a phase's deadline passed.\n"
      "# TYPE seatsync_http_timeouts_total counter\n"
      "seatsync_http_timeouts_total{{phase=\"idle\"}} {}\nseatsync_http_timeouts_total{{phase=\"header\"}} {}\n"
      "seatsync_http_timeouts_total{{phase=\"body\"}} {}\nseatsync_http_timeouts_total{{phase=\"write\"}} {}\n",
      c.open_connections, c.max_connections, c.accepted, c.accept_paused, c.accept_errors, c.timeouts_idle,
      c.timeouts_header, c.timeouts_body, c.timeouts_write);
}

}  // namespace seatsync::service
