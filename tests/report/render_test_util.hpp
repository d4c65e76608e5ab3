#pragma once
// Helpers for the chart and HTML tests: a small well-formedness checker for the markup we
// generate, substring counting, attribute extraction, and running an external program
// (xmllint, chromium) with a time limit.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <limits>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace seatsync::render_test {

// Checks that `markup` is well formed: tags balance, attributes are quoted and not repeated,
// every '&' starts a known entity and no raw '<' hides in text. With html = true, HTML void
// elements need no closing tag, <!DOCTYPE> is allowed and <style> content is raw text.
// Returns "" when fine, otherwise what is wrong and where.
inline std::string check_markup(std::string_view markup, bool html) {
  static const std::set<std::string, std::less<>> kVoid{"area", "base", "br", "col", "embed", "hr", "img",
                                                        "input", "link", "meta", "source", "track", "wbr"};
  auto where = [&](std::size_t at) { return " at offset " + std::to_string(at) + ": '" +
                                            std::string(markup.substr(at, 60)) + "'"; };
  auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_'; };
  auto check_entity = [&](std::size_t at) -> bool {
    const auto end = markup.find(';', at);
    if (end == std::string_view::npos || end - at > 10) return false;
    const std::string_view entity = markup.substr(at + 1, end - at - 1);
    if (entity == "amp" || entity == "lt" || entity == "gt" || entity == "quot" || entity == "apos") return true;
    if (entity.size() >= 2 && entity[0] == '#') {
      const bool hex = entity[1] == 'x';
      for (std::size_t i = hex ? 2 : 1; i < entity.size(); ++i)
        if (!(hex ? std::isxdigit(static_cast<unsigned char>(entity[i])) : std::isdigit(static_cast<unsigned char>(entity[i]))))
          return false;
      return entity.size() > (hex ? 2u : 1u);
    }
    return false;
  };
  std::vector<std::string> open;
  std::size_t i = 0;
  while (i < markup.size()) {
    const char c = markup[i];
    if (c == '&') {
      if (!check_entity(i)) return "bad entity" + where(i);
      ++i;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    if (markup.substr(i, 4) == "<!--") {
      const auto end = markup.find("-->", i);
      if (end == std::string_view::npos) return "unterminated comment" + where(i);
      i = end + 3;
      continue;
    }
    if (html && (markup.substr(i, 9) == "<!DOCTYPE" || markup.substr(i, 9) == "<!doctype")) {
      i = markup.find('>', i) + 1;
      continue;
    }
    const bool closing = markup.substr(i, 2) == "</";
    std::size_t p = i + (closing ? 2 : 1);
    const std::size_t name_start = p;
    while (p < markup.size() && is_name_char(markup[p])) ++p;
    const std::string name(markup.substr(name_start, p - name_start));
    if (name.empty()) return "raw '<' in text" + where(i);
    if (closing) {
      while (p < markup.size() && markup[p] == ' ') ++p;
      if (p >= markup.size() || markup[p] != '>') return "bad closing tag" + where(i);
      if (open.empty() || open.back() != name)
        return "closing </" + name + "> does not match <" + (open.empty() ? "" : open.back()) + ">" + where(i);
      open.pop_back();
      i = p + 1;
      continue;
    }
    std::set<std::string> attributes;
    bool self_closing = false;
    for (;;) {
      while (p < markup.size() && std::isspace(static_cast<unsigned char>(markup[p]))) ++p;
      if (p >= markup.size()) return "unterminated tag" + where(i);
      if (markup[p] == '>') break;
      if (markup.substr(p, 2) == "/>") {
        self_closing = true;
        ++p;
        break;
      }
      const std::size_t attr_start = p;
      while (p < markup.size() && is_name_char(markup[p])) ++p;
      const std::string attr(markup.substr(attr_start, p - attr_start));
      if (attr.empty()) return "bad attribute" + where(p);
      if (!attributes.insert(attr).second) return "repeated attribute " + attr + where(i);
      if (markup[p] != '=') {
        if (!html) return "attribute without value" + where(attr_start);
        continue;
      }
      ++p;
      const char quote = markup[p];
      if (quote != '"' && quote != '\'') return "unquoted attribute" + where(attr_start);
      const auto end = markup.find(quote, p + 1);
      if (end == std::string_view::npos) return "unterminated attribute" + where(attr_start);
      for (std::size_t k = p + 1; k < end; ++k) {
        if (markup[k] == '<') return "raw '<' in attribute" + where(attr_start);
        if (markup[k] == '&' && !check_entity(k)) return "bad entity in attribute" + where(k);
      }
      p = end + 1;
    }
    i = p + 1;
    if (self_closing || (html && kVoid.count(name))) continue;
    if (html && (name == "style" || name == "script")) {
      const auto end = markup.find("</" + name + ">", i);
      if (end == std::string_view::npos) return "unterminated <" + name + ">" + where(i);
      i = end + name.size() + 3;
      continue;
    }
    open.push_back(name);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return "";
}

inline std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// Every element <tag …> whose start tag contains `marker`, as the start tag's text.
inline std::vector<std::string> start_tags(std::string_view markup, std::string_view tag, std::string_view marker) {
  std::vector<std::string> out;
  const std::string open = "<" + std::string(tag) + " ";
  for (auto at = markup.find(open); at != std::string_view::npos; at = markup.find(open, at + 1)) {
    const auto end = markup.find('>', at);
    const std::string_view start = markup.substr(at, end - at + 1);
    if (start.find(marker) != std::string_view::npos) out.emplace_back(start);
  }
  return out;
}

// The value of attribute `name` in a start tag, as a number.
inline double number_attribute(std::string_view start_tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const auto at = start_tag.find(key);
  if (at == std::string_view::npos) return std::numeric_limits<double>::quiet_NaN();
  return std::stod(std::string(start_tag.substr(at + key.size())));
}

struct ProgramResult {
  int exit_code = -1;
  bool timed_out = false;
  std::string out, err;
};

// Runs `argv` (argv[0] is the program path; no shell) in its own process group with stdin from
// /dev/null, capturing stdout and stderr; after `timeout` the group is killed.
inline ProgramResult run_program(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
  test::TempDir capture;
  const auto out_path = capture / "stdout";
  const auto err_path = capture / "stderr";
  const pid_t pid = fork();
  if (pid < 0) return {};
  if (pid == 0) {
    setpgid(0, 0);  // a group of its own, so a timeout can end the program and its helpers together
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<std::string> args = argv;
    std::vector<char*> raw;
    for (auto& a : args) raw.push_back(a.data());
    raw.push_back(nullptr);
    execv(raw[0], raw.data());
    _exit(127);
  }
  ProgramResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!result.timed_out) {
    // Helpers the program left behind in its group (chromium's zygote) must not outlive the test.
    kill(-pid, SIGKILL);
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  result.out = test::read_file(out_path);
  result.err = test::read_file(err_path);
  return result;
}

// xmllint's verdict on an XML document, or nullopt-like "skipped" when xmllint is missing.
struct XmllintVerdict {
  bool available = false;
  bool ok = false;
  std::string messages;
};

inline XmllintVerdict xmllint(const std::string& document) {
  XmllintVerdict v;
  if (!std::filesystem::exists("/usr/bin/xmllint")) return v;
  v.available = true;
  test::TempDir dir;
  test::write_file(dir / "doc.xml", document);
  const auto r = run_program({"/usr/bin/xmllint", "--noout", (dir / "doc.xml").string()}, std::chrono::seconds(30));
  v.ok = r.exit_code == 0;
  v.messages = r.err;
  return v;
}

}  // namespace seatsync::render_test
