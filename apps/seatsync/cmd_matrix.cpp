// seatsync matrix: prints one Demand Matrix, raw or completed.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/demand_model.hpp"
#include "seatsync/matrix_format.hpp"

namespace seatsync::cli {

void add_matrix_command(CLI::App& app, Commands& commands) {
  struct Options {
    DataSource source;
    int tier = 1;
    std::string group, code, method = "monotone", as_of, format = "table";
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("matrix", "Print a Demand Matrix (tier × price-code group, or one price code)");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--tier", opt->tier, "Game tier")->required();
  cmd->add_option("--group", opt->group, "Price-code group")->required();
  cmd->add_option("--code", opt->code, "A price code of the group: its individual matrix");
  cmd->add_option("--method", opt->method, "Completion method, or 'raw' for the observed cells only")
      ->check(CLI::IsMember({"raw", "nn", "svd", "hybrid", "monotone"}))->capture_default_str();
  cmd->add_option("--as-of", opt->as_of, "Use only sales before this date (YYYY-MM-DD)");
  cmd->add_option("--format", opt->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] {
    const Dataset data = load_input(opt->source);
    DemandModelOptions mo;
    if (!opt->as_of.empty()) mo.build.as_of = parse_date_option(opt->as_of, "--as-of");
    mo.individual = !opt->code.empty();
    const bool raw_only = opt->method == "raw";
    if (!raw_only) mo.method = *parse_completion_method(opt->method);

    const auto groups = data.groups();
    if (std::find(groups.begin(), groups.end(), opt->group) == groups.end())
      throw std::invalid_argument("--group: unknown price-code group '" + opt->group + "'");
    std::string key = opt->group;
    if (mo.individual) {
      auto code = data.find_code(opt->code);
      if (!code || data.codes[*code].group != opt->group)
        throw std::invalid_argument("--code: '" + opt->code + "' is not a price code of group '" + opt->group + "'");
      key = opt->code;
    }
    const auto model = MatrixDemandModel::fit(data, mo);
    const CompletedMatrix& m = model.group_matrix(opt->tier, key);
    if (m.observed.tier != opt->tier)
      throw std::invalid_argument("--tier: no tier " + std::to_string(opt->tier) + " among the tiers in use");
    const CompletedMatrix* completed = raw_only ? nullptr : &m;
    if (opt->format == "json") std::cout << matrix_to_json(m.observed, completed).dump(2) << '\n';
    else if (opt->format == "csv") std::cout << format_matrix_csv(m.observed, completed);
    else std::cout << format_matrix_table(m.observed, completed);
  }});
}

}  // namespace seatsync::cli
