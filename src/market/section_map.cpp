// Where a listing without a price code sits among our codes: the section → code map of a TOML
// file, either its own [sections] table or the collector's sources file (so the map the
// collector used to code listings also codes the ones it could not).
#include <toml++/toml.h>

#include "seatsync/diagnostics.hpp"
#include "seatsync/market_comparison.hpp"

namespace seatsync {
namespace {

void read_sections(const toml::table& table, const std::string& source, const std::string& file, const Dataset& data,
                   SectionMap& map, Diagnostics& diag) {
  for (const auto& [key, node] : table) {
    const std::size_t line = node.source().begin.line;
    const auto code = node.value<std::string>();
    if (!code) {
      diag.error(file, line, std::string(key.str()), "a section maps to a price code, written as a string");
      continue;
    }
    const auto index = data.find_code(*code);
    if (!index) {
      diag.error(file, line, std::string(key.str()), "unknown price code '" + *code + "'");
      continue;
    }
    map.by_source[source][std::string(key.str())] = *index;
  }
}

}  // namespace

SectionMap parse_section_map_toml(std::string_view text, const std::string& file, const Dataset& data) {
  Diagnostics diag;
  SectionMap map;
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    diag.error(file, e.source().begin.line, "-", std::string(e.description()));
    diag.throw_if_errors();
  }
  if (const auto* all = root["sections"].as_table()) read_sections(*all, "", file, data, map, diag);
  if (const auto* sources = root["source"].as_array())
    for (const auto& node : *sources) {
      const auto* source = node.as_table();
      if (!source) continue;
      const auto* sections = (*source)["sections"].as_table();
      if (!sections) continue;
      const auto name = (*source)["name"].value<std::string>();
      if (!name) {
        diag.error(file, node.source().begin.line, "name", "a [[source]] with sections needs its name");
        continue;
      }
      read_sections(*sections, *name, file, data, map, diag);
    }
  diag.throw_if_errors();
  return map;
}

}  // namespace seatsync
