#pragma once
// RFC 4180 CSV: a private reader and writer for the season files. The reader keeps the
// physical line each record starts on, so every problem can be reported as FILE:LINE.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/diagnostics.hpp"

namespace seatsync::csv {

struct Record {
  std::size_t line = 0;  // physical line the record starts on (header = 1)
  std::vector<std::string> fields;
};

struct Table {
  std::string file;  // label used in messages
  std::vector<std::string> header;
  std::vector<Record> records;
};

// Parses `text` (UTF-8, optional BOM, LF or CRLF, quoted fields with "" escapes and embedded
// newlines), fields separated by `delimiter`. Malformed records (unterminated quote, wrong field
// count) are reported and dropped. A header that is one field holding another common delimiter
// (a semicolon file read as comma separated, or the reverse) is reported once, with the
// --delimiter to use, and the table is returned empty (no header, no records).
Table parse(std::string_view text, const std::string& file, Diagnostics& diag, char delimiter = ',');

// Resolves header names to positions. Missing required columns are reported at line 1.
class Columns {
 public:
  Columns(const Table& table, Diagnostics& diag);
  // Position of a required column; reports it when absent.
  std::optional<std::size_t> require(const std::string& name);
  std::optional<std::size_t> optional(const std::string& name) const;
  bool all_present() const { return all_present_; }

 private:
  const Table& table_;
  Diagnostics& diag_;
  bool all_present_ = true;
};

// Field parsers: on failure they report FILE:LINE: COLUMN and return nullopt. Every whole-number
// column (capacity, tier, quantity, …) is an int: a value beyond an int is an error, never wrapped.
std::optional<int> parse_integer(const std::string& text, const std::string& file, std::size_t line,
                                 const std::string& column, Diagnostics& diag);
// With `decimal_comma` a comma is the decimal separator ("12,50" = 12.5), as in the files
// Excel writes with ';' between fields; no thousands separator is accepted either way.
std::optional<double> parse_number(const std::string& text, const std::string& file, std::size_t line,
                                   const std::string& column, Diagnostics& diag, bool decimal_comma = false);

// A whole file as text, by one read of its size; nullopt when it cannot be opened or read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// Writing: a field is quoted only when it must be.
void write_field(std::ostream& out, std::string_view field);
void write_row(std::ostream& out, const std::vector<std::string>& fields);
// Shortest text that reads back as exactly the same double.
std::string format_number(double value);

}  // namespace seatsync::csv
