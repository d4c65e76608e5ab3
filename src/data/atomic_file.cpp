#include "seatsync/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <stdexcept>
#include <system_error>

namespace seatsync {
namespace fs = std::filesystem;

fs::path temporary_beside(const fs::path& target) {
  std::random_device rd;
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp-";
  name += std::to_string(rd());
  return target.parent_path() / name;
}

void commit_temporary(const fs::path& temporary, const fs::path& target) {
  if (const int fd = ::open(temporary.c_str(), O_RDONLY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(temporary, target);
}

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
    commit_temporary(tmp, target);
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
