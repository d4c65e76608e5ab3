#pragma once
// What the fuzz targets share: the input as text, inputs that hold several named files, and a
// scratch directory in memory (/dev/shm) for readers that only read files.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seatsync::fuzz {

inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// An input holding several files, written as `head` prints them ("==> games.csv <==" on a line of
// its own before each file's text), so a seed is `head -n 20 *.csv` of a real directory. Text
// before the first marker is ignored; a file named twice keeps its last text.
inline std::vector<std::pair<std::string, std::string>> split_files(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> files;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    if (line.starts_with("==> ") && line.ends_with(" <==") && line.size() >= 8)
      files.emplace_back(std::string(line.substr(4, line.size() - 8)), std::string());
    else if (!files.empty())
      files.back().second.append(line).append(end < text.size() ? "\n" : "");
    pos = end + 1;
  }
  return files;
}

// /dev/shm/seatsync-fuzz-NAME-PID: one per process (libFuzzer's -jobs run several), emptied by
// reset() before each input and removed at exit.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::path("/dev/shm") / ("seatsync-fuzz-" + name + "-" + std::to_string(::getpid()))) {
    reset();
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  void reset() const {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Writes `text` to `file` (binary, whole).
inline void write_text(const std::filesystem::path& file, std::string_view text) {
  std::ofstream out(file, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace seatsync::fuzz
