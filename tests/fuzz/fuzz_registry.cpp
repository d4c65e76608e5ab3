// The model registry's files and the model bytes it serves: the input is a registry directory
// written as files are in fuzz_support.hpp (names of [A-Za-z0-9._-] only: metadata
// "season_conversion_v20260101T000000Z.meta.json", the pointer "season_conversion_latest.json",
// model bytes, history.jsonl). It is read as `seatsync models` and the service read it: list,
// show, load, history, describe_model, ServingModels::get, and every model file through the
// linear and ensemble readers (gbdt and rf bytes go to XGBoost, not fuzzed here).
//
// The contract: a bad file is ModelIntegrityError (or std::invalid_argument for a name or version
// that does not exist), a bad model std::runtime_error; ServingModels::get never throws (a model
// that cannot load is remembered with its status). Any other exception escaping is a finding.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "seatsync/model.hpp"
#include "seatsync/model_registry.hpp"
#include "seatsync/serving_models.hpp"

namespace {

bool plain_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.size() > 120) return false;
  for (const char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

template <class F>
void expect_clean(const char* what, F&& step) {
  try {
    step();
  } catch (const seatsync::ModelIntegrityError&) {
  } catch (const std::invalid_argument&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: unexpected %s\n", what, e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  static const fuzz::ScratchDir dir("registry");
  dir.reset();
  for (const auto& [name, text] : fuzz::split_files(fuzz::as_text(data, size))) {
    if (!plain_name(name)) continue;
    fuzz::write_text(dir / name, text);
    if (name.ends_with(".meta.json") || name.ends_with("_latest.json") || name == "history.jsonl") continue;
    for (const auto algo : {ModelAlgo::linear, ModelAlgo::ensemble}) {
      try {
        const auto model = load_model(algo, text);
        (void)model->importance(ImportanceKind::gain);
        std::vector<float> row(model->feature_count(), 1.0f);
        (void)model->predict_row(row.data());
      } catch (const std::runtime_error&) {
      } catch (const std::invalid_argument&) {
      }
    }
  }

  ModelRegistry registry(dir.path());
  expect_clean("list/show/load", [&] {
    for (const auto& e : registry.list()) {
      (void)describe_model(e);
      (void)top_importance(e.metadata, 10);
      const auto shown = registry.show(e.scope, e.type, e.version.str());
      const auto loaded = registry.load(e.scope, e.type, e.version.str());
      (void)describe_model(shown, loaded.bytes.get());
    }
  });
  expect_clean("latest", [&] { (void)registry.latest("season", "conversion"); });
  expect_clean("history", [&] { (void)registry.history(); });
  try {
    const ServingModels models(dir.path());
    (void)models.get("season", "conversion");
    (void)models.get("season", "price");
    (void)models.tried();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ServingModels::get threw: %s\n", e.what());
    std::abort();
  }
  return 0;
}
