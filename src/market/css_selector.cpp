// The CSS selector subset of listing_extract.hpp (Selectors Level 4, the parts a listing page
// needs), compiled once per source into a list of compound selectors joined by combinators, then
// matched right to left against gumbo's elements: the rightmost compound must match the element,
// each one to its left an ancestor (descendant) or the parent (child).
#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

#include "market/css_match.hpp"

namespace seatsync {

namespace {

struct AttributeTest {
  enum class Op { exists, equals, includes, prefix, suffix, substring } op = Op::exists;
  std::string name;   // lower-case: HTML attribute names are case-insensitive
  std::string value;  // case-sensitive
};

// :nth-child(a n + b); :first-child is (0, 1). :last-child counts from the end.
struct PositionTest {
  long a = 0, b = 1;
  bool from_end = false;
};

struct Compound {
  std::string tag;  // lower-case; empty = any element
  std::vector<std::string> ids, classes;
  std::vector<AttributeTest> attributes;
  std::vector<PositionTest> positions;
};

enum class Combinator { descendant, child };

// compounds.back() is the element itself; combinators[i] joins compounds[i] and compounds[i + 1].
struct Complex {
  std::vector<Compound> compounds;
  std::vector<Combinator> combinators;
};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A recursive-descent reader over the selector text; every error names its 1-based position.
class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  std::vector<Complex> list() {
    std::vector<Complex> out;
    skip_space();
    if (at_end()) fail("empty selector");
    while (true) {
      out.push_back(complex());
      skip_space();
      if (at_end()) break;
      if (peek() != ',') fail(std::string("unexpected '") + peek() + "'");
      ++pos_;
      skip_space();
    }
    return out;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;

  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
  void skip_space() {
    while (!at_end() && is_space(peek())) ++pos_;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("CSS selector '" + std::string(s_) + "': " + what + " at position " +
                                std::to_string(pos_ + 1));
  }
  static bool ident_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '-' || c == '_' || u >= 0x80;
  }

  // A name; a backslash takes the next character literally (CSS escapes, without hex forms).
  std::string ident(const char* what) {
    std::string out;
    while (!at_end()) {
      if (peek() == '\\' && pos_ + 1 < s_.size()) {
        out += s_[pos_ + 1];
        pos_ += 2;
      } else if (ident_char(peek())) {
        out += s_[pos_++];
      } else {
        break;
      }
    }
    if (out.empty()) fail(std::string("expected ") + what);
    return out;
  }

  std::string quoted() {
    const char quote = s_[pos_++];
    std::string out;
    while (!at_end() && peek() != quote) {
      if (peek() == '\\' && pos_ + 1 < s_.size()) ++pos_;
      out += s_[pos_++];
    }
    if (at_end()) fail("unterminated string");
    ++pos_;
    return out;
  }

  Complex complex() {
    Complex c;
    c.compounds.push_back(compound());
    while (true) {
      const std::size_t before = pos_;
      skip_space();
      if (at_end() || peek() == ',') return c;
      Combinator comb = Combinator::descendant;
      if (peek() == '>') {
        comb = Combinator::child;
        ++pos_;
        skip_space();
      } else if (pos_ == before) {
        fail(std::string("unexpected '") + peek() + "'");
      }
      if (at_end() || peek() == ',') fail("a combinator needs a selector after it");
      c.combinators.push_back(comb);
      c.compounds.push_back(compound());
    }
  }

  Compound compound() {
    Compound c;
    bool any = false;
    if (peek() == '*') {
      ++pos_;
      any = true;
    } else if (ident_char(peek()) || peek() == '\\') {
      c.tag = lower(ident("a tag name"));
      any = true;
    }
    while (!at_end()) {
      const char ch = peek();
      if (ch == '.') {
        ++pos_;
        c.classes.push_back(ident("a class name after '.'"));
      } else if (ch == '#') {
        ++pos_;
        c.ids.push_back(ident("an id after '#'"));
      } else if (ch == '[') {
        c.attributes.push_back(attribute());
      } else if (ch == ':') {
        c.positions.push_back(pseudo_class());
      } else {
        break;
      }
      any = true;
    }
    if (!any) fail(at_end() ? "expected a selector" : std::string("unexpected '") + peek() + "'");
    return c;
  }

  AttributeTest attribute() {
    ++pos_;  // '['
    skip_space();
    AttributeTest t;
    t.name = lower(ident("an attribute name"));
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return t;
    }
    using Op = AttributeTest::Op;
    const char ch = peek();
    if (ch == '=') {
      t.op = Op::equals;
    } else {
      if (ch == '~') t.op = Op::includes;
      else if (ch == '^') t.op = Op::prefix;
      else if (ch == '$') t.op = Op::suffix;
      else if (ch == '*') t.op = Op::substring;
      else fail("expected ']' or an operator (=, ~=, ^=, $=, *=)");
      ++pos_;
      if (peek() != '=') fail("expected '='");
    }
    ++pos_;
    skip_space();
    if (peek() == '"' || peek() == '\'') t.value = quoted();
    else t.value = ident("an attribute value");
    skip_space();
    if (peek() != ']') fail("expected ']'");
    ++pos_;
    return t;
  }

  PositionTest pseudo_class() {
    ++pos_;  // ':'
    const std::string name = lower(ident("a pseudo-class name"));
    if (name == "first-child") return {0, 1, false};
    if (name == "last-child") return {0, 1, true};
    if (name != "nth-child") {
      pos_ -= name.size();
      fail("unsupported pseudo-class ':" + name + "' (supported: first-child, last-child, nth-child)");
    }
    if (peek() != '(') fail("expected '(' after :nth-child");
    ++pos_;
    skip_space();
    const std::size_t start = pos_;
    while (!at_end() && peek() != ')') ++pos_;
    if (at_end()) fail("expected ')'");
    std::string arg;
    for (std::size_t i = start; i < pos_; ++i)
      if (!is_space(s_[i])) arg += static_cast<char>(std::tolower(static_cast<unsigned char>(s_[i])));
    PositionTest t;
    if (!an_plus_b(arg, t)) {
      pos_ = start;
      fail("cannot read :nth-child argument (expected odd, even, B, An or An+B)");
    }
    ++pos_;  // ')'
    return t;
  }

  // "odd", "even", "3", "2n+1", "-n+3", "n", spaces already removed.
  static bool an_plus_b(const std::string& s, PositionTest& t) {
    if (s == "odd") { t = {2, 1, false}; return true; }
    if (s == "even") { t = {2, 0, false}; return true; }
    auto number = [](const std::string& digits, long& out) {
      if (digits.empty() || digits.size() > 9) return false;
      if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
      out = std::stol(digits);
      return true;
    };
    const auto n = s.find('n');
    if (n == std::string::npos) {
      std::string body = s;
      long sign = 1;
      if (!body.empty() && (body[0] == '+' || body[0] == '-')) { sign = body[0] == '-' ? -1 : 1; body.erase(0, 1); }
      long b = 0;
      if (!number(body, b)) return false;
      t = {0, sign * b, false};
      return true;
    }
    std::string a_text = s.substr(0, n), b_text = s.substr(n + 1);
    long a = 1;
    if (a_text == "-") a = -1;
    else if (a_text.empty() || a_text == "+") a = 1;
    else {
      long sign = 1;
      if (a_text[0] == '+' || a_text[0] == '-') { sign = a_text[0] == '-' ? -1 : 1; a_text.erase(0, 1); }
      if (!number(a_text, a)) return false;
      a *= sign;
    }
    long b = 0;
    if (!b_text.empty()) {
      if (b_text[0] != '+' && b_text[0] != '-') return false;
      const long sign = b_text[0] == '-' ? -1 : 1;
      if (!number(b_text.substr(1), b)) return false;
      b *= sign;
    }
    t = {a, b, false};
    return true;
  }
};

bool is_element(const GumboNode& node) {
  return node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE;
}

const char* attribute_value(const GumboNode& element, const std::string& name) {
  const GumboAttribute* a = gumbo_get_attribute(&element.v.element.attributes, name.c_str());
  return a ? a->value : nullptr;
}

// The whitespace-separated words of a class or ~= attribute.
bool has_word(std::string_view list, std::string_view word) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && std::isspace(static_cast<unsigned char>(list[i]))) ++i;
    std::size_t j = i;
    while (j < list.size() && !std::isspace(static_cast<unsigned char>(list[j]))) ++j;
    if (j > i && list.substr(i, j - i) == word) return true;
    i = j;
  }
  return false;
}

bool attribute_matches(const GumboNode& element, const AttributeTest& t) {
  const char* v = attribute_value(element, t.name);
  if (!v) return false;
  const std::string_view value(v);
  using Op = AttributeTest::Op;
  switch (t.op) {
    case Op::exists: return true;
    case Op::equals: return value == t.value;
    case Op::includes: return !t.value.empty() && has_word(value, t.value);
    // Selectors 4: an empty value for ^= $= *= matches nothing.
    case Op::prefix: return !t.value.empty() && value.starts_with(t.value);
    case Op::suffix: return !t.value.empty() && value.ends_with(t.value);
    case Op::substring: return !t.value.empty() && value.find(t.value) != std::string_view::npos;
  }
  return false;
}

// The element's 1-based position among its parent's element children, from the start or the end.
long position_of(const GumboNode& element, bool from_end) {
  const GumboNode* parent = element.parent;
  if (!parent) return 1;
  const GumboVector& children = parent->type == GUMBO_NODE_DOCUMENT ? parent->v.document.children
                                                                     : parent->v.element.children;
  long before = 0, after = 0;
  bool seen = false;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child == &element) { seen = true; continue; }
    if (!is_element(*child)) continue;
    (seen ? after : before) += 1;
  }
  return (from_end ? after : before) + 1;
}

bool position_matches(const GumboNode& element, const PositionTest& t) {
  const long i = position_of(element, t.from_end);
  if (t.a == 0) return i == t.b;
  // i = a n + b for some n >= 0
  const long diff = i - t.b;
  return diff % t.a == 0 && diff / t.a >= 0;
}

bool compound_matches(const GumboNode& element, const Compound& c) {
  if (!is_element(element)) return false;
  if (!c.tag.empty() && css::tag_name(element) != c.tag) return false;
  for (const auto& id : c.ids) {
    const char* v = attribute_value(element, "id");
    if (!v || id != v) return false;
  }
  if (!c.classes.empty()) {
    const char* v = attribute_value(element, "class");
    if (!v) return false;
    for (const auto& cls : c.classes)
      if (!has_word(v, cls)) return false;
  }
  for (const auto& a : c.attributes)
    if (!attribute_matches(element, a)) return false;
  for (const auto& p : c.positions)
    if (!position_matches(element, p)) return false;
  return true;
}

const GumboNode* parent_element(const GumboNode& node) {
  const GumboNode* p = node.parent;
  return p && is_element(*p) ? p : nullptr;
}

// Does compounds[0..k] match with compounds[k] at `element`? Backtracks over ancestors for the
// descendant combinator (a selector list on a listing page is short; depth is the page's depth).
bool complex_matches(const Complex& c, std::size_t k, const GumboNode& element) {
  if (!compound_matches(element, c.compounds[k])) return false;
  if (k == 0) return true;
  const Combinator comb = c.combinators[k - 1];
  for (const GumboNode* up = parent_element(element); up; up = parent_element(*up)) {
    if (complex_matches(c, k - 1, *up)) return true;
    if (comb == Combinator::child) return false;
  }
  return false;
}

void collect(const CssSelector& selector, const GumboNode& node, bool first_only,
             std::vector<const GumboNode*>& out) {
  const GumboVector* children = nullptr;
  if (node.type == GUMBO_NODE_DOCUMENT) children = &node.v.document.children;
  else if (is_element(node)) children = &node.v.element.children;
  if (!children) return;
  for (unsigned i = 0; i < children->length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children->data[i]);
    if (!is_element(*child)) continue;
    if (css::matches(selector, *child)) {
      out.push_back(child);
      if (first_only) return;
    }
    collect(selector, *child, first_only, out);
    if (first_only && !out.empty()) return;
  }
}

}  // namespace

struct CssSelector::Compiled {
  std::string text;
  std::vector<Complex> alternatives;  // the comma-separated list
};

CssSelector::CssSelector(std::string_view text)
    : compiled_(std::make_unique<Compiled>(Compiled{std::string(text), Parser(text).list()})) {}
CssSelector::~CssSelector() = default;
CssSelector::CssSelector(CssSelector&&) noexcept = default;
CssSelector& CssSelector::operator=(CssSelector&&) noexcept = default;
const std::string& CssSelector::text() const { return compiled_->text; }

namespace css {

std::string tag_name(const GumboNode& element) {
  if (element.v.element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.v.element.tag);
  GumboStringPiece piece = element.v.element.original_tag;
  gumbo_tag_from_original_text(&piece);  // "<my-tag attr>" → "my-tag"
  return lower(std::string(piece.data, piece.length));
}

bool matches(const CssSelector& selector, const GumboNode& element) {
  if (!is_element(element)) return false;
  for (const auto& alternative : selector.compiled().alternatives)
    if (complex_matches(alternative, alternative.compounds.size() - 1, element)) return true;
  return false;
}

std::vector<const GumboNode*> select_all(const CssSelector& selector, const GumboNode& root) {
  std::vector<const GumboNode*> out;
  collect(selector, root, false, out);
  return out;
}

const GumboNode* select_first(const CssSelector& selector, const GumboNode& root) {
  std::vector<const GumboNode*> out;
  collect(selector, root, true, out);
  return out.empty() ? nullptr : out.front();
}

}  // namespace css

}  // namespace seatsync
