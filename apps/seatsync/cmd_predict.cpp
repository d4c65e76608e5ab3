// seatsync predict: ask a registered dataset model about one situation — a game, a price code
// and a sale day — at one or more candidate prices. For a demand model it also reports the
// elasticity and the purchase curve derived from the predictions (docs/ml.md).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "model_identity.hpp"
#include "seatsync/demand_response.hpp"
#include "seatsync/ensemble.hpp"
#include "seatsync/model_registry.hpp"
#include "seatsync/model_training.hpp"

namespace seatsync::cli {

namespace {

struct PredictOptions {
  DataSource source;
  std::string registry = "models";
  ModelIdentity id;
  std::string game, code, day, format = "table";
  std::vector<double> prices;
  int points = 9;
};

// Without --price: `points` prices from the floor to three times it, the range a plan may use.
std::vector<double> candidate_prices(const PredictOptions& opt, const PriceCode& code) {
  if (!opt.prices.empty()) {
    std::vector<double> p = opt.prices;
    std::sort(p.begin(), p.end());
    p.erase(std::unique(p.begin(), p.end()), p.end());
    for (double v : p)
      if (!(v > 0)) throw std::invalid_argument("--price: prices must be positive");
    return p;
  }
  const double lo = std::max(code.floor_price, 1.0), hi = 3.0 * lo;
  std::vector<double> p;
  for (int i = 0; i < opt.points; ++i) p.push_back(std::round(lo + (hi - lo) * i / std::max(1, opt.points - 1)));
  p.erase(std::unique(p.begin(), p.end()), p.end());
  return p;
}

void run_predict(const PredictOptions& opt) {
  const Dataset data = load_input(opt.source);
  const auto game = data.find_game(opt.game);
  if (!game) throw std::invalid_argument("--game: no game '" + opt.game + "' in the dataset");
  const auto code = data.find_code(opt.code);
  if (!code) throw std::invalid_argument("--code: no price code '" + opt.code + "' in the dataset");

  ModelRegistry registry(opt.registry);
  const LoadedModel loaded = registry.load(opt.id.scope, opt.id.type, registry_version(opt.id.version));
  const auto& meta = loaded.metadata;
  if (!meta.contains("algo") || !meta["algo"].is_string())
    throw std::runtime_error(model_name(opt.id.scope, opt.id.type, loaded.version.str()) +
                             ": its metadata has no \"algo\" — not a model saved by `seatsync train --data`");
  const auto model = load_model(parse_model_algo(meta["algo"].get<std::string>()), *loaded.bytes);
  const auto columns = columns_from_metadata(meta);

  // Rows are built as the model's training rows were (its holiday calendar, not today's params).
  const FeatureOptions features = feature_options_from_metadata(meta);
  // The day asked about defaults to the day after the latest order (today, for a live dataset).
  const Date after_last = data.last_sale_day().value_or(Date::from_days(0)) + 1;
  const Date day = opt.day.empty() ? std::min(after_last, data.games[*game].date) : parse_date_option(opt.day, "--day");
  if (day > data.games[*game].date) throw std::invalid_argument("--day: " + day.str() + " is after the game");
  const auto prices = candidate_prices(opt, data.codes[*code]);

  // Every model kind answers per price; the response curve only means something for demand.
  const bool demand = opt.id.type == "demand";
  const auto points = demand_response(*model, columns, data, features, *game, *code, day, prices,
                                      /*monotone=*/opt.id.type != "price");
  std::optional<EnsemblePrediction> detail;
  if (const auto* ensemble = dynamic_cast<const StackedEnsemble*>(model.get()))
    detail = ensemble->predict_detail(situation_rows(columns, data, features, *game, *code, day, prices));

  if (opt.format == "json") {
    nlohmann::json out{{"model", opt.id.type}, {"type", opt.id.type}, {"scope", opt.id.scope},
                       {"version", loaded.version.str()},
                       {"algo", meta.at("algo")}, {"game", opt.game}, {"code", opt.code}, {"day", day.str()},
                       {"days_before", data.games[*game].date - day}};
    for (std::size_t i = 0; i < points.size(); ++i) {
      nlohmann::json p{{"price", points[i].price}, {"prediction", points[i].expected}, {"raw", points[i].raw}};
      if (demand) {
        p["elasticity"] = std::isfinite(points[i].elasticity) ? nlohmann::json(points[i].elasticity) : nlohmann::json();
        p["relative_demand"] = std::isfinite(points[i].relative) ? nlohmann::json(points[i].relative) : nlohmann::json();
      }
      if (detail) {
        p["lower"] = detail->lower[i];
        p["upper"] = detail->upper[i];
        for (const auto& [name, pred] : detail->members) p["members"][name] = pred[i];
      }
      out["predictions"].push_back(std::move(p));
    }
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::cout << fmt::format("{} ({}) for game {}, code {}, {} ({} days before)\n",
                           model_name(opt.id.scope, opt.id.type, loaded.version.str()),
                           meta.at("algo").get<std::string>(), opt.game, opt.code, day.str(), data.games[*game].date - day);
  std::cout << fmt::format("{:>10} {:>12} {:>12}", "price", demand ? "tickets" : "prediction", "raw");
  if (demand) std::cout << fmt::format(" {:>10} {:>9}", "elasticity", "relative");
  if (detail) std::cout << fmt::format(" {:>21}", "interval");
  std::cout << '\n';
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::cout << fmt::format("{:>10.2f} {:>12.4f} {:>12.4f}", points[i].price, points[i].expected, points[i].raw);
    if (demand) std::cout << fmt::format(" {:>10.3f} {:>9.3f}", points[i].elasticity, points[i].relative);
    if (detail) std::cout << fmt::format("   [{:>8.4f}, {:>8.4f}]", detail->lower[i], detail->upper[i]);
    std::cout << '\n';
  }
}

}  // namespace

void add_predict_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<PredictOptions>();
  auto* cmd = app.add_subcommand("predict", "Ask a registered model about one game, price code and day at candidate prices");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--game", opt->game, "Game id")->required();
  cmd->add_option("--code", opt->code, "Price code")->required();
  cmd->add_option("--day", opt->day, "Sale day YYYY-MM-DD (default: the day after the latest order)");
  cmd->add_option("--price", opt->prices, "Candidate price (repeat or comma-separate; default: floor to 3x floor)")
      ->delimiter(',');
  cmd->add_option("--points", opt->points, "How many default prices")->check(CLI::Range(2, 200))->capture_default_str();
  add_model_identity_options(*cmd, opt->id, /*positional=*/false);
  cmd->get_option("--model")->check(CLI::IsMember({"demand", "conversion", "price"}));
  cmd->add_option("--registry", opt->registry, "Model registry directory")->capture_default_str();
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] { run_predict(*opt); }});
}

}  // namespace seatsync::cli
