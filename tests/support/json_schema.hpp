#pragma once
// A JSON Schema validator for the subset of JSON Schema 2020-12 that OpenAPI 3.1 documents use,
// so tests can check real HTTP responses against the OpenAPI document instead of restating the
// document's shapes by hand (where the two could drift apart unnoticed).
//
// Supported keywords: type, properties, required, additionalProperties, items, minItems,
// maxItems, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum (numeric form),
// minLength, maxLength, pattern, $ref (local "#/..." only), allOf, anyOf, oneOf, not, and the
// boolean schemas true/false. Every other keyword (description, format, example, ...) is an
// annotation here and is ignored.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace seatsync::test {

// Validates `instance` against the schema found at JSON pointer `schema_pointer` inside
// `document` (e.g. an OpenAPI document and "/components/schemas/ScoreResponse"; "" is the whole
// document, and a "#/..." fragment is accepted too). $refs resolve against `document`.
// Returns every violation, empty when valid. Each message is "<instance pointer>: <what is
// wrong>", e.g. "/safety/floor: expected number, got string"; the instance root's pointer is the
// empty string, so its messages start with ": ".
// Throws std::invalid_argument when the schema itself is broken: a $ref that does not resolve or
// is not local, a $ref loop that never descends into the instance, a malformed keyword value.
std::vector<std::string> validate_json(const nlohmann::json& instance, const nlohmann::json& document,
                                       const std::string& schema_pointer);

// The schema of an OpenAPI response: document.paths[path][method].responses[status]
// .content["application/json"].schema, as a JSON pointer for validate_json. `method` is
// case-insensitive; a response object that is a $ref (e.g. to #/components/responses/...) is
// followed. Throws std::invalid_argument naming what is missing.
std::string openapi_response_schema(const nlohmann::json& document, const std::string& path, const std::string& method,
                                    int status);

}  // namespace seatsync::test
