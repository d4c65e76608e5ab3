#include "json_schema.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <utility>

namespace seatsync::test {

namespace {

using json = nlohmann::json;
using Pointer = json::json_pointer;
using Errors = std::vector<std::string>;

// The instance's JSON type in JSON Schema's words. Whole numbers stored as integers say
// "integer" so a message tells what the server actually sent.
std::string type_of(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "non-JSON value";  // binary or discarded: never produced by parsing text
  }
}

bool has_type(const json& value, const std::string& type) {
  if (type == "integer") {
    // JSON Schema: "integer" is any number with a zero fractional part, so 3.0 counts.
    if (value.is_number_integer()) return true;
    const double d = value.is_number_float() ? value.get<double>() : 0.5;
    return std::isfinite(d) && std::floor(d) == d;
  }
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  throw std::invalid_argument("unknown type \"" + type + "\" in schema");
}

// A value for a message, cut short: an enum or const mismatch on a whole response body must
// not flood the test output.
std::string shown(const json& value) {
  std::string text = value.dump();
  return text.size() <= 60 ? text : text.substr(0, 57) + "...";
}

// JSON Schema counts string lengths in characters (code points), not UTF-8 bytes.
std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A numeric keyword's bound. Checked by hand because nlohmann would quietly turn OpenAPI 3.0's
// boolean `exclusiveMinimum: true` into 1.
double number_keyword(const json& schema, const char* keyword) {
  const json& bound = schema.at(keyword);
  if (!bound.is_number()) throw std::invalid_argument(std::string(keyword) + " must be a number, got " + shown(bound));
  return bound.get<double>();
}

std::size_t count_keyword(const json& schema, const char* keyword) {
  const double count = number_keyword(schema, keyword);
  if (count < 0 || std::floor(count) != count) throw std::invalid_argument(std::string(keyword) + " must be a count");
  return static_cast<std::size_t>(count);
}

// A $ref is a URI fragment holding a JSON pointer: percent-escapes are URI syntax and are
// decoded first; the pointer's own ~0/~1 escapes are left to json_pointer.
Pointer local_ref_pointer(const std::string& ref) {
  if (ref.empty() || ref[0] != '#') throw std::invalid_argument("only local $refs (\"#/...\") are supported: " + ref);
  std::string pointer;
  for (std::size_t i = 1; i < ref.size(); ++i) {
    if (ref[i] == '%' && i + 2 < ref.size() && std::isxdigit(static_cast<unsigned char>(ref[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(ref[i + 2]))) {
      pointer += static_cast<char>(std::stoi(ref.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      pointer += ref[i];
    }
  }
  try {
    return Pointer(pointer);
  } catch (const json::exception&) {
    throw std::invalid_argument("$ref is not a JSON pointer: " + ref);
  }
}

const json& resolve(const json& document, const Pointer& pointer, const std::string& what) {
  try {
    return document.at(pointer);
  } catch (const json::exception&) {
    throw std::invalid_argument(what + " does not resolve: \"" + pointer.to_string() + "\"");
  }
}

// schema[keyword], or `fallback` when absent; a reference, since json::value() would copy a
// whole sub-schema on every visit.
const json& member(const json& schema, const char* keyword, const json& fallback) {
  const auto found = schema.find(keyword);
  return found == schema.end() ? fallback : *found;
}

// An array-valued keyword (required, enum, allOf, ...), checked because nlohmann iterates a
// scalar as a one-element range: a typo like "required": "id" would pass silently.
const json& array_keyword(const json& schema, const char* keyword) {
  static const json none = json::array();
  const json& value = member(schema, keyword, none);
  if (!value.is_array()) throw std::invalid_argument(std::string(keyword) + " must be an array, got " + shown(value));
  return value;
}

void fail(Errors& errors, const Pointer& at, const std::string& what) {
  errors.push_back(at.to_string() + ": " + what);
}

class Validator {
 public:
  explicit Validator(const json& document) : document_(document) {}

  void validate(const json& instance, const json& schema, const Pointer& at, Errors& errors) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) fail(errors, at, "no value is allowed here (schema is false)");
      return;
    }
    if (!schema.is_object())
      throw std::invalid_argument("a schema must be an object or a boolean, got " + shown(schema));
    // 2020-12 applies $ref alongside its sibling keywords (OpenAPI 3.0 ignored the siblings).
    if (schema.contains("$ref")) validate_ref(instance, schema["$ref"].get<std::string>(), at, errors);
    // Stop after a type mismatch: the type-specific keywords below would only repeat it.
    if (!check_type(instance, schema, at, errors)) return;
    check_values(instance, schema, at, errors);
    if (instance.is_number()) check_number(instance.get<double>(), instance, schema, at, errors);
    if (instance.is_string()) check_string(instance.get<std::string>(), schema, at, errors);
    if (instance.is_array()) check_array(instance, schema, at, errors);
    if (instance.is_object()) check_object(instance, schema, at, errors);
    check_combinators(instance, schema, at, errors);
  }

 private:
  Errors errors_of(const json& instance, const json& schema, const Pointer& at) {
    Errors errors;
    validate(instance, schema, at, errors);
    return errors;
  }

  void validate_ref(const json& instance, const std::string& ref, const Pointer& at, Errors& errors) {
    const Pointer target = local_ref_pointer(ref);
    // Re-entering the same $ref at the same instance location means the schema loops without
    // descending into the instance (A: {$ref: A}) and would never end. A recursive schema such
    // as a tree always moves to a child location first, so it never trips this.
    const auto key = std::make_pair(target.to_string(), at.to_string());
    if (!active_refs_.insert(key).second)
      throw std::invalid_argument("$ref " + ref + " loops at instance location \"" + at.to_string() + "\"");
    validate(instance, resolve(document_, target, "$ref " + ref), at, errors);
    active_refs_.erase(key);
  }

  bool check_type(const json& instance, const json& schema, const Pointer& at, Errors& errors) {
    if (!schema.contains("type")) return true;
    const json& type = schema["type"];
    const json types = type.is_array() ? type : json::array({type});
    std::string expected;
    bool matched = false;
    for (const json& t : types) {  // every name is checked, so a misspelt one never hides
      if (!t.is_string()) throw std::invalid_argument("type must name types, got " + shown(type));
      matched = has_type(instance, t.get<std::string>()) || matched;
      expected += (expected.empty() ? "" : " or ") + t.get<std::string>();
    }
    if (!matched) fail(errors, at, "expected " + expected + ", got " + type_of(instance));
    return matched;
  }

  void check_values(const json& instance, const json& schema, const Pointer& at, Errors& errors) {
    // json's == compares numbers by value, so 1 and 1.0 are equal, as JSON Schema wants.
    if (schema.contains("const") && instance != schema["const"])
      fail(errors, at, "expected the constant " + shown(schema["const"]) + ", got " + shown(instance));
    if (schema.contains("enum")) {
      const json& options = array_keyword(schema, "enum");
      if (std::find(options.begin(), options.end(), instance) == options.end())
        fail(errors, at, shown(instance) + " is not one of " + shown(options));
    }
  }

  void check_number(double value, const json& instance, const json& schema, const Pointer& at, Errors& errors) {
    const std::string v = shown(instance);
    if (schema.contains("minimum") && value < number_keyword(schema, "minimum"))
      fail(errors, at, v + " is less than the minimum " + shown(schema["minimum"]));
    if (schema.contains("maximum") && value > number_keyword(schema, "maximum"))
      fail(errors, at, v + " is greater than the maximum " + shown(schema["maximum"]));
    if (schema.contains("exclusiveMinimum") && value <= number_keyword(schema, "exclusiveMinimum"))
      fail(errors, at, v + " is not greater than the exclusive minimum " + shown(schema["exclusiveMinimum"]));
    if (schema.contains("exclusiveMaximum") && value >= number_keyword(schema, "exclusiveMaximum"))
      fail(errors, at, v + " is not less than the exclusive maximum " + shown(schema["exclusiveMaximum"]));
  }

  void check_string(const std::string& value, const json& schema, const Pointer& at, Errors& errors) {
    const std::size_t length = code_points(value);
    if (schema.contains("minLength") && length < count_keyword(schema, "minLength"))
      fail(errors, at,
           "string of length " + std::to_string(length) + " is shorter than minLength " + shown(schema["minLength"]));
    if (schema.contains("maxLength") && length > count_keyword(schema, "maxLength"))
      fail(errors, at,
           "string of length " + std::to_string(length) + " is longer than maxLength " + shown(schema["maxLength"]));
    if (schema.contains("pattern")) {
      const std::string pattern = schema["pattern"].get<std::string>();
      // JSON Schema patterns are unanchored: they match anywhere, hence regex_search.
      if (!std::regex_search(value, regex(pattern)))
        fail(errors, at, shown(value) + " does not match the pattern " + pattern);
    }
  }

  // Compiled once per pattern: a response with many array items would otherwise recompile it
  // for every item.
  const std::regex& regex(const std::string& pattern) {
    auto found = regexes_.find(pattern);
    if (found != regexes_.end()) return found->second;
    try {
      return regexes_.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first->second;
    } catch (const std::regex_error& e) {
      throw std::invalid_argument("pattern " + pattern + " is not a valid regex: " + e.what());
    }
  }

  void check_array(const json& instance, const json& schema, const Pointer& at, Errors& errors) {
    const std::string size = std::to_string(instance.size());
    if (schema.contains("minItems") && instance.size() < count_keyword(schema, "minItems"))
      fail(errors, at, "array of " + size + " items is shorter than minItems " + shown(schema["minItems"]));
    if (schema.contains("maxItems") && instance.size() > count_keyword(schema, "maxItems"))
      fail(errors, at, "array of " + size + " items is longer than maxItems " + shown(schema["maxItems"]));
    if (!schema.contains("items")) return;
    // Draft 4-7's tuple form (an array of schemas) became prefixItems in 2020-12; refuse it
    // rather than silently reading it another way.
    if (schema["items"].is_array())
      throw std::invalid_argument("items must be a schema (tuple form is prefixItems in 3.1)");
    for (std::size_t i = 0; i < instance.size(); ++i) validate(instance[i], schema["items"], at / i, errors);
  }

  void check_object(const json& instance, const json& schema, const Pointer& at, Errors& errors) {
    for (const json& name : array_keyword(schema, "required"))
      if (!instance.contains(name.get<std::string>())) fail(errors, at, "missing required property " + name.dump());
    static const json none = json::object();
    const json& properties = member(schema, "properties", none);
    if (!properties.is_object()) throw std::invalid_argument("properties must be an object");
    for (const auto& [name, value] : instance.items()) {
      if (properties.contains(name))
        validate(value, properties[name], at / name, errors);
      else if (schema.contains("additionalProperties"))
        validate(value, schema["additionalProperties"], at / name, errors);
    }
  }

  void check_combinators(const json& instance, const json& schema, const Pointer& at, Errors& errors) {
    // allOf's failures are the instance's own violations: report them as they are.
    for (const json& branch : array_keyword(schema, "allOf")) validate(instance, branch, at, errors);
    for (const char* keyword : {"anyOf", "oneOf"}) {
      if (!schema.contains(keyword)) continue;
      const json& branches = array_keyword(schema, keyword);
      std::string matched, why;  // indices of matching branches; each failing branch's errors
      int matches = 0;
      for (std::size_t i = 0; i < branches.size(); ++i) {
        const Errors branch_errors = errors_of(instance, branches[i], at);
        if (branch_errors.empty()) {
          matched += (matches++ ? ", " : "") + std::to_string(i);
          continue;
        }
        why += (why.empty() ? "#" : "; #") + std::to_string(i) + " ";
        for (std::size_t e = 0; e < branch_errors.size(); ++e) why += (e ? ", " : "") + branch_errors[e];
      }
      const std::string n = std::to_string(branches.size());
      if (matches == 0)
        fail(errors, at, "matches none of the " + n + " " + keyword + " schemas (" + why + ")");
      else if (matches > 1 && std::string(keyword) == "oneOf")
        fail(errors, at,
             "matches " + std::to_string(matches) + " of the " + n + " oneOf schemas (" + matched +
                 "), expected exactly one");
    }
    if (schema.contains("not") && errors_of(instance, schema["not"], at).empty())
      fail(errors, at, "must not match the schema under not");
  }

  const json& document_;
  std::set<std::pair<std::string, std::string>> active_refs_;  // ($ref target, instance location)
  std::map<std::string, std::regex> regexes_;
};

}  // namespace

std::vector<std::string> validate_json(const nlohmann::json& instance, const nlohmann::json& document,
                                       const std::string& schema_pointer) {
  const Pointer pointer =
      schema_pointer.rfind('#', 0) == 0 ? local_ref_pointer(schema_pointer) : Pointer(schema_pointer);
  const json& schema = resolve(document, pointer, "schema pointer");
  Errors errors;
  try {
    Validator(document).validate(instance, schema, Pointer(), errors);
  } catch (const json::exception& e) {
    // A keyword of the wrong JSON type (e.g. "required": "id"): the schema is broken, not the
    // instance, so it is reported the same way as the schema errors above.
    throw std::invalid_argument(std::string("malformed schema: ") + e.what());
  }
  return errors;
}

std::string openapi_response_schema(const nlohmann::json& document, const std::string& path, const std::string& method,
                                    int status) {
  std::string verb = method;
  std::transform(verb.begin(), verb.end(), verb.begin(), [](unsigned char c) { return std::tolower(c); });
  const std::string what = method + " " + path;
  // Each step says which piece is missing, so a test failure points at the document's gap.
  auto step = [&](const Pointer& from, const std::string& key, const std::string& missing) {
    const Pointer next = from / key;
    if (!document.contains(next)) throw std::invalid_argument("OpenAPI document has no " + missing);
    return next;
  };
  Pointer response = step(Pointer(), "paths", "paths");
  response = step(response, path, "path " + path);
  response = step(response, verb, "operation " + what);
  response = step(response, "responses", "responses for " + what);
  response = step(response, std::to_string(status), "response " + std::to_string(status) + " for " + what);
  // Shared responses (errors, typically) live under components/responses behind a $ref.
  const json& object = document.at(response);
  if (object.is_object() && object.contains("$ref")) {
    response = local_ref_pointer(object["$ref"].get<std::string>());
    resolve(document, response, "response $ref of " + what);
  }
  const Pointer content = step(step(response, "content", "content for " + what), "application/json",
                               "application/json content for " + what);
  return step(content, "schema", "application/json schema for " + what).to_string();
}

}  // namespace seatsync::test
