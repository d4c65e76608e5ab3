#pragma once
// Resolves the keys other files refer to (game_id, price_code) while keeping one mistake in
// games.csv or seats.csv from turning into a false "unknown game_id" on every row that refers
// to it. A keys file that could not be read, or a row of it that had an error, makes the rows
// referring to it "not checked": they are left out without an error of their own, and one note
// per referring file says how many there were and why.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "seatsync/diagnostics.hpp"

namespace seatsync {

class KeyReferences {
 public:
  // `column` is the referring column (game_id), `keys_file` the file that defines the keys.
  KeyReferences(std::string column, std::string keys_file);

  // The keys file is missing or lacks a required column: no key can be resolved.
  void mark_unreadable() { unreadable_ = true; }
  // A row defining `key` had an error and was left out of the dataset.
  void mark_rejected(const std::string& key, std::size_t line);
  bool is_rejected(const std::string& key) const { return rejected_.contains(key); }

  // Returns `found` (the key's index, if it is known). An unknown key is an error unless the
  // keys file was unreadable or the key's row was rejected; then the row is counted as not checked.
  std::optional<std::uint32_t> resolve(std::optional<std::uint32_t> found, const std::string& key,
                                       const std::string& file, std::size_t line, Diagnostics& diag);

  // One note per referring file that had rows not checked, in the order the files were read.
  void report_unchecked(Diagnostics& diag) const;

 private:
  struct Unchecked {
    std::string file;
    std::size_t rows = 0;
    std::map<std::string, std::size_t> rows_by_key;  // empty when the whole keys file was unreadable
  };
  Unchecked& unchecked_in(const std::string& file);

  std::string column_, keys_file_;
  bool unreadable_ = false;
  std::map<std::string, std::size_t> rejected_;  // key -> its line in the keys file
  std::vector<Unchecked> unchecked_;
};

}  // namespace seatsync
