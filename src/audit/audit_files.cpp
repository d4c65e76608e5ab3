#include "audit/audit_files.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "seatsync/audit_log.hpp"

namespace seatsync::audit {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& file, int err) {
  throw std::runtime_error(what + " " + file.string() + ": " + std::strerror(err));
}

// The size the file has once bytes after its last newline are dropped (0 when it has none).
off_t whole_lines_size(int fd, off_t size, const std::filesystem::path& file) {
  std::vector<char> chunk(64 * 1024);
  for (off_t end = size; end > 0;) {
    const off_t start = end > static_cast<off_t>(chunk.size()) ? end - static_cast<off_t>(chunk.size()) : 0;
    const auto want = static_cast<std::size_t>(end - start);
    const ssize_t n = ::pread(fd, chunk.data(), want, start);
    if (n != static_cast<ssize_t>(want)) fail("cannot read", file, n < 0 ? errno : EIO);
    for (off_t i = end - start; i > 0; --i)
      if (chunk[static_cast<std::size_t>(i - 1)] == '\n') return start + i;
    end = start;
  }
  return 0;
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the records are synced; only the entry's durability is at stake
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void append_lines(const std::filesystem::path& file, std::string_view lines) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot open", file, errno);
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail("cannot stat", file, errno);
  off_t size = st.st_size;
  if (size > 0) {
    char last = 0;
    if (::pread(fd, &last, 1, size - 1) != 1) fail("cannot read", file, errno ? errno : EIO);
    if (last != '\n') {
      // A crash cut the last record short; nobody can finish it, and left there it would end up
      // mid-file, where a torn line means damage.
      const off_t whole = whole_lines_size(fd, size, file);
      if (::ftruncate(fd, whole) != 0) fail("cannot truncate", file, errno);
      spdlog::warn("{}: cut off a record a crash left torn ({} bytes)", file.string(), size - whole);
      size = whole;
    }
  }
  std::size_t done = 0;
  while (done < lines.size()) {
    const ssize_t n = ::write(fd, lines.data() + done, lines.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      // Undo the part written (disk full): a retry must not duplicate records or follow half a line.
      if (::ftruncate(fd, size) != 0)
        spdlog::error("{}: cannot undo a partial append: {}", file.string(), std::strerror(errno));
      fail("cannot append to", file, err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd) != 0) {
    const int err = errno;
    // Not known to be on disk: removed, so that the caller's retry writes them once.
    if (::ftruncate(fd, size) != 0)
      spdlog::error("{}: cannot undo an unsynced append: {}", file.string(), std::strerror(errno));
    fail("cannot sync", file, err);
  }
  if (st.st_size == 0) sync_directory(file.parent_path());  // a new segment's name must survive too
}

}  // namespace seatsync::audit
