// What `daily --out` may replace. A run swaps a whole directory into place, so everything the
// old directory held is deleted: that is only acceptable for a directory seatsync itself
// wrote, holding nothing but what it wrote. The manifest (written last into every output)
// says what that is; anything else in the directory belongs to the user and is never touched.
#include <sys/stat.h>

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "seatsync/atomic_file.hpp"
#include "seatsync/daily_run.hpp"
#include "seatsync/version.hpp"

namespace seatsync {
namespace fs = std::filesystem;

namespace {

// Files listed by a manifest, relative to its directory; nullopt when there is no readable
// manifest.
std::optional<std::set<std::string>> manifest_files(const fs::path& dir) {
  std::ifstream in(dir / kOutputManifest);
  if (!in) return std::nullopt;
  const auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) return std::nullopt;
  std::set<std::string> files;
  for (const auto& f : j["files"])
    if (f.is_string()) files.insert(f.get<std::string>());
  return files;
}

// Outputs of seatsync versions before the manifest: only the daily run's fixed names.
bool is_legacy_output_file(const std::string& rel) {
  static const std::set<std::string> fixed = {"plans.json", "guide.xlsx", "guide.html", "projection.xlsx",
                                              "index.html", "charts"};
  if (fixed.count(rel)) return true;
  return rel.rfind("charts/", 0) == 0 && rel.size() > 11 && rel.substr(rel.size() - 4) == ".svg" &&
         rel.find('/', 7) == std::string::npos;
}

// Entries of `dir` (recursive, relative, directories included) that seatsync did not write.
std::vector<std::string> foreign_entries(const fs::path& dir) {
  const auto listed = manifest_files(dir);
  std::set<std::string> ours;
  if (listed) {
    ours.insert(kOutputManifest);
    for (const auto& f : *listed)
      for (fs::path p = f; !p.empty(); p = p.parent_path()) ours.insert(p.generic_string());
  }
  std::vector<std::string> foreign;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string rel = fs::relative(e.path(), dir).generic_string();
    if (listed ? !ours.count(rel) : !is_legacy_output_file(rel)) foreign.push_back(rel);
  }
  // Without a manifest, a lone index.html or plans.json may well be the user's: only the set
  // every earlier run wrote together counts as ours.
  if (!listed && foreign.empty())
    for (const char* always : {"plans.json", "guide.xlsx", "guide.html", "index.html"})
      if (!fs::exists(dir / always)) {
        for (const auto& e : fs::recursive_directory_iterator(dir)) foreign.push_back(fs::relative(e.path(), dir).generic_string());
        break;
      }
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

// A mount point (or /) cannot be renamed: its device differs from its parent's, or it is its
// own parent.
bool is_mount_point(const fs::path& dir) {
  struct stat self {}, parent {};
  if (::stat(dir.c_str(), &self) != 0 || ::stat((dir / "..").c_str(), &parent) != 0) return false;
  return self.st_dev != parent.st_dev || self.st_ino == parent.st_ino;
}

[[noreturn]] void refuse(const fs::path& out, const std::string& why) {
  throw std::invalid_argument(fmt::format("--out {}: {}", out.string(), why));
}

}  // namespace

fs::path output_directory(const fs::path& out) {
  if (out.empty()) refuse(out, "no directory given");
  std::error_code ec;
  const auto status = fs::status(out, ec);  // follows a symbolic link to what it names
  if (fs::is_symlink(fs::symlink_status(out, ec)) && !fs::exists(status))
    refuse(out, "is a symbolic link to nothing; seatsync does not replace it. Name a directory");
  if (!fs::exists(status)) return out;
  if (!fs::is_directory(status))
    refuse(out, "is an existing file, not a directory; seatsync writes a directory of outputs and never replaces "
                "a file. Name a new or empty directory, or a previous daily output");
  const fs::path dir = fs::canonical(out);
  const fs::path cwd = fs::canonical(fs::current_path());
  const auto [end, _] = std::mismatch(dir.begin(), dir.end(), cwd.begin(), cwd.end());
  if (end == dir.end() || is_mount_point(dir))
    refuse(out, fmt::format("is {}; a run replaces its output directory as a whole, which cannot be done to it. "
                            "Name a directory inside it instead, e.g. --out {}",
                            end == dir.end() ? "the current directory (or holds it)" : "a mount point",
                            (out / "daily").string()));
  const auto foreign = foreign_entries(dir);
  if (!foreign.empty()) {
    std::string shown;
    for (std::size_t i = 0; i < std::min<std::size_t>(foreign.size(), 5); ++i) shown += (i ? ", " : "") + foreign[i];
    if (foreign.size() > 5) shown += fmt::format(" and {} more", foreign.size() - 5);
    refuse(out, fmt::format("holds files seatsync did not write ({}); a run replaces the whole directory, so it "
                            "refuses to. Name a new or empty directory, or move those files out",
                            shown));
  }
  return dir;
}

void write_output_manifest(const fs::path& dir, const std::vector<std::string>& files, Date as_of) {
  nlohmann::json j;
  j["written_by"] = "seatsync daily";
  j["seatsync_version"] = kVersion;
  j["as_of"] = as_of.str();
  j["files"] = files;
  write_file_atomic(dir / kOutputManifest, j.dump(2) + "\n");
}

}  // namespace seatsync
