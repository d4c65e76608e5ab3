#include "ml/registry_files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace seatsync::registry {
namespace fs = std::filesystem;

namespace {
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

std::tm utc_tm(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

std::string format_tm(std::chrono::system_clock::time_point t, const char* format) {
  const std::tm tm = utc_tm(t);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

// Splits "{scope}_{type}_v{version}{suffix}" when the name ends with `suffix`.
std::optional<VersionName> parse_with_suffix(std::string_view name, std::string_view suffix) {
  if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix) return std::nullopt;
  name.remove_suffix(suffix.size());
  const auto first = name.find('_');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = name.find('_', first + 1);
  if (second == std::string_view::npos || second + 1 >= name.size() || name[second + 1] != 'v') return std::nullopt;
  VersionName out{std::string(name.substr(0, first)), std::string(name.substr(first + 1, second - first - 1)), {}};
  for (const auto* part : {&out.scope, &out.type}) {
    if (part->empty()) return std::nullopt;
    for (char c : *part)
      if (!is_name_char(c)) return std::nullopt;
  }
  auto version = ModelVersion::parse(name.substr(second + 2));
  if (!version) return std::nullopt;
  out.version = *version;
  return out;
}
}  // namespace

void check_name_part(const std::string& name, const char* what) {
  bool ok = !name.empty();
  for (char c : name) ok = ok && is_name_char(c);
  if (!ok)
    throw std::invalid_argument(std::string("model ") + what + " '" + name +
                                "' must be non-empty and contain only letters, digits and '-'");
}

std::string utc_stamp(std::chrono::system_clock::time_point t) { return format_tm(t, "%Y%m%dT%H%M%SZ"); }
std::string utc_iso8601(std::chrono::system_clock::time_point t) { return format_tm(t, "%Y-%m-%dT%H:%M:%SZ"); }

std::string model_file_name(const std::string& scope, const std::string& type, const ModelVersion& v) {
  return scope + "_" + type + "_v" + v.str() + ".json";
}
std::string meta_file_name(const std::string& scope, const std::string& type, const ModelVersion& v) {
  return scope + "_" + type + "_v" + v.str() + ".meta.json";
}
std::string latest_file_name(const std::string& scope, const std::string& type) {
  return scope + "_" + type + "_latest.json";
}

std::optional<VersionName> parse_meta_file_name(std::string_view file_name) {
  return parse_with_suffix(file_name, ".meta.json");
}
std::optional<VersionName> parse_model_file_name(std::string_view file_name) {
  // A version never contains '.', so a metadata name cannot parse as a model name.
  return parse_with_suffix(file_name, ".json");
}

std::string read_whole_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw std::runtime_error("error reading " + file.string());
  return ss.str();
}

fs::path write_unique_temp(const fs::path& dir, std::string_view bytes) {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    // pid + random + O_EXCL: two writers can never share a temporary.
    const fs::path tmp = dir / (".model.tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      throw std::system_error(errno, std::generic_category(), "cannot create " + tmp.string());
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        throw std::system_error(err, std::generic_category(), "cannot write " + tmp.string());
      }
      done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const int sync_err = errno;
    ::close(fd);
    if (!synced) {
      ::unlink(tmp.c_str());
      throw std::system_error(sync_err, std::generic_category(), "cannot fsync " + tmp.string());
    }
    return tmp;
  }
  throw std::runtime_error("cannot create a temporary file in " + dir.string());
}

}  // namespace seatsync::registry
