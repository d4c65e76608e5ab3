// The registry's history: every save, promotion, rejection, rollback and prune, append-only.
// One line per decision, written by one write() under the registry's flock and fsynced, so a
// crash leaves at most a torn last line, which readers skip.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "ml/registry_files.hpp"
#include "seatsync/model_registry.hpp"

namespace seatsync {

void ModelRegistry::record(nlohmann::json event) {
  std::filesystem::create_directories(dir_);
  const auto lock = registry::directory_lock(dir_);
  record_locked(std::move(event));
}

void ModelRegistry::record_locked(nlohmann::json event) {
  if (!event.is_object()) throw std::invalid_argument("a registry history record must be a JSON object");
  event["at"] = registry::utc_iso8601(clock_());
  const std::string line = event.dump() + "\n";
  const std::string file = (dir_ / registry::kHistoryFileName).string();
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open " + file + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      throw std::runtime_error("cannot append to " + file + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) throw std::runtime_error("cannot fsync " + file);
}

std::vector<nlohmann::json> ModelRegistry::history() const {
  std::vector<nlohmann::json> out;
  const auto file = dir_ / registry::kHistoryFileName;
  if (!std::filesystem::exists(file)) return out;
  const std::string text = registry::read_whole_file(file);
  std::size_t start = 0, line_no = 1;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1, ++line_no) {
    try {
      out.push_back(nlohmann::json::parse(text.substr(start, end - start)));
    } catch (const nlohmann::json::exception&) {
      throw ModelIntegrityError(file.string() + ":" + std::to_string(line_no) + ": not a JSON record");
    }
  }
  return out;  // text after the last newline is a record a crash cut short
}

}  // namespace seatsync
