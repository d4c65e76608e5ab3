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

}  // namespace seatsync
