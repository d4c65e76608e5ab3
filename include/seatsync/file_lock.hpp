#pragma once
// An exclusive flock(2) on a lock file for the object's lifetime: the writers of one directory
// — the model registry, the audit log, the market-data files — take turns across processes.
// The kernel releases it when the process dies, so a killed writer never leaves it held.
#include <filesystem>

namespace seatsync {

class FileLock {
 public:
  // Creates `lock_file` when missing and waits for the lock; std::system_error naming the file
  // when it cannot be opened or locked.
  explicit FileLock(const std::filesystem::path& lock_file);
  ~FileLock();  // closing the descriptor releases the lock
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace seatsync
