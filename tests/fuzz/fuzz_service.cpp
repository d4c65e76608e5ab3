// Every route of the pricing service, in-process through PricingService::handle (the router,
// the handlers and their JSON bodies, no socket). The input is up to eight requests written as
// files are in fuzz_support.hpp: "==> POST /score <==" then the body. "$ID" in a target stands
// for the experiment made last (one is made before the input's requests, in a fresh SQLite
// experiment store per input, in /dev/shm: the store needs WAL, which ":memory:" cannot do), so
// /ab/experiments/$ID/events reaches the event checks.
//
// A finding: a crash, a sanitizer report, a 5xx answer or an exception escaping handle() (the
// HTTP server would answer 500 to both: bad input must get a 4xx), or a 200 /score whose price
// is not a finite number at or above the floor it reports.
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "seatsync/experiment_json.hpp"
#include "seatsync/season_io.hpp"
#include "service/pricing_service.hpp"

namespace {

using seatsync::service::HttpRequest;
using seatsync::service::HttpResponse;

std::shared_ptr<const seatsync::PricingSnapshot> snapshot;  // built once: tiny, as of the day after its sales
const seatsync::fuzz::ScratchDir scratch("service");        // the experiment store, emptied per input

[[noreturn]] void finding(const HttpRequest& request, const std::string& what) {
  std::fprintf(stderr, "%s %s (body %zu bytes): %s\n", request.method.c_str(), request.path.c_str(), request.body.size(),
               what.c_str());
  std::abort();
}

void check_score(const HttpRequest& request, const HttpResponse& response) {
  const auto j = nlohmann::json::parse(response.body);
  const double price = j.at("price").get<double>(), floor = j.at("safety").at("floor").get<double>();
  if (!std::isfinite(price) || price < floor || price < 0) finding(request, "a /score price below its floor: " + response.body);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  seatsync::Dataset data = seatsync::load_season_dir(SEATSYNC_TEST_DATA "/tiny");
  seatsync::Date last = data.games.front().date;
  for (const auto& t : data.transactions) last = std::max(last, t.sold_date);
  snapshot = seatsync::PricingSnapshot::build(std::move(data), {last + 1, std::nullopt, {}, {}});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  scratch.reset();
  service::PricingService svc([](ServingModels::LoadObserver) { return snapshot; },
                              service::ApiKeys::from_keys({"fuzz-key-0123456789"}),
                              open_sqlite_experiment_store(scratch / "experiments.db"), {}, std::chrono::milliseconds(0));
  svc.load();
  std::string id = svc.experiments()
                       ->create(experiment_from_json({{"name", "fuzz"}, {"ml_traffic_percentage", 50}, {"status", "draft"}}))
                       .id;

  const auto requests = fuzz::split_files(fuzz::as_text(data, size));
  for (std::size_t i = 0; i < requests.size() && i < 8; ++i) {
    const auto& [line, body] = requests[i];
    HttpRequest request;
    const std::size_t space = line.find(' ');
    request.method = line.substr(0, space);
    std::string target = space == std::string::npos ? "/" : line.substr(space + 1);
    for (std::size_t at; (at = target.find("$ID")) != std::string::npos;) target.replace(at, 3, id);
    if (!service::parse_target(target, request.path, request.query)) continue;  // the server answers 400 itself
    request.headers = {{"authorization", "Bearer fuzz-key-0123456789"}, {"content-type", "application/json"}};
    request.body = body;
    HttpResponse response;
    try {
      response = svc.handle(request);
    } catch (const std::exception& e) {
      finding(request, std::string("exception out of handle(): ") + e.what());
    }
    if (response.status >= 500) finding(request, std::to_string(response.status) + " " + response.body);
    if (response.status == 200 && request.method == "POST" && request.path == "/score") check_score(request, response);
    if (response.status == 201 && request.path == "/ab/experiments") id = nlohmann::json::parse(response.body).at("experiment_id");
  }
  return 0;
}
