#pragma once
// A collector's sources file (docs/market-data.md): who we say we are, how politely we fetch,
// and per source where its listings are and how its sections map to our price codes.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seatsync {

struct Dataset;

struct CollectorSettings {
  std::string user_agent;         // required, honest: product/version (+contact)
  double min_interval_s = 1.0;    // per domain; values below 1.0 are refused
  int max_retries = 4;
  double timeout_s = 20.0;        // per request
  std::vector<std::string> proxies;  // egress only ("http://host:port"); tried in order, failed ones skipped
};

struct SourceConfig {
  std::string name;               // written to listings' `source`
  enum class Kind { json, html } kind = Kind::json;
  std::string url;                // may hold {game_id}
  std::vector<std::string> games; // empty = every upcoming game (dated on or after the run's day)
  // Where things are: JSON pointers (RFC 6901) for json, CSS selectors for html. `items` selects
  // the array / the elements; the others are relative to one item. price is required.
  std::string items, price, quantity, section, listing_id, currency;
  std::optional<std::string> expected_currency;  // e.g. "USD": a listing in another is rejected
  double min_price = 1.0, max_price = 100000.0;   // outside → rejected as implausible
  std::map<std::string, std::string> sections;    // source section → our price code
  std::size_t line = 0;           // where the [[source]] table starts, for messages
  std::map<std::string, std::size_t> section_lines;  // line of each sections entry, for messages
  std::map<std::string, std::size_t> game_lines;     // line of the games list, per game id
};

struct SourcesFile {
  CollectorSettings collector;
  std::vector<SourceConfig> sources;
};

// Parses a sources file; every problem (missing user_agent, unknown kind, min_interval_s < 1,
// a source without url/items/price, an unknown key) → ValidationError with FILE:LINE: KEY.
SourcesFile parse_sources_toml(std::string_view text, const std::string& file_name);

// What only the dataset can tell: every game a source lists exists, and every [source.sections]
// entry maps to a price code the dataset has (a map to an unknown code would store listings under
// no code while looking configured). ValidationError with FILE:LINE: KEY for each problem.
void validate_sources_against(const SourcesFile& sources, const Dataset& data, const std::string& file_name);

// url with {game_id} replaced (percent-encoded).
std::string source_url(const SourceConfig& source, std::string_view game_id);

}  // namespace seatsync
