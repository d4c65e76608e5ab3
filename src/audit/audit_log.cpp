// AuditLog: append records to the day's segment, read them back filtered.
#include "seatsync/audit_log.hpp"

#include "seatsync/file_lock.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>

#include "audit/audit_files.hpp"
#include "audit/audit_time.hpp"

namespace seatsync {
namespace fs = std::filesystem;

namespace {

using nlohmann::json;

// The canonical "at" of a record given with one, or nullopt when it has none.
std::optional<std::string> given_at(const json& record) {
  const auto it = record.find("at");
  if (it == record.end()) return std::nullopt;
  if (!it->is_string()) throw std::invalid_argument("an audit record's \"at\" must be an ISO 8601 string");
  auto canonical = audit::canonical_time(it->get_ref<const std::string&>());
  if (!canonical) throw std::invalid_argument("an audit record's \"at\" is not ISO 8601: '" + it->get<std::string>() + "'");
  return canonical;
}

// A string member, or "" (a record read back may hold anything).
const std::string& text(const json& record, const char* key) {
  static const std::string none;
  const auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get_ref<const std::string&>() : none;
}

bool segment_file_name(const std::string& name) {
  static const std::regex pattern(R"(audit-\d{8}\.jsonl)");
  return std::regex_match(name, pattern);
}

bool matches(const json& record, const AuditQuery& q, const std::optional<std::string>& since) {
  if (q.kind && text(record, "kind") != *q.kind) return false;
  if (q.game_id) {
    const auto it = record.find("game_id");
    // A record without a game concerns every game (a model decision, a snapshot load).
    if (it != record.end() && !it->is_null() && !(it->is_string() && it->get_ref<const std::string&>() == *q.game_id))
      return false;
  }
  if (since && text(record, "at") < *since) return false;
  return true;
}

// Appends the records of one segment's file that match, in file order.
void read_segment(const fs::path& file, const AuditQuery& q, const std::optional<std::string>& since,
                  std::vector<json>& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::string line;
  for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
    // getline stops at the end of the file without a newline only on the last line: a record a
    // crash cut short, which was never acknowledged. Skipped.
    if (in.eof()) break;
    json record;
    try {
      record = json::parse(line);
    } catch (const json::exception&) {
    }
    if (!record.is_object())
      throw AuditLogError(file.string() + ":" + std::to_string(line_no) + ": not a whole JSON record (the file is damaged)");
    if (matches(record, q, since)) out.push_back(std::move(record));
  }
  if (in.bad()) throw std::runtime_error("cannot read " + file.string());
}

}  // namespace

AuditLine audit_line(const json& record, std::chrono::system_clock::time_point now) {
  if (!record.is_object()) throw std::invalid_argument("an audit record must be a JSON object");
  const auto at = given_at(record);
  // Strings that are not UTF-8 (echoed from a caller) are replaced, never a reason to lose the record.
  const auto dump = [](const json& r) { return r.dump(-1, ' ', false, json::error_handler_t::replace); };
  const std::string stamp = at ? *at : audit_timestamp(now);
  AuditLine line;
  if (at && record["at"].get_ref<const std::string&>() == stamp) {
    line.text = dump(record);
  } else {
    json copy = record;
    copy["at"] = stamp;
    line.text = dump(copy);
  }
  line.day = stamp.substr(0, 4) + stamp.substr(5, 2) + stamp.substr(8, 2);
  return line;
}

AuditLog::AuditLog(fs::path dir, Clock clock) : dir_(std::move(dir)), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
}

void AuditLog::append(std::span<const json> records) {
  if (records.empty()) return;
  // The lines of each day's segment, in the order given; assembled before the lock is taken.
  std::map<std::string, std::string> days;
  const auto now = clock_();  // one stamp for the records without one: they are one decision's
  for (const json& record : records) {
    AuditLine line = audit_line(record, now);
    std::string& bytes = days[line.day];
    bytes += line.text;
    bytes += '\n';
  }
  fs::create_directories(dir_);
  const FileLock lock(dir_ / kLockFileName);  // writers of the directory, in any process, one at a time
  for (const auto& [day, bytes] : days) audit::append_lines(dir_ / ("audit-" + day + ".jsonl"), bytes);
}

void AuditLog::append_day(std::string_view day, std::string_view lines) {
  if (lines.empty()) return;
  if (day.size() != 8 || day.find_first_not_of("0123456789") != std::string_view::npos)
    throw std::invalid_argument("an audit segment's day must be YYYYMMDD, not '" + std::string(day) + "'");
  if (lines.back() != '\n') throw std::invalid_argument("audit lines must end with a newline");
  fs::create_directories(dir_);
  const FileLock lock(dir_ / kLockFileName);
  audit::append_lines(dir_ / ("audit-" + std::string(day) + ".jsonl"), lines);
}

void AuditLog::check_writable() const {
  fs::create_directories(dir_);
  const FileLock lock(dir_ / kLockFileName);
}

std::vector<json> AuditLog::read(const AuditQuery& q) const {
  std::optional<std::string> since;
  if (q.since) {
    since = audit::canonical_time(*q.since);
    if (!since)
      throw std::invalid_argument("since: '" + *q.since + "' is neither a date (YYYY-MM-DD) nor an ISO 8601 date-time");
  }
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) throw std::invalid_argument(dir_.string() + ": no audit log (not a directory)");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (!segment_file_name(name)) continue;
    // A segment holds one UTC day: one wholly before `since` holds nothing to show.
    if (since && name.substr(6, 8) < since->substr(0, 4) + since->substr(5, 2) + since->substr(8, 2)) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<json> out;
  for (const auto& file : files) read_segment(file, q, since, out);
  // Writers in several processes append in their own time (the service batches for up to 50 ms),
  // so file order is nearly but not exactly time order.
  std::stable_sort(out.begin(), out.end(),
                   [](const json& a, const json& b) { return text(a, "at") < text(b, "at"); });
  return out;
}

}  // namespace seatsync
