#pragma once
// A minimal writer of one compact JSON value into a string, for the audit records made on the
// request path: it writes bytes straight out, where building an nlohmann::json tree (a heap node
// per value) and serialising it cost several times more and freed the tree on another thread.
#include <string>
#include <string_view>
#include <vector>

namespace seatsync::audit {

// `s` as a JSON string literal: quoted, `"` `\` and control characters escaped, invalid UTF-8
// replaced by U+FFFD (as nlohmann's error_handler_t::replace does), so the line always parses.
void append_json_string(std::string& out, std::string_view s);
// `v` as nlohmann::json writes a double: shortest round-trip digits, ".0" on a whole number (so it
// reads back as a float), null when not finite.
void append_json_number(std::string& out, double v);

// Writes into `out` (appending), so a caller can reuse one buffer for every record.
class JsonText {
 public:
  explicit JsonText(std::string& out) : out_(out) {}
  JsonText& object();                  // '{' as the next value
  JsonText& array();                   // '['
  JsonText& end();                     // closes the innermost object or array
  JsonText& key(std::string_view key);  // a field name needing no escapes; the next call writes its value
  JsonText& string(std::string_view s);
  JsonText& number(double v);
  JsonText& integer(long long v);
  JsonText& null();
  JsonText& raw(std::string_view json);  // already JSON text (a dump without newlines)

 private:
  void before_value();
  std::string& out_;
  std::vector<char> closers_;
  bool need_comma_ = false;
};

}  // namespace seatsync::audit
