#pragma once
// Nothing is half-written: output goes to a temporary file beside the target and is renamed
// over it only once complete.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string_view>

namespace seatsync {

// Calls `write` with a stream to a temporary file in the target's directory, flushes and
// fsyncs it, then renames it over `target`. On any exception the temporary is removed and
// `target` is untouched.
void write_file_atomic(const std::filesystem::path& target,
                       const std::function<void(std::ostream&)>& write);
void write_file_atomic(const std::filesystem::path& target, std::string_view contents);

// The same two steps for writers that need a file name rather than a stream (libxlsxwriter):
// a hidden, randomly named temporary in the target's directory (so the final rename never
// crosses filesystems), and, once it is complete, fsync + rename over `target`. On failure the
// caller removes the temporary.
std::filesystem::path temporary_beside(const std::filesystem::path& target);
void commit_temporary(const std::filesystem::path& temporary, const std::filesystem::path& target);

}  // namespace seatsync
