#include "seatsync/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <stdexcept>
#include <system_error>

namespace seatsync {
namespace fs = std::filesystem;

namespace {
// The temporary sits in the target's directory so the final rename never crosses filesystems.
fs::path temporary_beside(const fs::path& target) {
  std::random_device rd;
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp-";
  name += std::to_string(rd());
  return target.parent_path() / name;
}

void fsync_file(const fs::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}
}  // namespace

void write_file_atomic(const fs::path& target, const std::function<void(std::ostream&)>& write) {
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const fs::path tmp = temporary_beside(target);
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("cannot create " + tmp.string());
      write(out);
      out.flush();
      if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    fsync_file(tmp);
    fs::rename(tmp, target);
  } catch (...) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw;
  }
}

void write_file_atomic(const fs::path& target, std::string_view contents) {
  write_file_atomic(target, [&](std::ostream& out) { out.write(contents.data(), static_cast<std::streamsize>(contents.size())); });
}

}  // namespace seatsync
