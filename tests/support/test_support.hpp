#pragma once
// Shared helpers for the test binaries: scratch directories, file I/O and running the CLI.
#include <filesystem>
#include <string>
#include <vector>

namespace seatsync::test {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& file);
void write_file(const std::filesystem::path& file, const std::string& contents);

// Copies a directory under tests/testdata/ into `dest`.
void copy_testdata(const std::string& name, const std::filesystem::path& dest);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built seatsync binary with `args` (no shell involved), capturing both streams.
CommandResult run_seatsync(const std::vector<std::string>& args,
                           const std::filesystem::path& cwd = {});

}  // namespace seatsync::test
