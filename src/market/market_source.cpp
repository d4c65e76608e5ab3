// The sources file (docs/market-data.md): read by toml++, every problem pinned to its line and
// collected, so that a user fixes the file in one go. Unknown keys are errors, not warnings as in
// params.toml: a misspelt `max_pirce` would silently switch a validation rule off.
#include "seatsync/market_source.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <stdexcept>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "seatsync/dataset.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/listing_extract.hpp"

namespace seatsync {

namespace {

std::size_t line_of(const toml::node& node) { return node.source().begin.line; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string format_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// A browser's User-Agent: "Mozilla/5.0 (...) AppleWebKit/... Chrome/... Safari/...". The collector
// says who it is instead, so that a site can tell it apart, rate it and contact its operator.
bool imitates_browser(std::string_view ua) {
  const std::string l = lower(ua);
  if (l.starts_with("mozilla/") || l.starts_with("opera/")) return true;
  for (const char* token : {"applewebkit/", "chrome/", "safari/", "firefox/", "gecko/", "edg/", "opr/",
                            "msie ", "trident/"})
    if (l.find(token) != std::string::npos) return true;
  return false;
}

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

// "scheme://host..." with one of `schemes`; the host is what comes before ':', '/', '?' or '#'.
bool has_scheme_and_host(std::string_view url, std::initializer_list<const char*> schemes) {
  const std::string l = lower(url);
  for (const char* scheme : schemes) {
    const std::string prefix = std::string(scheme) + "://";
    if (!l.starts_with(prefix)) continue;
    const std::string_view rest = url.substr(prefix.size());
    const auto end = rest.find_first_of(":/?#");
    return (end == std::string_view::npos ? rest.size() : end) > 0;
  }
  return false;
}

class Reader {
 public:
  Reader(const std::string& file, Diagnostics& diag) : file_(file), diag_(diag) {}

  void error(std::size_t line, const std::string& key, const std::string& message) {
    diag_.error(file_, line, key, message);
  }

  std::optional<std::string> text(const toml::node& node, const std::string& key) {
    if (auto s = node.value_exact<std::string>()) return *s;
    error(line_of(node), key, "must be a string");
    return std::nullopt;
  }

  std::optional<double> number(const toml::node& node, const std::string& key) {
    std::optional<double> v;
    if (auto f = node.value_exact<double>()) v = *f;
    else if (auto i = node.value_exact<std::int64_t>()) v = static_cast<double>(*i);
    if (!v) error(line_of(node), key, "must be a number");
    else if (!std::isfinite(*v)) error(line_of(node), key, "must be a finite number"), v.reset();
    return v;
  }

  void read_collector(const toml::table& table, CollectorSettings& c) {
    bool has_user_agent = false;
    for (const auto& [k, node] : table) {
      const std::string name(k.str()), key = "collector." + name;
      const std::size_t line = line_of(node);
      if (name == "user_agent") {
        has_user_agent = true;
        auto ua = text(node, key);
        if (!ua) continue;
        if (ua->find_first_not_of(' ') == std::string::npos)
          error(line, key, "is empty: say who the collector is, e.g. \"seatsync-collector/0.1 (+https://your.site/contact)\"");
        else if (!printable_ascii(*ua))
          error(line, key, "must be printable ASCII on one line");
        else if (imitates_browser(*ua))
          error(line, key, "'" + *ua + "' imitates a browser: the collector must say honestly who it is "
                "(product/version and a contact, e.g. \"seatsync-collector/0.1 (+https://your.site/contact)\")");
        else
          c.user_agent = *ua;
      } else if (name == "min_interval_s") {
        auto v = number(node, key);
        if (v && (*v < 1.0 || *v > 86400.0))
          error(line, key, format_number(*v) + " is outside [1, 86400]: never more than one request per second to a domain");
        else if (v)
          c.min_interval_s = *v;
      } else if (name == "max_retries") {
        auto v = node.value_exact<std::int64_t>();
        if (!v) error(line, key, "must be a whole number");
        else if (*v < 0 || *v > 10) error(line, key, std::to_string(*v) + " is outside [0, 10]");
        else c.max_retries = static_cast<int>(*v);
      } else if (name == "timeout_s") {
        auto v = number(node, key);
        if (v && (*v <= 0.0 || *v > 600.0)) error(line, key, format_number(*v) + " is outside (0, 600]");
        else if (v) c.timeout_s = *v;
      } else if (name == "proxies") {
        const auto* array = node.as_array();
        if (!array) {
          error(line, key, "must be an array of proxy URLs ([\"http://host:port\"])");
          continue;
        }
        for (const auto& p : *array) {
          auto url = text(p, key);
          if (!url) continue;
          if (!has_scheme_and_host(*url, {"http", "https", "socks4", "socks4a", "socks5", "socks5h"}))
            error(line_of(p), key, "'" + *url + "' is not a proxy URL (http://host:port, https://, socks5://)");
          else
            c.proxies.push_back(*url);
        }
      } else {
        error(line, key, "unknown key (collector keys: user_agent, min_interval_s, max_retries, timeout_s, proxies)");
      }
    }
    if (!has_user_agent)
      error(line_of(table), "collector.user_agent",
            "is required: say who the collector is, e.g. \"seatsync-collector/0.1 (+https://your.site/contact)\"");
  }

  // A locator's syntax, by the source's kind; `items` may not read an attribute.
  void check_locator(const SourceConfig& s, const std::string& value, const std::string& key, std::size_t line,
                     bool is_items) {
    if (s.kind == SourceConfig::Kind::json) {
      if (value.empty()) return;  // items: the whole page; others: checked for presence elsewhere
      try {
        nlohmann::json::json_pointer p(value);
      } catch (const nlohmann::json::exception&) {
        error(line, key, "'" + value + "' is not a JSON pointer (RFC 6901: \"/listings\", \"/price/amount\"; "
              "'~' only as ~0 or ~1)");
      }
      return;
    }
    try {
      if (is_items) {
        if (!split_html_locator(value).attribute.empty())
          error(line, key, "'" + value + "' reads an attribute: items must select elements");
        else
          CssSelector selector(value);
        return;
      }
      const HtmlLocator split = split_html_locator(value);
      if (!split.selector.empty()) CssSelector selector(split.selector);
    } catch (const std::invalid_argument& e) {
      error(line, key, e.what());
    }
  }

  void read_source(const toml::table& table, SourceConfig& s) {
    s.line = line_of(table);
    // Kind first: the locators' syntax depends on it.
    if (const auto* kind = table.get("kind")) {
      if (auto k = text(*kind, "source.kind")) {
        if (*k == "json") s.kind = SourceConfig::Kind::json;
        else if (*k == "html") s.kind = SourceConfig::Kind::html;
        else error(line_of(*kind), "source.kind", "'" + *k + "' is not a kind: json or html");
      }
    }
    struct Located { std::string* out; std::size_t line; };
    std::vector<std::pair<std::string, Located>> locators;
    bool has_url = false, has_items = false, has_price = false, has_name = false;
    const toml::node* sections_node = nullptr;
    const toml::node* games_node = nullptr;
    for (const auto& [k, node] : table) {
      const std::string name(k.str()), key = "source." + name;
      const std::size_t line = line_of(node);
      if (name == "kind") continue;
      if (name == "name") {
        has_name = true;
        auto v = text(node, key);
        if (!v) continue;
        if (v->empty() || !printable_ascii(*v)) error(line, key, "must be a non-empty printable name");
        else s.name = *v;
      } else if (name == "url") {
        has_url = true;
        if (auto v = text(node, key)) read_url(*v, line, s);
      } else if (name == "games") {
        games_node = &node;
      } else if (name == "items" || name == "price" || name == "quantity" || name == "section" ||
                 name == "listing_id" || name == "currency") {
        auto v = text(node, key);
        if (!v) continue;
        std::string* out = name == "items" ? &s.items : name == "price" ? &s.price : name == "quantity" ? &s.quantity
                           : name == "section" ? &s.section : name == "listing_id" ? &s.listing_id : &s.currency;
        *out = *v;
        has_items |= name == "items";
        has_price |= name == "price";
        locators.push_back({name, {out, line}});
      } else if (name == "expected_currency") {
        auto v = text(node, key);
        if (!v) continue;
        if (v->size() != 3 || !std::all_of(v->begin(), v->end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
          error(line, key, "'" + *v + "' is not an ISO 4217 code (three capital letters, e.g. \"USD\")");
        else
          s.expected_currency = *v;
      } else if (name == "min_price" || name == "max_price") {
        auto v = number(node, key);
        if (v && *v <= 0.0) error(line, key, format_number(*v) + " must be above 0");
        else if (v) (name == "min_price" ? s.min_price : s.max_price) = *v;
      } else if (name == "sections") {
        sections_node = &node;
      } else {
        error(line, key, "unknown key (source keys: name, kind, url, games, items, price, quantity, section, "
              "listing_id, currency, expected_currency, min_price, max_price, sections)");
      }
    }
    if (!has_name) error(s.line, "source.name", "is required (it is written to the listings' source column)");
    if (!has_url) error(s.line, "source.url", "is required");
    if (!has_items) error(s.line, "source.items", "is required (a JSON pointer or CSS selector to the listings)");
    if (!has_price) error(s.line, "source.price", "is required (where the per-ticket price is within a listing)");
    for (const auto& [name, where] : locators) {
      if (name == "price" && where.out->empty())
        error(where.line, "source.price", "must not be empty: a listing without a price is no listing");
      else if (name == "items" && where.out->empty() && s.kind == SourceConfig::Kind::html)
        error(where.line, "source.items", "must not be empty: a CSS selector for the listing elements");
      check_locator(s, *where.out, "source." + name, where.line, name == "items");
    }
    if (s.min_price >= s.max_price)
      error(s.line, "source.min_price", "min_price " + format_number(s.min_price) + " is not below max_price " +
            format_number(s.max_price));
    if (games_node) read_games(*games_node, s);
    if (has_url && !s.url.empty() && s.url.find("{game_id}") == std::string::npos && s.games.size() != 1)
      error(s.line, "source.games", "url has no {game_id}, so its page is one game's: list exactly that game in games");
    if (sections_node) read_sections(*sections_node, s);
  }

  void read_url(const std::string& url, std::size_t line, SourceConfig& s) {
    if (!has_scheme_and_host(url, {"http", "https"})) {
      error(line, "source.url", "'" + url + "' is not an http:// or https:// URL with a host");
      return;
    }
    if (!printable_ascii(url) || url.find(' ') != std::string::npos) {
      error(line, "source.url", "'" + url + "' holds spaces or non-ASCII characters: percent-encode them");
      return;
    }
    std::string rest = url;
    for (std::size_t p; (p = rest.find("{game_id}")) != std::string::npos;) rest.erase(p, 9);
    if (rest.find_first_of("{}") != std::string::npos) {
      error(line, "source.url", "'" + url + "': the only placeholder is {game_id}");
      return;
    }
    s.url = url;
  }

  void read_games(const toml::node& node, SourceConfig& s) {
    const std::size_t line = line_of(node);
    if (auto word = node.value_exact<std::string>()) {
      if (*word != "upcoming")
        error(line, "source.games", "'" + *word + "': games is a list of game ids or \"upcoming\"");
      return;
    }
    const auto* array = node.as_array();
    if (!array) {
      error(line, "source.games", "must be a list of game ids or \"upcoming\"");
      return;
    }
    if (array->empty()) error(line, "source.games", "is empty: list game ids, or \"upcoming\" (or leave it out) for every upcoming game");
    for (const auto& g : *array) {
      auto id = text(g, "source.games");
      if (!id) continue;
      if (id->empty()) error(line_of(g), "source.games", "a game id is empty");
      else if (s.game_lines.count(*id)) error(line_of(g), "source.games", "game '" + *id + "' is listed twice");
      else {
        s.games.push_back(*id);
        s.game_lines[*id] = line_of(g);
      }
    }
  }

  void read_sections(const toml::node& node, SourceConfig& s) {
    const auto* table = node.as_table();
    if (!table) {
      error(line_of(node), "source.sections", "must be a table: \"source section\" = \"price code\"");
      return;
    }
    if (s.section.empty())
      error(line_of(node), "source.sections", "maps sections but the source has no section locator: nothing would be mapped");
    for (const auto& [k, value] : *table) {
      const std::string section(k.str()), key = "source.sections." + section;
      std::string code;
      if (auto v = value.value_exact<std::string>()) code = *v;
      else if (auto i = value.value_exact<std::int64_t>()) code = std::to_string(*i);
      else {
        error(line_of(value), key, "must be a price code (a string)");
        continue;
      }
      if (code.empty()) error(line_of(value), key, "maps to an empty price code");
      else {
        s.sections[section] = code;
        s.section_lines[section] = line_of(value);
      }
    }
  }

 private:
  const std::string& file_;
  Diagnostics& diag_;
};

}  // namespace

SourcesFile parse_sources_toml(std::string_view text, const std::string& file_name) {
  Diagnostics diag;
  SourcesFile out;
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    diag.error(file_name, e.source().begin.line, "-", std::string(e.description()));
    diag.throw_if_errors();
  }
  Reader reader(file_name, diag);
  bool has_collector = false;
  std::map<std::string, std::size_t> names;
  for (const auto& [k, node] : root) {
    const std::string name(k.str());
    if (name == "collector") {
      has_collector = true;
      if (const auto* t = node.as_table()) reader.read_collector(*t, out.collector);
      else reader.error(line_of(node), name, "must be a table ([collector])");
    } else if (name == "source") {
      const auto* array = node.as_array();
      if (!array || !array->is_array_of_tables()) {
        reader.error(line_of(node), name, "must be an array of tables ([[source]])");
        continue;
      }
      for (const auto& element : *array) {
        SourceConfig s;
        reader.read_source(*element.as_table(), s);
        if (!s.name.empty()) {
          if (auto [it, fresh] = names.emplace(s.name, s.line); !fresh)
            reader.error(s.line, "source.name", "'" + s.name + "' is also the name of the source at line " +
                         std::to_string(it->second) + ": names must be unique (they tell listings apart)");
        }
        out.sources.push_back(std::move(s));
      }
    } else {
      reader.error(line_of(node), name, "unknown key (the file holds [collector] and [[source]] tables)");
    }
  }
  if (!has_collector)
    reader.error(0, "collector.user_agent", "is required: add [collector] with user_agent = \"product/version (+contact)\"");
  if (out.sources.empty() && root.get("source") == nullptr)
    reader.error(0, "source", "no [[source]]: nothing to collect");
  diag.throw_if_errors();
  return out;
}

void validate_sources_against(const SourcesFile& sources, const Dataset& data, const std::string& file_name) {
  Diagnostics diag;
  for (const auto& s : sources.sources) {
    for (const auto& id : s.games) {
      if (data.find_game(id)) continue;
      const auto line = s.game_lines.count(id) ? s.game_lines.at(id) : s.line;
      diag.error(file_name, line, "source.games", "game '" + id + "' is not in the dataset's games");
    }
    for (const auto& [section, code] : s.sections) {
      if (data.find_code(code)) continue;
      const auto line = s.section_lines.count(section) ? s.section_lines.at(section) : s.line;
      diag.error(file_name, line, "source.sections." + section,
                 "section '" + section + "' maps to price code '" + code + "', which the dataset does not have");
    }
  }
  diag.throw_if_errors();
}

// RFC 3986 section 2: unreserved characters stay, every other byte becomes %XX, so a game id
// holding '/', '?', '#' or spaces cannot change which resource is asked for.
std::string source_url(const SourceConfig& source, std::string_view game_id) {
  static const char* hex = "0123456789ABCDEF";
  std::string encoded;
  for (const char ch : game_id) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded += ch;
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  std::string url = source.url;
  const std::string placeholder = "{game_id}";
  for (std::size_t p = 0; (p = url.find(placeholder, p)) != std::string::npos; p += encoded.size())
    url.replace(p, placeholder.size(), encoded);
  return url;
}

}  // namespace seatsync
