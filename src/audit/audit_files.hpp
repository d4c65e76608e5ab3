#pragma once
// The audit directory's low-level steps: its lock, and appending whole lines to a segment so
// that a crash can leave at most a torn last line — which the next append cuts off.
#include <filesystem>
#include <string_view>

namespace seatsync::audit {


// Under the caller's DirectoryLock: cuts a torn last line off `file` (bytes after its last
// newline, left by a crash mid-write), appends `lines` (whole lines, each ending in '\n') in one
// write(2) and fdatasyncs; a new file's directory entry is synced too. On failure the file is
// truncated back to where it was and std::runtime_error names it.
void append_lines(const std::filesystem::path& file, std::string_view lines);

}  // namespace seatsync::audit
