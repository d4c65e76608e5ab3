#pragma once
// Long-running library work reports progress through this callback; the CLI draws a bar.
#include <cstddef>
#include <functional>
#include <string_view>

namespace seatsync {

// (stage, done, total). May be empty: callers check before calling.
using ProgressFn = std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

inline void report(const ProgressFn& fn, std::string_view stage, std::size_t done, std::size_t total) {
  if (fn) fn(stage, done, total);
}

}  // namespace seatsync
