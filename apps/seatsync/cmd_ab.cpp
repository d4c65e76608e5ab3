// seatsync ab: A/B experiments. `analyze` and `sample-size` work offline, on any CSV or on
// numbers alone; the store's subcommands (create, list, results, stop) join the same group.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.hpp"
#include "seatsync/ab_csv.hpp"
#include "seatsync/ab_stats.hpp"

namespace seatsync::cli {

namespace {

struct AnalyzeOptions {
  ab::ArmCsvOptions csv;
  std::string file, metric = "mean", format = "table";
  double alpha = 0.05;
  std::vector<double> planned_shares;
};

struct SampleSizeOptions {
  ab::SampleSizeQuery query;
  std::optional<double> traffic_per_day;
  std::string format = "table";
};

// The JSON keeps the order of the contract (docs/experiments.md), which reads better than sorted.
// JSON has no NaN: a lift over a control of 0 is null.
nlohmann::ordered_json number(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); }

std::string percent(double v) { return std::isfinite(v) ? fmt::format("{:+.2f}%", 100.0 * v) : "-"; }
std::string p_text(double p) { return p < 1e-4 ? fmt::format("{:.2e}", p) : fmt::format("{:.5f}", p); }

// Checked here so that the message names the option.
void check_open_unit(double value, const char* option) {
  if (!(value > 0.0 && value < 1.0))
    throw std::invalid_argument(fmt::format("{}: must lie strictly between 0 and 1, got {:g}", option, value));
}

std::optional<ab::SrmResult> srm_of(const ab::Analysis& analysis, const std::vector<double>& shares) {
  if (shares.empty()) return std::nullopt;
  if (shares.size() != analysis.arms.size())
    throw std::invalid_argument(fmt::format("--planned-shares: {} share(s) given for {} arms (one per arm, in file order)",
                                            shares.size(), analysis.arms.size()));
  std::vector<std::size_t> observed;
  for (const auto& [name, summary] : analysis.arms) observed.push_back(summary.n);
  return ab::sample_ratio_mismatch(observed, shares);
}

void print_analysis_json(const ab::Analysis& a, const AnalyzeOptions& opt, const std::optional<ab::SrmResult>& srm) {
  nlohmann::ordered_json arms = nlohmann::ordered_json::array(), comparisons = nlohmann::ordered_json::array();
  for (const auto& [name, s] : a.arms) arms.push_back({{"name", name}, {"n", s.n}, {"mean", s.mean}, {"sd", s.sd}});
  for (const auto& c : a.comparisons) {
    const auto& t = c.test;
    comparisons.push_back({{"variant", c.variant}, {"difference", t.difference}, {"lift", number(t.lift)},
                           {"ci_low", t.ci_low}, {"ci_high", t.ci_high}, {"lift_ci_low", number(t.lift_ci_low)},
                           {"lift_ci_high", number(t.lift_ci_high)}, {"statistic", number(t.statistic)},
                           {"df", t.df ? nlohmann::ordered_json(*t.df) : nlohmann::ordered_json(nullptr)}, {"p_value", t.p_value},
                           {"p_adjusted", c.p_holm}, {"p_bh", c.p_bh}});
  }
  nlohmann::ordered_json out = {{"metric", opt.metric},
                        {"test", opt.metric == "proportion" ? "two_proportion_z" : "welch_t"},
                        {"alpha", opt.alpha},
                        {"control", a.control},
                        {"arms", arms},
                        {"comparisons", comparisons}};
  if (srm)
    out["srm"] = {{"chi_square", srm->chi_square}, {"df", srm->df}, {"p_value", srm->p_value}, {"mismatch", srm->mismatch}};
  std::cout << out.dump(2) << '\n';
}

void print_analysis_table(const ab::Analysis& a, const AnalyzeOptions& opt, const std::optional<ab::SrmResult>& srm) {
  const bool proportion = opt.metric == "proportion";
  const std::string level = fmt::format("{:g}%", 100.0 * (1.0 - opt.alpha));
  std::cout << fmt::format("{} of {} by {}: {}, two-sided, {} intervals; control arm: {}\n\n",
                           proportion ? "proportion" : "mean", opt.csv.metric_column, opt.csv.variant_column,
                           proportion ? "two-proportion z-test" : "Welch's t-test", level, a.control);
  std::vector<std::vector<std::string>> arms{{"arm", "n", "mean", "sd"}};
  for (const auto& [name, s] : a.arms) arms.push_back({name, std::to_string(s.n), fixed_or_dash(s.mean, 4), fixed_or_dash(s.sd, 4)});
  print_text_table(arms, std::cout);
  std::cout << '\n';
  std::vector<std::vector<std::string>> rows{{"variant", "difference", level + " CI", "lift", level + " CI (lift)",
                                              proportion ? "z" : "t"}};
  if (!proportion) rows[0].push_back("df");  // z-tests have none
  for (const char* p : {"p", "p Holm", "p BH"}) rows[0].push_back(p);
  for (const auto& c : a.comparisons) {
    const auto& t = c.test;
    rows.push_back({c.variant, fixed_or_dash(t.difference, 4), fmt::format("[{}, {}]", fixed_or_dash(t.ci_low, 4), fixed_or_dash(t.ci_high, 4)),
                    percent(t.lift), fmt::format("[{}, {}]", percent(t.lift_ci_low), percent(t.lift_ci_high)),
                    fixed_or_dash(t.statistic, 3)});
    if (t.df) rows.back().push_back(fixed_or_dash(*t.df, 2));
    for (double p : {t.p_value, c.p_holm, c.p_bh}) rows.back().push_back(p_text(p));
  }
  print_text_table(rows, std::cout);
  if (srm)
    std::cout << fmt::format("\nsample-ratio check: chi-square {:.3f} on {} df, p = {}{}\n", srm->chi_square, srm->df,
                             p_text(srm->p_value), srm->mismatch ? ": MISMATCH, the comparisons above are not to be trusted" : ": ok");
}

void run_analyze(AnalyzeOptions opt) {
  check_open_unit(opt.alpha, "--alpha");
  opt.csv.kind = opt.metric == "proportion" ? ab::MetricKind::proportion : ab::MetricKind::mean;
  const auto arms = ab::read_arm_values_csv(opt.file, opt.csv);
  const std::string control = opt.csv.control.empty() ? arms.front().name : opt.csv.control;
  const auto analysis = ab::analyze(arms, control, opt.csv.kind, opt.alpha);
  const auto srm = srm_of(analysis, opt.planned_shares);
  if (opt.format == "json")
    print_analysis_json(analysis, opt, srm);
  else
    print_analysis_table(analysis, opt, srm);
}

void run_sample_size(const SampleSizeOptions& opt) {
  const auto& q = opt.query;
  check_open_unit(q.baseline, "--baseline");
  check_open_unit(q.alpha, "--alpha");
  check_open_unit(q.power, "--power");
  const double target = q.baseline * (q.relative ? 1.0 + q.mde : 1.0) + (q.relative ? 0.0 : q.mde);
  if (q.mde == 0.0 || !(target > 0.0 && target < 1.0))
    throw std::invalid_argument(fmt::format("--mde: the target rate {:g} (baseline {:g} {} {:g}) must differ from the "
                                            "baseline and lie strictly between 0 and 1",
                                            target, q.baseline, q.relative ? "relative change" : "+", q.mde));
  const std::size_t n = ab::sample_size_per_arm(q);
  const double absolute = q.relative ? q.baseline * q.mde : q.mde;
  const std::size_t total = 2 * n;
  nlohmann::ordered_json out = {{"baseline", q.baseline},
                        {"target", target},
                        {"mde_absolute", absolute},
                        {"mde_relative", q.relative ? q.mde : absolute / q.baseline},
                        {"alpha", q.alpha},
                        {"power", q.power},
                        {"n_per_arm", n},
                        {"total", total},
                        {"achieved_power", ab::power_at(q, n)}};
  if (opt.traffic_per_day) out["days"] = ab::days_needed(total, *opt.traffic_per_day);
  if (opt.format == "json") {
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows{
      {"baseline rate", fmt::format("{:g}", q.baseline)},
      {"target rate", fmt::format("{:g} ({:+g} absolute, {:+.4g}% relative)", target, absolute,
                                  100.0 * absolute / q.baseline)},
      {"alpha (two-sided)", fmt::format("{:g}", q.alpha)},
      {"power", fmt::format("{:g} (achieved {:.4f})", q.power, out["achieved_power"].get<double>())},
      {"n per arm", std::to_string(n)},
      {"total (2 arms)", std::to_string(total)}};
  if (opt.traffic_per_day)
    rows.push_back({fmt::format("days at {:g} units/day", *opt.traffic_per_day), std::to_string(out["days"].get<std::size_t>())});
  for (const auto& row : rows) std::cout << fmt::format("{:<24}{}\n", row[0], row[1]);
}

void add_analyze(CLI::App& ab, Commands& commands) {
  auto opt = std::make_shared<AnalyzeOptions>();
  auto* cmd = ab.add_subcommand("analyze", "Compare the arms of any CSV: each arm against the control, "
                                           "Welch's t-test (mean) or the two-proportion z-test (proportion)");
  cmd->add_option("--csv", opt->file, "CSV file, one row per unit (user, session, order...)")->required();
  cmd->add_option("--variant-column", opt->csv.variant_column, "Column naming each row's arm")->required();
  cmd->add_option("--metric-column", opt->csv.metric_column, "Column holding each row's metric value")->required();
  cmd->add_option("--control", opt->csv.control, "The control arm (default: the first arm in file order)");
  cmd->add_option("--metric", opt->metric, "mean (Welch's t-test) or proportion (values 0/1, two-proportion z-test)")
      ->check(CLI::IsMember({"mean", "proportion"}))
      ->capture_default_str();
  cmd->add_option("--alpha", opt->alpha, "Significance level: intervals are at 1 - alpha")
      ->capture_default_str();
  cmd->add_option("--planned-shares", opt->planned_shares,
                  "Planned traffic shares, one per arm in file order (e.g. 50,50): adds the sample-ratio check")
      ->delimiter(',');
  cmd->add_option_function<std::string>(
         "--delimiter", [opt](const std::string& d) { opt->csv.delimiter = d == "tab" ? '\t' : d.front(); },
         "Field separator: ',' (default), ';' (numbers may then read 12,50) or tab")
      ->check(CLI::IsMember({",", ";", "tab"}));
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  cmd->footer("JSON: {metric, test, alpha, control, arms: [{name, n, mean, sd}], comparisons: [{variant, difference, "
              "lift, ci_low, ci_high, lift_ci_low, lift_ci_high, statistic, df (null for z), p_value, p_adjusted "
              "(Holm), p_bh}], srm (with --planned-shares)}. Lift = difference / control.");
  commands.push_back({cmd, [opt] { run_analyze(*opt); }});
}

void add_sample_size(CLI::App& ab, Commands& commands) {
  auto opt = std::make_shared<SampleSizeOptions>();
  auto* cmd = ab.add_subcommand("sample-size", "Units per arm to detect a change in a conversion rate "
                                               "(two-sided normal approximation, unpooled variance under the alternative)");
  cmd->add_option("--baseline", opt->query.baseline, "The control's rate, in (0, 1)")->required();
  cmd->add_option("--mde", opt->query.mde, "Minimum detectable effect: absolute (0.02 = 2 points), or relative with --relative")
      ->required();
  cmd->add_flag("--relative", opt->query.relative, "--mde is relative to the baseline (0.1 = a 10% lift)");
  cmd->add_option("--alpha", opt->query.alpha, "Significance level (two-sided)")->capture_default_str();
  cmd->add_option("--power", opt->query.power, "Probability of detecting the effect when it is there")->capture_default_str();
  cmd->add_option("--traffic-per-day", opt->traffic_per_day, "Units entering the experiment per day (all arms): adds the days needed")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] { run_sample_size(*opt); }});
}

}  // namespace

void add_ab_command(CLI::App& app, Commands& commands) {
  auto* ab = app.add_subcommand("ab", "A/B experiments: create, list, results, stop (on the store); analyze and "
                                      "sample-size (any CSV)");
  ab->require_subcommand(1);
  add_analyze(*ab, commands);
  add_sample_size(*ab, commands);
  add_ab_store_commands(*ab, commands);
}

}  // namespace seatsync::cli
