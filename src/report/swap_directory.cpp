#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "seatsync/daily_run.hpp"

namespace seatsync {
namespace fs = std::filesystem;

void swap_directory_into_place(const fs::path& staging, const fs::path& target) {
  if (!fs::exists(target)) {
    fs::rename(staging, target);
    return;
  }
  // One atomic step: readers see either the old directory or the new one, never neither.
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(staging);  // now holds the previous outputs
    return;
  }
  if (errno != EINVAL && errno != ENOSYS)
    throw std::system_error(errno, std::generic_category(), "cannot swap " + staging.string() + " into " + target.string());
  // Filesystems without RENAME_EXCHANGE: two renames, the old outputs kept until the new are in.
  fs::path old = target;
  old += ".old";
  fs::remove_all(old);
  fs::rename(target, old);
  fs::rename(staging, target);
  fs::remove_all(old);
}

}  // namespace seatsync
