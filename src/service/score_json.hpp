#pragma once
// /score's JSON (seed 003's shape, docs/service.md) to and from the library's ScoreRequest and
// ScoreResult. A wrong field throws RequestError(400) naming it ("event.game_id").
#include <nlohmann/json.hpp>

#include "seatsync/score.hpp"

namespace seatsync::service {

ScoreRequest score_request_from_json(const nlohmann::json& body, const std::string& prefix = "");
nlohmann::json score_result_to_json(const ScoreResult& result);

}  // namespace seatsync::service
