// Prediction, JSON model bytes and feature importance of a trained Booster.
#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "ml/booster_xgb.hpp"
#include "seatsync/booster.hpp"

namespace seatsync {

namespace {

// numpy's __array_interface__ for a row-major float32 matrix, which in-place prediction reads.
std::string array_interface(const float* data, std::size_t rows, std::size_t cols) {
  return R"({"data":[)" + std::to_string(reinterpret_cast<std::uintptr_t>(data)) + R"(,true],"shape":[)" +
         std::to_string(rows) + "," + std::to_string(cols) + R"(],"typestr":"<f4","version":3})";
}

// iteration_end 0 = every tree in the model (already trimmed to the best round by train()).
// A single row must use cache_id 0, or XGBoost looks for a cached DMatrix that is not there.
constexpr const char* kPredictConfig =
    R"({"type":0,"training":false,"iteration_begin":0,"iteration_end":0,"strict_shape":false,"cache_id":0,"missing":NaN})";

constexpr std::size_t kOneThreadRows = 32;  // measured: at 100 rows two threads win

// One proxy matrix per thread, reused by every prediction on it: passing none makes XGBoost
// build a proxy per call, which re-reads the cgroup CPU quota from /sys (≈ 13 µs a call).
DMatrixHandle thread_proxy() {
  struct Proxy {
    DMatrixHandle handle = nullptr;
    ~Proxy() {
      if (handle) XGDMatrixFree(handle);
    }
  };
  thread_local Proxy proxy;
  if (!proxy.handle) xgb::check(XGProxyDMatrixCreate(&proxy.handle), "XGProxyDMatrixCreate");
  return proxy.handle;
}

}  // namespace

void* Booster::row_handle() const {
  std::call_once(*row_once_, [this] {
    bst_ulong len = 0;
    const char* data = nullptr;
    xgb::check(XGBoosterSaveModelToBuffer(handle_, R"({"format":"ubj"})", &len, &data), "XGBoosterSaveModelToBuffer");
    BoosterHandle h = nullptr;
    xgb::check(XGBoosterCreate(nullptr, 0, &h), "XGBoosterCreate");
    try {
      xgb::check(XGBoosterLoadModelFromBuffer(h, data, len), "XGBoosterLoadModelFromBuffer");
      xgb::check(XGBoosterSetParam(h, "nthread", "1"), "nthread");
    } catch (...) {
      XGBoosterFree(h);
      throw;  // call_once will try again on the next call
    }
    row_handle_ = h;
  });
  return row_handle_;
}

std::vector<float> Booster::predict(const Table& table) const {
  if (!handle_) throw std::logic_error("Booster::predict on an untrained booster");
  if (static_cast<std::size_t>(table.x.cols()) != features_)
    throw std::invalid_argument("predict: table has " + std::to_string(table.x.cols()) + " columns, model expects " +
                                std::to_string(features_));
  if (table.rows() == 0) return {};
  const std::string values = array_interface(table.x.data(), table.rows(), features_);
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  // A few rows (a price grid, a request) cost less on one thread than waking XGBoost's team.
  void* h = table.rows() <= kOneThreadRows ? row_handle() : handle_;
  xgb::check(XGBoosterPredictFromDense(h, values.c_str(), kPredictConfig, thread_proxy(), &shape, &dim, &result),
             "XGBoosterPredictFromDense");
  // The result buffer belongs to this thread and is reused by the next call: copy it now.
  std::vector<float> out(result, result + table.rows());
  if (clip_)
    for (float& v : out) v = finish(v);
  return out;
}

float Booster::predict_row(const float* row) const {
  if (!handle_) throw std::logic_error("Booster::predict_row on an untrained booster");
  const std::string values = array_interface(row, 1, features_);
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  xgb::check(XGBoosterPredictFromDense(row_handle(), values.c_str(), kPredictConfig, thread_proxy(), &shape, &dim, &result),
             "XGBoosterPredictFromDense");
  return clip_ ? finish(result[0]) : result[0];
}

float Booster::finish(float value) const {
  value = std::max(value, 0.0f);
  return task_ == BoostTask::binary ? std::min(value, 1.0f) : value;
}

std::string Booster::save_to_bytes() const {
  if (!handle_) throw std::logic_error("Booster::save_to_bytes on an untrained booster");
  bst_ulong len = 0;
  const char* data = nullptr;
  xgb::check(XGBoosterSaveModelToBuffer(handle_, R"({"format":"json"})", &len, &data), "XGBoosterSaveModelToBuffer");
  return std::string(data, len);
}

Booster Booster::load_from_bytes(const std::string& bytes) {
  Booster out;
  BoosterHandle h = nullptr;
  xgb::check(XGBoosterCreate(nullptr, 0, &h), "XGBoosterCreate");
  out.handle_ = h;
  xgb::check(XGBoosterLoadModelFromBuffer(h, bytes.data(), bytes.size()), "XGBoosterLoadModelFromBuffer");
  bst_ulong features = 0;
  xgb::check(XGBoosterGetNumFeature(h, &features), "XGBoosterGetNumFeature");
  out.features_ = features;
  int rounds = 0;
  xgb::check(XGBoosterBoostedRounds(h, &rounds), "XGBoosterBoostedRounds");
  out.rounds_trained_ = rounds;
  out.best_iteration_ = rounds - 1;
  // The objective is in the learner's configuration, not among the model's parameters.
  bst_ulong config_len = 0;
  const char* config = nullptr;
  xgb::check(XGBoosterSaveJsonConfig(h, &config_len, &config), "XGBoosterSaveJsonConfig");
  const std::string objective =
      nlohmann::json::parse(std::string(config, config_len)).at("learner").at("objective").at("name");
  out.task_ = objective == "binary:logistic" ? BoostTask::binary
              : objective == "count:poisson" ? BoostTask::poisson
                                             : BoostTask::regression;
  const char* saved_task = nullptr;
  int found = 0;
  xgb::check(XGBoosterGetAttr(h, "seatsync_task", &saved_task, &found), "XGBoosterGetAttr");
  if (found) {
    const BoostTask task = parse_boost_task(saved_task);
    out.clip_ = task != out.task_;
    out.task_ = task;
  }
  return out;
}

std::vector<std::pair<std::string, double>> Booster::importance(ImportanceKind kind) const {
  if (!handle_) throw std::logic_error("Booster::importance on an untrained booster");
  const char* config = kind == ImportanceKind::gain     ? R"({"importance_type":"gain"})"
                       : kind == ImportanceKind::weight ? R"({"importance_type":"weight"})"
                                                        : R"({"importance_type":"cover"})";
  bst_ulong n = 0, dim = 0;
  const char** names = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  xgb::check(XGBoosterFeatureScore(handle_, config, &n, &names, &dim, &shape, &scores), "XGBoosterFeatureScore");
  std::vector<std::pair<std::string, double>> out;
  for (bst_ulong i = 0; i < n; ++i) out.emplace_back(names[i], scores[i]);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace seatsync
