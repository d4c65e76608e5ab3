#pragma once
// Reading our .xlsx files back in tests, the way Excel would: the zip's parts (via the unzip
// tool), the sheets' cells (formula, cached value, style), shared strings and styles — and
// recalculating a workbook in LibreOffice.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace seatsync::xlsx_test {
namespace fs = std::filesystem;

inline bool have_program(const std::string& name) {
  return std::system(("command -v " + name + " > /dev/null 2>&1").c_str()) == 0;
}

// One part of the zip, e.g. "xl/workbook.xml".
inline std::string zip_part(const fs::path& xlsx, const std::string& part) {
  const std::string command = "unzip -p '" + xlsx.string() + "' '" + part + "' 2>/dev/null";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run unzip");
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

inline std::string unescape_xml(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (std::size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, std::string(from).size(), to);
  return s;
}

struct SheetEntry {
  std::string name;
  bool hidden = false;
};

inline std::vector<SheetEntry> workbook_sheets(const fs::path& xlsx) {
  const std::string xml = zip_part(xlsx, "xl/workbook.xml");
  std::vector<SheetEntry> sheets;
  const std::regex sheet_tag(R"(<sheet ([^>]*)/>)");
  for (std::sregex_iterator it(xml.begin(), xml.end(), sheet_tag), end; it != end; ++it) {
    const std::string attrs = (*it)[1];
    std::smatch name;
    std::regex_search(attrs, name, std::regex(R"re(name="([^"]*)")re"));
    sheets.push_back({unescape_xml(name[1]), attrs.find("state=\"hidden\"") != std::string::npos});
  }
  return sheets;
}

// libxlsxwriter stores the n-th sheet (from 1) as xl/worksheets/sheet<n>.xml.
inline std::string sheet_xml(const fs::path& xlsx, int number) {
  return zip_part(xlsx, "xl/worksheets/sheet" + std::to_string(number) + ".xml");
}

struct Cell {
  int style = 0;
  std::string type;     // "s" = shared string, "str" = formula text, "" = number
  std::string formula;  // without "=", unescaped
  std::string value;    // the <v> text: a number, or a shared-string index
};

inline std::map<std::string, Cell> sheet_cells(const std::string& xml) {
  std::map<std::string, Cell> cells;
  const std::regex cell_tag(R"re(<c r="([A-Z]+[0-9]+)"([^>]*?)(/>|>(.*?)</c>))re");
  const std::regex style_attr(R"re(s="([0-9]+)")re"), type_attr(R"re(t="([a-z]+)")re");
  const std::regex formula_tag(R"(<f>(.*?)</f>)"), value_tag(R"(<v>(.*?)</v>)");
  for (std::sregex_iterator it(xml.begin(), xml.end(), cell_tag), end; it != end; ++it) {
    Cell cell;
    const std::string attrs = (*it)[2], body = (*it)[4];
    std::smatch m;
    if (std::regex_search(attrs, m, style_attr)) cell.style = std::stoi(m[1]);
    if (std::regex_search(attrs, m, type_attr)) cell.type = m[1];
    if (std::regex_search(body, m, formula_tag)) cell.formula = unescape_xml(m[1]);
    if (std::regex_search(body, m, value_tag)) cell.value = m[1];
    cells[(*it)[1]] = cell;
  }
  return cells;
}

inline std::vector<std::string> shared_strings(const fs::path& xlsx) {
  const std::string xml = zip_part(xlsx, "xl/sharedStrings.xml");
  std::vector<std::string> strings;
  const std::regex item(R"(<si>(.*?)</si>)"), text(R"(<t[^>]*>(.*?)</t>)");
  for (std::sregex_iterator it(xml.begin(), xml.end(), item), end; it != end; ++it) {
    const std::string si = (*it)[1];
    std::string joined;
    for (std::sregex_iterator t(si.begin(), si.end(), text); t != end; ++t) joined += unescape_xml((*t)[1]);
    strings.push_back(joined);
  }
  return strings;
}

// A sheet's cells with the shared strings resolved: text() gives what the cell shows as text.
struct SheetView {
  std::map<std::string, Cell> cells;
  std::vector<std::string> strings;
  std::string xml;

  bool has(const std::string& ref) const { return cells.count(ref) > 0; }
  const Cell& at(const std::string& ref) const {
    auto it = cells.find(ref);
    if (it == cells.end()) throw std::out_of_range("no cell " + ref);
    return it->second;
  }
  std::string text(const std::string& ref) const {
    const Cell& c = at(ref);
    return c.type == "s" ? strings.at(std::stoul(c.value)) : c.value;
  }
  double number(const std::string& ref) const { return std::stod(at(ref).value); }
};

inline SheetView view_sheet(const fs::path& xlsx, int number) {
  SheetView v;
  v.xml = sheet_xml(xlsx, number);
  v.cells = sheet_cells(v.xml);
  v.strings = shared_strings(xlsx);
  return v;
}

// The parts of styles.xml a test looks at: per cell style (xf), its fill colour ("" = no fill),
// font colour and boldness.
struct CellStyle {
  std::string fill_rgb;  // "FF1F7A37"
  std::string font_rgb;
  bool bold = false;
};

inline std::vector<CellStyle> cell_styles(const fs::path& xlsx) {
  const std::string xml = zip_part(xlsx, "xl/styles.xml");
  auto section = [&](const std::string& tag) {
    const auto from = xml.find("<" + tag), to = xml.find("</" + tag + ">");
    return xml.substr(from, to - from);
  };
  const std::string fonts_xml = section("fonts"), fills_xml = section("fills"), xfs_xml = section("cellXfs");
  std::vector<std::pair<std::string, bool>> fonts;
  const std::regex font_tag(R"(<font>(.*?)</font>)"), rgb(R"re(rgb="([0-9A-F]+)")re");
  for (std::sregex_iterator it(fonts_xml.begin(), fonts_xml.end(), font_tag), end; it != end; ++it) {
    const std::string body = (*it)[1];
    std::smatch m;
    const bool has_rgb = std::regex_search(body, m, std::regex(R"re(<color rgb="([0-9A-F]+)")re"));
    fonts.emplace_back(has_rgb ? std::string(m[1]) : "", body.find("<b/>") != std::string::npos);
  }
  std::vector<std::string> fills;
  const std::regex fill_tag(R"(<fill>(.*?)</fill>)");
  for (std::sregex_iterator it(fills_xml.begin(), fills_xml.end(), fill_tag), end; it != end; ++it) {
    const std::string body = (*it)[1];
    std::smatch m;
    const bool solid = body.find("patternType=\"solid\"") != std::string::npos;
    fills.push_back(solid && std::regex_search(body, m, std::regex(R"re(<fgColor rgb="([0-9A-F]+)")re")) ? std::string(m[1])
                                                                                                        : "");
  }
  std::vector<CellStyle> styles;
  const std::regex xf_tag(R"(<xf ([^>]*?)/?>)");
  for (std::sregex_iterator it(xfs_xml.begin(), xfs_xml.end(), xf_tag), end; it != end; ++it) {
    const std::string attrs = (*it)[1];
    std::smatch m;
    CellStyle s;
    if (std::regex_search(attrs, m, std::regex(R"re(fontId="([0-9]+)")re"))) {
      s.font_rgb = fonts.at(std::stoul(m[1])).first;
      s.bold = fonts.at(std::stoul(m[1])).second;
    }
    if (std::regex_search(attrs, m, std::regex(R"re(fillId="([0-9]+)")re"))) s.fill_rgb = fills.at(std::stoul(m[1]));
    styles.push_back(s);
  }
  return styles;
}

// "FF1F7A37" → its red, green, blue.
struct Rgb {
  int r, g, b;
};
inline Rgb rgb_of(const std::string& argb) {
  return {std::stoi(argb.substr(2, 2), nullptr, 16), std::stoi(argb.substr(4, 2), nullptr, 16),
          std::stoi(argb.substr(6, 2), nullptr, 16)};
}

// Converts `xlsx` with headless LibreOffice, recalculating every formula on load (the profile
// sets OOXMLRecalcMode to 0, "always"; by default LibreOffice keeps the cached values).
// `filter` as in soffice --convert-to; returns the converted file, or throws.
inline fs::path convert_with_libreoffice(const fs::path& xlsx, const std::string& filter, const std::string& extension,
                                         const fs::path& work) {
  const fs::path profile = work / "lo-profile";
  test::write_file(profile / "user" / "registrymodifications.xcu",
                   R"(<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
)");
  const fs::path out = work / "converted";
  fs::create_directories(out);
  const std::string command = "timeout 120 soffice -env:UserInstallation=file://" + profile.string() +
                              " --headless --norestore --convert-to '" + filter + "' --outdir '" + out.string() + "' '" +
                              xlsx.string() + "' > '" + (work / "soffice.log").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  const fs::path result = out / (xlsx.stem().string() + "." + extension);
  if (status != 0 || !fs::exists(result))
    throw std::runtime_error("LibreOffice conversion failed: " + test::read_file(work / "soffice.log"));
  return result;
}

// RFC 4180-ish: fields split by commas, double quotes around fields with commas or quotes.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (ch == '"') quoted = false;
      else field += ch;
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().push_back(field), field.clear();
    } else if (ch == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else if (ch != '\r') {
      field += ch;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace seatsync::xlsx_test
