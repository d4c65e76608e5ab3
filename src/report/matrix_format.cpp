#include "seatsync/matrix_format.hpp"

#include <fmt/format.h>

namespace seatsync {
namespace {

std::string title(const DemandMatrix& m) {
  std::string t = m.tier == 0 ? std::string("all tiers") : fmt::format("tier {}", m.tier);
  t += fmt::format(", group '{}'", m.group);
  if (!m.code.empty()) t += fmt::format(", price code '{}'", m.code);
  return t;
}

double cell(const DemandMatrix& raw, const CompletedMatrix* completed, Eigen::Index r, Eigen::Index c) {
  return completed ? completed->price(r, c) : raw.price(r, c);
}

}  // namespace

std::string format_matrix_table(const DemandMatrix& raw, const CompletedMatrix* completed) {
  std::string out = fmt::format("Demand Matrix, {}: price per ticket to sell exactly q tickets in a bucket\n", title(raw));
  out += completed ? fmt::format("completed with '{}'; * = observed in the data ({} of {} cells)\n",
                                 to_string(completed->method), raw.observed_cells(), raw.price.size())
                   : fmt::format("raw; . = no game sold exactly q tickets ({} of {} cells observed)\n",
                                 raw.observed_cells(), raw.price.size());
  if (completed)
    for (const auto& note : completed->notes) out += "note: " + note + "\n";
  out += fmt::format("{:>6}", "q");
  for (const auto& b : raw.bucket_names) out += fmt::format(" {:>11}", b);
  out += "\n";
  for (Eigen::Index c = 0; c < raw.price.cols(); ++c) {
    out += fmt::format("{:>6}", c + 1);
    for (Eigen::Index r = 0; r < raw.price.rows(); ++r) {
      const bool seen = raw.games(r, c) > 0;
      const double p = cell(raw, completed, r, c);
      out += std::isnan(p) ? fmt::format(" {:>11}", ".") : fmt::format(" {:>10.2f}{}", p, seen ? '*' : ' ');
    }
    out += "\n";
  }
  return out;
}

std::string format_matrix_csv(const DemandMatrix& raw, const CompletedMatrix* completed) {
  std::string out = "bucket,quantity,price,observed,observed_price,games,orders\n";
  for (Eigen::Index r = 0; r < raw.price.rows(); ++r)
    for (Eigen::Index c = 0; c < raw.price.cols(); ++c) {
      const bool seen = raw.games(r, c) > 0;
      const double p = cell(raw, completed, r, c);
      out += fmt::format("{},{},{},{},{},{},{}\n", raw.bucket_names[static_cast<std::size_t>(r)], c + 1,
                         std::isnan(p) ? "" : fmt::format("{}", p), seen ? "true" : "false",
                         seen ? fmt::format("{}", raw.price(r, c)) : "", raw.games(r, c), raw.orders(r, c));
    }
  return out;
}

nlohmann::json matrix_to_json(const DemandMatrix& raw, const CompletedMatrix* completed) {
  nlohmann::json price = nlohmann::json::array(), observed = nlohmann::json::array(), games = nlohmann::json::array(),
                 orders = nlohmann::json::array();
  for (Eigen::Index r = 0; r < raw.price.rows(); ++r) {
    nlohmann::json pr = nlohmann::json::array(), ob = nlohmann::json::array(), ga = nlohmann::json::array(),
                   orr = nlohmann::json::array();
    for (Eigen::Index c = 0; c < raw.price.cols(); ++c) {
      const double p = cell(raw, completed, r, c);
      pr.push_back(std::isnan(p) ? nlohmann::json(nullptr) : nlohmann::json(p));
      ob.push_back(raw.games(r, c) > 0);
      ga.push_back(raw.games(r, c));
      orr.push_back(raw.orders(r, c));
    }
    price.push_back(pr);
    observed.push_back(ob);
    games.push_back(ga);
    orders.push_back(orr);
  }
  nlohmann::json j = {{"tier", raw.tier},          {"group", raw.group},
                      {"buckets", raw.bucket_names}, {"max_quantity", raw.max_quantity()},
                      {"method", completed ? std::string(to_string(completed->method)) : std::string("raw")},
                      {"price", price},             {"observed", observed},
                      {"games", games},             {"orders", orders}};
  if (!raw.code.empty()) j["code"] = raw.code;
  j["notes"] = completed ? completed->notes : std::vector<std::string>{};
  return j;
}

}  // namespace seatsync
