#pragma once
// Small pieces every HTML page of the report needs: escaping (every piece of text that reaches a
// page goes through escape_html, because game ids, codes and groups come from user files) and
// the standalone-page skeleton.
#include <cstddef>
#include <string>
#include <string_view>

namespace seatsync::render {

// Escapes & < > " ' so the result is safe both as element text and inside a quoted attribute.
std::string escape_html(std::string_view text);

// A relative link target for href: percent-encodes everything but unreserved characters and '/',
// so a file name with spaces stays a valid URL and a name like "javascript:x" stays a relative
// path (its ':' is encoded) instead of becoming a scheme.
std::string encode_relative_url(std::string_view path);

// An anchor id such as "game-3": built from a fixed prefix and an index, never from user text,
// so it is always a valid, unique id whatever the game ids look like.
std::string anchor_id(std::string_view prefix, std::size_t index);

// "<!DOCTYPE html>…<body>" for a self-contained page: UTF-8, a viewport, the title (escaped)
// and the given stylesheet inlined.
std::string html_page_start(std::string_view title, std::string_view css);
std::string html_page_end();

}  // namespace seatsync::render
