#include "key_references.hpp"

#include <utility>

namespace seatsync {

namespace {
// How many rejected keys a note names before it says "and N more".
constexpr std::size_t kKeysNamed = 5;
}  // namespace

KeyReferences::KeyReferences(std::string column, std::string keys_file)
    : column_(std::move(column)), keys_file_(std::move(keys_file)) {}

void KeyReferences::mark_rejected(const std::string& key, std::size_t line) {
  if (!key.empty()) rejected_.emplace(key, line);
}

KeyReferences::Unchecked& KeyReferences::unchecked_in(const std::string& file) {
  for (auto& u : unchecked_)
    if (u.file == file) return u;
  unchecked_.push_back({file, 0, {}});
  return unchecked_.back();
}

std::optional<std::uint32_t> KeyReferences::resolve(std::optional<std::uint32_t> found, const std::string& key,
                                                    const std::string& file, std::size_t line, Diagnostics& diag) {
  if (found) return found;
  if (unreadable_) {
    ++unchecked_in(file).rows;
  } else if (is_rejected(key)) {
    auto& u = unchecked_in(file);
    ++u.rows;
    ++u.rows_by_key[key];
  } else {
    diag.error(file, line, column_, "unknown " + column_ + " '" + key + "' (not in " + keys_file_ + ")");
  }
  return std::nullopt;
}

void KeyReferences::report_unchecked(Diagnostics& diag) const {
  for (const auto& u : unchecked_) {
    const std::string rows = std::to_string(u.rows) + " row(s)";
    if (u.rows_by_key.empty()) {
      diag.note(u.file, 0, column_, rows + " not checked: " + keys_file_ + " could not be read (see its error above)");
      continue;
    }
    std::string keys;
    std::size_t named = 0;
    for (const auto& [key, count] : u.rows_by_key) {
      if (named++ == kKeysNamed) {
        keys += ", and " + std::to_string(u.rows_by_key.size() - kKeysNamed) + " more";
        break;
      }
      if (!keys.empty()) keys += ", ";
      keys += "'" + key + "' (line " + std::to_string(rejected_.at(key)) + ", " + std::to_string(count) + " row(s))";
    }
    diag.note(u.file, 0, column_, rows + " not checked: they refer to " + column_ + "s whose " + keys_file_ +
                                      " row has an error above: " + keys);
  }
}

}  // namespace seatsync
