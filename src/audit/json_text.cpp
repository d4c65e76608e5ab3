#include "audit/json_text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <iterator>

namespace seatsync::audit {
namespace {

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629), or 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto cont = [&](std::size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  const unsigned char c = byte(i);
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    const unsigned char c1 = byte(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) return 0;  // overlong, surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    const unsigned char c1 = byte(i + 1);
    if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return 0;  // overlong, beyond U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    // A run of bytes that need nothing (most of any text) is copied at once.
    std::size_t plain = i;
    while (plain < s.size()) {
      const auto b = static_cast<unsigned char>(s[plain]);
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
      ++plain;
    }
    out.append(s.data() + i, plain - i);
    if ((i = plain) == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        out.append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
    ++i;
  }
  out += '"';
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  // std::to_chars: the shortest digits that read back as `v`, without parsing a format string.
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, end);
  if (std::string_view(buf, static_cast<std::size_t>(end - buf)).find_first_of(".e") == std::string_view::npos) out += ".0";
}

void JsonText::before_value() {
  if (need_comma_) out_ += ',';
  need_comma_ = true;
}

JsonText& JsonText::object() {
  before_value();
  out_ += '{';
  closers_.push_back('}');
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::array() {
  before_value();
  out_ += '[';
  closers_.push_back(']');
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::end() {
  out_ += closers_.back();
  closers_.pop_back();
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::key(std::string_view key) {
  before_value();
  out_ += '"';
  out_ += key;  // a name of ours: nothing to escape
  out_ += "\":";
  need_comma_ = false;  // the value follows without a comma
  return *this;
}

JsonText& JsonText::string(std::string_view s) {
  before_value();
  append_json_string(out_, s);
  return *this;
}

JsonText& JsonText::number(double v) {
  before_value();
  append_json_number(out_, v);
  return *this;
}

JsonText& JsonText::integer(long long v) {
  before_value();
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  return *this;
}

JsonText& JsonText::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonText& JsonText::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

}  // namespace seatsync::audit
