#pragma once
// The audit log's one time format, "2026-12-01T12:00:00.123Z": fixed width and UTC, so that
// records order by comparing strings and a record's segment is its first ten characters.
#include <optional>
#include <string>
#include <string_view>

namespace seatsync::audit {

// `text` ("YYYY-MM-DD" = its 00:00 UTC, or an ISO 8601 date-time; an offset is honoured, none
// means UTC; fractions beyond milliseconds are cut) in the canonical form; nullopt when it is
// neither.
std::optional<std::string> canonical_time(std::string_view text);

// True when `text` is already canonical (checked cheaply: the writer's own stamps are).
bool is_canonical_time(std::string_view text);

}  // namespace seatsync::audit
