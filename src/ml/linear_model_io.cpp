// LinearModel prediction, coefficients, importance and JSON model bytes.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "seatsync/linear_model.hpp"

namespace seatsync {

namespace {

using Kind = LinearDesignColumn::Kind;
using nlohmann::json;

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::numeric: return "numeric";
    case Kind::log: return "log";
    case Kind::missing: return "missing-indicator";
    case Kind::category: return "category";
  }
  return "?";
}

Kind parse_kind(const std::string& text) {
  for (Kind k : {Kind::numeric, Kind::log, Kind::missing, Kind::category})
    if (text == kind_name(k)) return k;
  throw std::runtime_error("linear model: unknown design column kind '" + text + "'");
}

}  // namespace

double LinearModel::linear_predictor(const float* row, double* buffer) const {
  encode_row(row, buffer);
  double eta = intercept_;
  for (std::size_t d = 0; d < design_.size(); ++d) eta += design_[d].coefficient * buffer[d];
  return eta;
}

float LinearModel::mean_response(double eta) const {
  const double e = std::clamp(eta, -kEtaLimit, kEtaLimit);
  switch (task_) {
    case BoostTask::regression: return static_cast<float>(eta);
    case BoostTask::binary: return static_cast<float>(1.0 / (1.0 + std::exp(-e)));
    case BoostTask::poisson: return static_cast<float>(std::exp(e));
  }
  return 0.0f;
}

std::vector<float> LinearModel::predict(const Table& table) const {
  if (static_cast<std::size_t>(table.x.cols()) != columns_.size())
    throw std::invalid_argument("linear model predict: table has " + std::to_string(table.x.cols()) +
                                " columns, model expects " + std::to_string(columns_.size()));
  std::vector<double> buffer(design_.size());
  std::vector<float> out(table.rows());
  for (std::size_t r = 0; r < out.size(); ++r)
    out[r] = mean_response(linear_predictor(table.x.data() + r * columns_.size(), buffer.data()));
  return out;
}

float LinearModel::predict_row(const float* row) const {
  std::vector<double> buffer(design_.size());
  return mean_response(linear_predictor(row, buffer.data()));
}

double LinearModel::coefficient(const std::string& column) const {
  const auto c = find_column(columns_, column);
  if (!c) throw std::invalid_argument("coefficient: unknown column '" + column + "'");
  if (columns_[*c].categorical)
    throw std::invalid_argument("coefficient: column '" + column + "' is categorical (see importance())");
  const Source& s = sources_[*c];
  return s.value >= 0 ? design_[static_cast<std::size_t>(s.value)].coefficient * s.inv_scale : 0.0;
}

std::vector<std::pair<std::string, double>> LinearModel::importance() const {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& d : design_) out.emplace_back(d.name, std::abs(d.coefficient));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::string LinearModel::save_to_bytes() const {
  json columns = json::array(), design = json::array(), coefficients = json::array();
  for (std::size_t c = 0; c < columns_.size(); ++c)
    columns.push_back({{"name", columns_[c].name},
                       {"categorical", columns_[c].categorical},
                       {"categories", columns_[c].categories},
                       {"log", static_cast<bool>(log_[c])}});
  for (const auto& d : design_) {
    json entry = {
        {"column", d.column}, {"name", d.name}, {"kind", kind_name(d.kind)}, {"mean", d.mean}, {"scale", d.scale}};
    if (d.kind == Kind::category) entry["code"] = d.code;
    design.push_back(std::move(entry));
    coefficients.push_back(d.coefficient);
  }
  // nlohmann writes doubles with enough digits to read back the same bits.
  const json j = {
      {"format", "seatsync-linear"}, {"version", 1},     {"task", to_string(task_)}, {"l2", l2_},
      {"columns", columns},          {"design", design}, {"intercept", intercept_},  {"coefficients", coefficients}};
  return j.dump();
}

LinearModel LinearModel::load_from_bytes(const std::string& bytes) {
  try {
    const json j = json::parse(bytes);
    if (!j.is_object() || !j.contains("format") || j["format"] != "seatsync-linear")
      throw std::runtime_error("linear model: not a seatsync linear model (format is not \"seatsync-linear\")");
    if (j.at("version") != 1) throw std::runtime_error("linear model: unsupported version " + j.at("version").dump());
    LinearModel m;
    m.task_ = parse_boost_task(j.at("task").get<std::string>());
    m.l2_ = j.at("l2").get<double>();
    for (const auto& c : j.at("columns")) {
      m.columns_.push_back({c.at("name").get<std::string>(), c.at("categorical").get<bool>(),
                            c.at("categories").get<std::vector<std::string>>(), ""});
      m.log_.push_back(c.at("log").get<bool>());
    }
    const auto& design = j.at("design");
    const auto coefficients = j.at("coefficients").get<std::vector<double>>();
    if (!design.is_array() || design.size() != coefficients.size())
      throw std::runtime_error("linear model: 'design' and 'coefficients' differ in length");
    for (std::size_t d = 0; d < coefficients.size(); ++d) {
      const json& e = design[d];
      LinearDesignColumn col;
      col.column = e.at("column").get<std::size_t>();
      col.kind = parse_kind(e.at("kind").get<std::string>());
      if (col.kind == Kind::category) col.code = e.at("code").get<int>();
      col.mean = e.at("mean").get<double>();
      col.scale = e.at("scale").get<double>();
      col.coefficient = coefficients[d];
      m.design_.push_back(std::move(col));
    }
    m.intercept_ = j.at("intercept").get<double>();
    if (!std::isfinite(m.intercept_)) throw std::runtime_error("linear model: the intercept is not finite");
    m.index_design();  // checks the design against the columns; recomputes the names
    return m;
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("linear model: invalid model JSON: ") + e.what());
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("linear model: ") + e.what());
  }
}

}  // namespace seatsync
