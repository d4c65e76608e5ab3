// The test-side JSON Schema validator: known answers per keyword, $ref resolution and recursion,
// the OpenAPI response lookup, and a property test over randomly generated instances.
#include "json_schema.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using nlohmann::json;
using seatsync::test::openapi_response_schema;
using seatsync::test::validate_json;

namespace {

// Violations of `instance` against `schema`, the schema standing alone as the whole document.
std::vector<std::string> errors(const json& schema, const json& instance) {
  return validate_json(instance, schema, "");
}

// The one violation expected, so each known answer also pins the message's instance pointer.
std::string only_error(const json& schema, const json& instance) {
  const auto found = errors(schema, instance);
  EXPECT_EQ(found.size(), 1u) << ::testing::PrintToString(found);
  return found.empty() ? "" : found.front();
}

bool valid(const json& schema, const json& instance) { return errors(schema, instance).empty(); }

}  // namespace

TEST(JsonSchema, TypeNamesWhatWasExpectedAndWhatCame) {
  const json schema = json::parse(R"({"properties": {"safety": {"properties": {"floor": {"type": "number"}}}}})");
  EXPECT_TRUE(valid(schema, json::parse(R"({"safety": {"floor": 12.5}})")));
  EXPECT_EQ(only_error(schema, json::parse(R"({"safety": {"floor": "12.5"}})")),
            "/safety/floor: expected number, got string");
  EXPECT_EQ(only_error(json{{"type", "object"}}, json::array()), ": expected object, got array");
  EXPECT_EQ(only_error(json{{"type", "boolean"}}, nullptr), ": expected boolean, got null");
  EXPECT_EQ(only_error(json{{"type", "null"}}, false), ": expected null, got boolean");
  EXPECT_EQ(only_error(json{{"type", "array"}}, json::object()), ": expected array, got object");
  EXPECT_EQ(only_error(json{{"type", "string"}}, 3), ": expected string, got integer");
  EXPECT_EQ(only_error(json{{"type", "string"}}, 3.5), ": expected string, got number");
  // One message per cause: keywords for the expected type do not repeat the mismatch.
  EXPECT_EQ(only_error(json::parse(R"({"type": "string", "enum": ["a"], "minLength": 1})"), 5),
            ": expected string, got integer");
}

TEST(JsonSchema, IntegerAcceptsNumbersWithIntegralValue) {
  const json schema{{"type", "integer"}};
  EXPECT_TRUE(valid(schema, 7));
  EXPECT_TRUE(valid(schema, -7));
  EXPECT_TRUE(valid(schema, 7.0));                                  // a JSON "7.0" is still the integer 7
  EXPECT_TRUE(valid(schema, json::parse("18446744073709551615")));  // unsigned 64-bit
  EXPECT_EQ(only_error(schema, 7.5), ": expected integer, got number");
  EXPECT_EQ(only_error(schema, "7"), ": expected integer, got string");
  EXPECT_TRUE(valid(json{{"type", "number"}}, 7));  // and every integer is a number
}

TEST(JsonSchema, TypeListAcceptsAnyListedType) {
  const json schema{{"type", {"string", "null"}}};
  EXPECT_TRUE(valid(schema, "x"));
  EXPECT_TRUE(valid(schema, nullptr));
  EXPECT_EQ(only_error(schema, 1), ": expected string or null, got integer");
}

TEST(JsonSchema, RequiredNamesTheObjectAndTheMissingProperty) {
  const json schema = json::parse(R"({"properties": {"seat": {"required": ["row", "number"]}}})");
  EXPECT_TRUE(valid(schema, json::parse(R"({"seat": {"row": "a", "number": 1}})")));
  EXPECT_EQ(only_error(schema, json::parse(R"({"seat": {"row": "a"}})")),
            "/seat: missing required property \"number\"");
  EXPECT_EQ(errors(schema, json::parse(R"({"seat": {}})")).size(), 2u);
  EXPECT_TRUE(valid(schema, json::parse(R"({"seat": 5})")));  // required constrains objects only
}

TEST(JsonSchema, PropertiesCheckOnlyThePropertiesPresent) {
  const json schema = json::parse(R"({"properties": {"a": {"type": "string"}}})");
  EXPECT_TRUE(valid(schema, json::object()));
  EXPECT_TRUE(valid(schema, json::parse(R"({"b": 1})")));
  EXPECT_EQ(only_error(schema, json::parse(R"({"a": 1})")), "/a: expected string, got integer");
}

TEST(JsonSchema, AdditionalPropertiesFalseOrASchema) {
  const json closed = json::parse(R"({"properties": {"a": {}}, "additionalProperties": false})");
  EXPECT_TRUE(valid(closed, json::parse(R"({"a": 1})")));
  EXPECT_EQ(only_error(closed, json::parse(R"({"a": 1, "b": 2})")), "/b: no value is allowed here (schema is false)");
  const json typed = json::parse(R"({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}})");
  EXPECT_TRUE(valid(typed, json::parse(R"({"a": "x", "b": 2, "c": 3})")));
  EXPECT_EQ(only_error(typed, json::parse(R"({"a": "x", "b": "2"})")), "/b: expected integer, got string");
  EXPECT_TRUE(valid(json::parse(R"({"additionalProperties": true})"), json::parse(R"({"z": null})")));
}

TEST(JsonSchema, InstancePointersEscapeSlashAndTilde) {
  const json schema = json::parse(R"({"additionalProperties": {"type": "string"}})");
  EXPECT_EQ(only_error(schema, json::parse(R"({"a/b~c": 1})")), "/a~1b~0c: expected string, got integer");
}

TEST(JsonSchema, ItemsPointAtTheIndex) {
  const json schema = json::parse(R"({"items": {"type": "integer"}})");
  EXPECT_TRUE(valid(schema, json::parse("[1, 2, 3]")));
  EXPECT_TRUE(valid(schema, json::array()));
  EXPECT_EQ(only_error(schema, json::parse(R"([1, "2", 3])")), "/1: expected integer, got string");
  EXPECT_EQ(only_error(json::parse(R"({"items": false})"), json::parse("[1]")),
            "/0: no value is allowed here (schema is false)");
}

TEST(JsonSchema, MinItemsAndMaxItemsAreInclusive) {
  const json schema = json::parse(R"({"minItems": 1, "maxItems": 2})");
  EXPECT_TRUE(valid(schema, json::parse("[1]")));
  EXPECT_TRUE(valid(schema, json::parse("[1, 2]")));
  EXPECT_EQ(only_error(schema, json::array()), ": array of 0 items is shorter than minItems 1");
  EXPECT_EQ(only_error(schema, json::parse("[1, 2, 3]")), ": array of 3 items is longer than maxItems 2");
  EXPECT_TRUE(valid(schema, "not an array"));
}

TEST(JsonSchema, EnumAndConstCompareByJsonValue) {
  const json status = json::parse(R"({"enum": ["open", "sold", 1, null]})");
  EXPECT_TRUE(valid(status, "sold"));
  EXPECT_TRUE(valid(status, nullptr));
  EXPECT_TRUE(valid(status, 1.0));  // 1.0 and 1 are the same JSON number
  EXPECT_EQ(only_error(status, "held"), ": \"held\" is not one of [\"open\",\"sold\",1,null]");
  const json version = json::parse(R"({"const": {"major": 1}})");
  EXPECT_TRUE(valid(version, json::parse(R"({"major": 1})")));
  EXPECT_EQ(only_error(version, json::parse(R"({"major": 2})")),
            ": expected the constant {\"major\":1}, got {\"major\":2}");
}

TEST(JsonSchema, InclusiveAndExclusiveBoundsAtTheirEdges) {
  const json inclusive = json::parse(R"({"minimum": 1, "maximum": 5})");
  EXPECT_TRUE(valid(inclusive, 1));
  EXPECT_TRUE(valid(inclusive, 5.0));
  EXPECT_EQ(only_error(inclusive, 0.5), ": 0.5 is less than the minimum 1");
  EXPECT_EQ(only_error(inclusive, 6), ": 6 is greater than the maximum 5");
  const json exclusive = json::parse(R"({"exclusiveMinimum": 0, "exclusiveMaximum": 1})");
  EXPECT_TRUE(valid(exclusive, 0.5));
  EXPECT_EQ(only_error(exclusive, 0), ": 0 is not greater than the exclusive minimum 0");
  EXPECT_EQ(only_error(exclusive, 1.0), ": 1.0 is not less than the exclusive maximum 1");
  EXPECT_TRUE(valid(inclusive, "100"));  // bounds constrain numbers only
}

TEST(JsonSchema, StringLengthsCountCharactersNotBytes) {
  const json schema = json::parse(R"({"minLength": 2, "maxLength": 3})");
  EXPECT_TRUE(valid(schema, "ab"));
  EXPECT_TRUE(valid(schema, "\u20ac\u20ac\u20ac"));  // three euro signs: 9 UTF-8 bytes
  EXPECT_EQ(only_error(schema, "a"), ": string of length 1 is shorter than minLength 2");
  EXPECT_EQ(only_error(schema, "abcd"), ": string of length 4 is longer than maxLength 3");
}

TEST(JsonSchema, PatternMatchesAnywhereUnlessAnchored) {
  EXPECT_TRUE(valid(json{{"pattern", "b"}}, "abc"));
  const json anchored{{"pattern", "^[A-Z]{3}$"}};
  EXPECT_TRUE(valid(anchored, "EUR"));
  EXPECT_EQ(only_error(anchored, "EURO"), ": \"EURO\" does not match the pattern ^[A-Z]{3}$");
  EXPECT_TRUE(valid(anchored, 3));
}

TEST(JsonSchema, BooleanSchemas) {
  EXPECT_TRUE(valid(true, json::parse(R"({"anything": [1, null]})")));
  EXPECT_EQ(only_error(false, 1), ": no value is allowed here (schema is false)");
  EXPECT_TRUE(valid(json::object(), "the empty schema allows everything"));
}

TEST(JsonSchema, AnnotationAndUnknownKeywordsAreIgnored) {
  const json schema = json::parse(R"({"type": "string", "format": "email", "description": "d", "title": "t",
      "example": 5, "examples": [5], "deprecated": true, "readOnly": true, "x-vendor": {"type": "integer"}})");
  EXPECT_TRUE(valid(schema, "not an email address"));
}

TEST(JsonSchema, EveryViolationIsReported) {
  const json schema = json::parse(R"({"type": "object", "required": ["id"],
      "properties": {"price": {"minimum": 0}, "tags": {"items": {"type": "string"}}}})");
  const auto found = errors(schema, json::parse(R"({"price": -1, "tags": ["a", 2, 3]})"));
  EXPECT_EQ(found, (std::vector<std::string>{
                       ": missing required property \"id\"", "/price: -1 is less than the minimum 0",
                       "/tags/1: expected string, got integer", "/tags/2: expected string, got integer"}));
}

TEST(JsonSchema, AllOfReportsEachFailingBranch) {
  const json schema = json::parse(R"({"allOf": [{"minimum": 10}, {"multipleOfIsUnknown": 3}, {"maximum": 5}]})");
  EXPECT_EQ(errors(schema, 7),
            (std::vector<std::string>{": 7 is less than the minimum 10", ": 7 is greater than the maximum 5"}));
  EXPECT_TRUE(valid(json::parse(R"({"allOf": [{"minimum": 1}, {"maximum": 5}]})"), 3));
}

TEST(JsonSchema, AnyOfNeedsOneMatchAndSaysWhyEachFailed) {
  const json schema = json::parse(R"({"anyOf": [{"type": "null"}, {"type": "number", "minimum": 0}]})");
  EXPECT_TRUE(valid(schema, nullptr));
  EXPECT_TRUE(valid(schema, 3));
  EXPECT_EQ(
      only_error(schema, -1),
      ": matches none of the 2 anyOf schemas (#0 : expected null, got integer; #1 : -1 is less than the minimum 0)");
}

TEST(JsonSchema, OneOfNeedsExactlyOneMatch) {
  const json schema = json::parse(R"({"oneOf": [{"type": "integer"}, {"minimum": 10}]})");
  EXPECT_TRUE(valid(schema, 3));     // integer only
  EXPECT_TRUE(valid(schema, 10.5));  // minimum only
  EXPECT_EQ(only_error(schema, 12), ": matches 2 of the 2 oneOf schemas (0, 1), expected exactly one");
  EXPECT_EQ(only_error(schema, 2.5),
            ": matches none of the 2 oneOf schemas (#0 : expected integer, got number; #1 : 2.5 is less than the "
            "minimum 10)");
}

TEST(JsonSchema, NotInvertsItsSchema) {
  const json schema = json::parse(R"({"properties": {"code": {"not": {"const": ""}}}})");
  EXPECT_TRUE(valid(schema, json::parse(R"({"code": "A"})")));
  EXPECT_EQ(only_error(schema, json::parse(R"({"code": ""})")), "/code: must not match the schema under not");
}

TEST(JsonSchema, RefChainResolvesThroughEscapedNames) {
  // Component names with "/", "~" and a percent-escaped space exercise both escape layers.
  const json document = json::parse(R"({"components": {"schemas": {
      "Price": {"$ref": "#/components/schemas/a~1b~0c"},
      "a/b~c": {"$ref": "#/components/schemas/Money%20Amount"},
      "Money Amount": {"type": "number", "minimum": 0}}}})");
  EXPECT_TRUE(validate_json(2.5, document, "/components/schemas/Price").empty());
  EXPECT_TRUE(validate_json(2.5, document, "#/components/schemas/Price").empty());
  EXPECT_EQ(validate_json(-1, document, "/components/schemas/Price"),
            std::vector<std::string>{": -1 is less than the minimum 0"});
  EXPECT_EQ(validate_json("x", document, "/components/schemas/Price"),
            std::vector<std::string>{": expected number, got string"});
}

TEST(JsonSchema, RefAppliesTogetherWithItsSiblings) {
  // JSON Schema 2020-12 (OpenAPI 3.1) keeps keywords next to $ref; 3.0 dropped them.
  const json document = json::parse(R"({"$defs": {"Count": {"type": "integer"}},
      "schema": {"$ref": "#/$defs/Count", "maximum": 3}})");
  EXPECT_TRUE(validate_json(2, document, "/schema").empty());
  EXPECT_EQ(validate_json(4, document, "/schema"), std::vector<std::string>{": 4 is greater than the maximum 3"});
  EXPECT_EQ(validate_json(2.5, document, "/schema"), std::vector<std::string>{": expected integer, got number"});
}

TEST(JsonSchema, RecursiveTreeSchemaTerminates) {
  const json document = json::parse(R"({"$defs": {"Node": {"type": "object", "required": ["value"],
      "properties": {"value": {"type": "integer"}, "children": {"items": {"$ref": "#/$defs/Node"}}}}}})");
  const json tree =
      json::parse(R"({"value": 1, "children": [{"value": 2}, {"value": 3, "children": [{"value": 4}]}]})");
  EXPECT_TRUE(validate_json(tree, document, "/$defs/Node").empty());
  json broken = tree;
  broken["children"][1]["children"][0]["value"] = "4";
  broken["children"][0].erase("value");
  EXPECT_EQ(validate_json(broken, document, "/$defs/Node"),
            (std::vector<std::string>{"/children/0: missing required property \"value\"",
                                      "/children/1/children/0/value: expected integer, got string"}));
}

TEST(JsonSchema, SameRefTwiceAtOneLocationIsNoLoop) {
  // Visited one after the other, not one inside the other: the loop guard must not fire.
  const json document = json::parse(R"({"$defs": {"Id": {"type": "integer"}},
      "schema": {"allOf": [{"$ref": "#/$defs/Id"}, {"anyOf": [{"$ref": "#/$defs/Id"}, {"$ref": "#/$defs/Id"}]}]}})");
  EXPECT_TRUE(validate_json(3, document, "/schema").empty());
  EXPECT_EQ(validate_json("3", document, "/schema").size(), 2u);
}

TEST(JsonSchema, RefLoopThatNeverDescendsThrows) {
  const json direct = json::parse(R"({"$defs": {"A": {"$ref": "#/$defs/A"}}})");
  EXPECT_THROW(validate_json(1, direct, "/$defs/A"), std::invalid_argument);
  const json mutual =
      json::parse(R"({"$defs": {"A": {"allOf": [{"$ref": "#/$defs/B"}]}, "B": {"anyOf": [{"$ref": "#/$defs/A"}]}}})");
  EXPECT_THROW(validate_json(json::object(), mutual, "/$defs/A"), std::invalid_argument);
}

TEST(JsonSchema, BrokenSchemasThrowInsteadOfPassing) {
  const json document = json::parse(R"({"$defs": {"X": {}}})");
  EXPECT_THROW(validate_json(1, document, "/$defs/Missing"), std::invalid_argument);
  EXPECT_THROW(valid(json{{"$ref", "#/$defs/Missing"}}, 1), std::invalid_argument);
  EXPECT_THROW(valid(json{{"$ref", "other.json#/X"}}, 1), std::invalid_argument);
  EXPECT_THROW(valid(json{{"type", "float"}}, 1), std::invalid_argument);
  EXPECT_THROW(valid(json{{"type", {"integer", "float"}}}, 1), std::invalid_argument);
  EXPECT_THROW(valid(json{{"exclusiveMinimum", true}}, 1), std::invalid_argument);  // OpenAPI 3.0 form
  EXPECT_THROW(valid(json::parse(R"({"items": [{"type": "integer"}]})"), json::parse("[1]")), std::invalid_argument);
  EXPECT_THROW(valid(json{{"required", "id"}}, json::object()), std::invalid_argument);
  EXPECT_THROW(valid(json{{"pattern", "("}}, "x"), std::invalid_argument);
  EXPECT_THROW(valid(json{{"properties", {{"a", 5}}}}, json{{"a", 1}}), std::invalid_argument);
  EXPECT_THROW(valid(json{{"properties", json::array()}}, json::object()), std::invalid_argument);
  EXPECT_THROW(valid(json{{"anyOf", json::object()}}, 1), std::invalid_argument);
}

namespace {

const json kOpenApi = json::parse(R"({
  "openapi": "3.1.0",
  "paths": {
    "/events/{event_id}/score": {
      "post": {
        "responses": {
          "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Score"}}}},
          "404": {"$ref": "#/components/responses/NotFound"},
          "204": {"description": "no body"}
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Score": {"type": "object", "required": ["price"], "properties": {"price": {"type": "number"}}},
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
    },
    "responses": {"NotFound": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}
  }
})");

}  // namespace

TEST(OpenApiResponseSchema, PointsAtTheResponseSchema) {
  const std::string ok = openapi_response_schema(kOpenApi, "/events/{event_id}/score", "POST", 200);
  EXPECT_EQ(ok, "/paths/~1events~1{event_id}~1score/post/responses/200/content/application~1json/schema");
  EXPECT_TRUE(validate_json(json{{"price", 12.5}}, kOpenApi, ok).empty());
  EXPECT_EQ(validate_json(json{{"price", "12.5"}}, kOpenApi, ok),
            std::vector<std::string>{"/price: expected number, got string"});
}

TEST(OpenApiResponseSchema, FollowsASharedResponseRef) {
  const std::string not_found = openapi_response_schema(kOpenApi, "/events/{event_id}/score", "post", 404);
  EXPECT_EQ(not_found, "/components/responses/NotFound/content/application~1json/schema");
  EXPECT_TRUE(validate_json(json{{"error", "no such event"}}, kOpenApi, not_found).empty());
  EXPECT_EQ(validate_json(json::object(), kOpenApi, not_found),
            std::vector<std::string>{": missing required property \"error\""});
}

TEST(OpenApiResponseSchema, ThrowsNamingWhatIsMissing) {
  const std::string path = "/events/{event_id}/score";
  auto message = [](const std::function<void()>& lookup) {
    try {
      lookup();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_EQ(message([&] { openapi_response_schema(kOpenApi, "/events", "post", 200); }),
            "OpenAPI document has no path /events");
  EXPECT_EQ(message([&] { openapi_response_schema(kOpenApi, path, "get", 200); }),
            "OpenAPI document has no operation get /events/{event_id}/score");
  EXPECT_EQ(message([&] { openapi_response_schema(kOpenApi, path, "post", 500); }),
            "OpenAPI document has no response 500 for post /events/{event_id}/score");
  EXPECT_EQ(message([&] { openapi_response_schema(kOpenApi, path, "post", 204); }),
            "OpenAPI document has no content for post /events/{event_id}/score");
  EXPECT_EQ(message([&] { openapi_response_schema(json::object(), path, "post", 200); }),
            "OpenAPI document has no paths");
}

namespace {

// The property test's schema: the keywords a pricing response uses, behind $refs.
const json kOffers = json::parse(R"({"components": {"schemas": {
  "Seat": {"type": "object", "required": ["row", "number"], "additionalProperties": false,
           "properties": {"row": {"type": "string", "pattern": "^[a-z]+$", "minLength": 1, "maxLength": 3},
                          "number": {"type": "integer", "minimum": 1, "maximum": 40}}},
  "Offer": {"type": "object", "required": ["id", "price", "status", "seats"], "additionalProperties": false,
            "properties": {
              "id": {"type": "integer", "minimum": 1, "maximum": 1000000},
              "price": {"type": "number", "exclusiveMinimum": 0, "maximum": 500},
              "status": {"enum": ["open", "held", "sold"]},
              "seats": {"type": "array", "minItems": 1, "maxItems": 4, "items": {"$ref": "#/components/schemas/Seat"}},
              "note": {"type": ["string", "null"], "maxLength": 10},
              "discount": {"anyOf": [{"type": "null"}, {"type": "number", "minimum": 0, "maximum": 1}]}}}}}})");

const std::string kOffer = "/components/schemas/Offer";

// Draws a random instance satisfying `schema`, read from the schema itself (for the keywords
// kOffers uses), so the generator and the validator agree only if both read it right. Strings
// are drawn from a-z, which is what kOffers' pattern allows.
json generate(const json& schema, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  if (schema.contains("$ref"))
    return generate(kOffers.at(json::json_pointer(schema["$ref"].get<std::string>().substr(1))), rng);
  if (schema.contains("enum")) return schema["enum"][pick(schema["enum"].size())];
  if (schema.contains("anyOf")) return generate(schema["anyOf"][pick(schema["anyOf"].size())], rng);
  const json& types = schema["type"];
  const std::string type = types.is_array() ? types[pick(types.size())].get<std::string>() : types.get<std::string>();
  if (type == "null") return nullptr;
  if (type == "integer")
    return std::uniform_int_distribution<int>(schema["minimum"].get<int>(), schema["maximum"].get<int>())(rng);
  if (type == "number") {
    const double low = schema.contains("minimum") ? schema["minimum"].get<double>()
                                                  : std::nextafter(schema["exclusiveMinimum"].get<double>(), 1e300);
    return std::uniform_real_distribution<double>(low, schema["maximum"].get<double>())(rng);
  }
  if (type == "string") {
    const std::size_t length =
        schema.value("minLength", 0u) + pick(schema.value("maxLength", 8u) - schema.value("minLength", 0u) + 1);
    std::string text;
    for (std::size_t i = 0; i < length; ++i) text += static_cast<char>('a' + pick(26));
    return text;
  }
  if (type == "array") {
    json items = json::array();
    const std::size_t count = schema["minItems"].get<std::size_t>() +
                              pick(schema["maxItems"].get<std::size_t>() - schema["minItems"].get<std::size_t>() + 1);
    for (std::size_t i = 0; i < count; ++i) items.push_back(generate(schema["items"], rng));
    return items;
  }
  json object = json::object();
  const json& required = schema["required"];
  for (const auto& [name, property] : schema["properties"].items())
    if (std::find(required.begin(), required.end(), name) != required.end() || pick(2) == 1)
      object[name] = generate(property, rng);
  return object;
}

// A change that breaks exactly one constraint, and the instance pointer its violation must name.
struct Mutation {
  std::string name;
  std::function<void(json&)> apply;
  std::string pointer;
};

const std::vector<Mutation> kBreaking = {
    {"drop a required property", [](json& o) { o.erase("price"); }, ""},
    {"id below minimum", [](json& o) { o["id"] = 0; }, "/id"},
    {"price as a string", [](json& o) { o["price"] = o["price"].dump(); }, "/price"},
    {"price at the exclusive minimum", [](json& o) { o["price"] = 0.0; }, "/price"},
    {"status outside the enum", [](json& o) { o["status"] = "lost"; }, "/status"},
    {"extra property", [](json& o) { o["extra"] = true; }, "/extra"},
    {"no seats", [](json& o) { o["seats"] = json::array(); }, "/seats"},
    {"five seats",
     [](json& o) {
       while (o["seats"].size() < 5) o["seats"].push_back(o["seats"][0]);
     },
     "/seats"},
    {"row against the pattern", [](json& o) { o["seats"].back()["row"] = "A1"; }, "/seats/last/row"},
    {"fractional seat number", [](json& o) { o["seats"][0]["number"] = 1.5; }, "/seats/0/number"},
    {"note too long", [](json& o) { o["note"] = "abcdefghijk"; }, "/note"},
    {"discount above 1", [](json& o) { o["discount"] = 2; }, "/discount"},
};

// Changes that keep the instance valid: the validator must not reject them.
const std::vector<Mutation> kHarmless = {
    {"integral price", [](json& o) { o["price"] = 500; }, ""},
    {"seat number written as 7.0", [](json& o) { o["seats"][0]["number"] = 7.0; }, ""},
    {"null note", [](json& o) { o["note"] = nullptr; }, ""},
    {"discount 0", [](json& o) { o["discount"] = 0; }, ""},
};

}  // namespace

TEST(JsonSchemaProperty, GeneratedInstancesAreAcceptedAndTargetedMutationsRejected) {
  std::mt19937 rng(20261202);
  for (int draw = 0; draw < 200; ++draw) {
    // Through text and back, as a response body arrives.
    const json offer = json::parse(generate(kOffers.at(json::json_pointer(kOffer)), rng).dump());
    SCOPED_TRACE(offer.dump());
    ASSERT_EQ(validate_json(offer, kOffers, kOffer), std::vector<std::string>{});
    for (const Mutation& mutation : kHarmless) {
      json changed = offer;
      mutation.apply(changed);
      EXPECT_EQ(validate_json(changed, kOffers, kOffer), std::vector<std::string>{}) << mutation.name;
    }
    for (const Mutation& mutation : kBreaking) {
      json changed = offer;
      mutation.apply(changed);
      std::string pointer = mutation.pointer;
      if (pointer == "/seats/last/row") pointer = "/seats/" + std::to_string(changed["seats"].size() - 1) + "/row";
      const auto found = validate_json(changed, kOffers, kOffer);
      ASSERT_EQ(found.size(), 1u) << mutation.name << ": " << ::testing::PrintToString(found);
      EXPECT_EQ(found[0].substr(0, pointer.size() + 2), pointer + ": ") << mutation.name << ": " << found[0];
    }
  }
}
