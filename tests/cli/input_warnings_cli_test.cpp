// End-to-end: warnings about the input reach every command (not only `validate`), --strict
// refuses them, global options go anywhere on the line, and an empty plan says why.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

namespace {
// A one-season simulated dataset whose params.toml has a typo: `ceilling` for `ceiling`.
const fs::path& with_typo() {
  static TempDir dir;
  static bool written = false;
  if (!written) {
    auto r = run_seatsync({"simulate", "--out", dir.path().string(), "--seasons", "1", "--seed", "5"});
    if (r.exit_code != 0) throw std::runtime_error(r.err);
    seatsync::test::write_file(dir / "params.toml", "[plan]\nceilling = 400\n");
    written = true;
  }
  return dir.path();
}

std::string typo_warning() { return (with_typo() / "params.toml").string() + ":2: plan.ceilling: warning: unknown parameter"; }

// The first game of the plan, to keep the runs short.
std::string first_game() {
  static const std::string game = [] {
    auto r = run_seatsync({"plan", "--data", with_typo().string(), "--as-of", "2026-12-01"});
    return nlohmann::json::parse(r.out)["games"][0]["game_id"].get<std::string>();
  }();
  return game;
}
}  // namespace

TEST(InputWarningsCli, PlanWarnsAboutAnUnknownParamsKeyAndStrictRefusesIt) {
  const std::string data = with_typo().string();
  auto plan = run_seatsync({"plan", "--data", data, "--as-of", "2026-12-01", "--game", first_game()});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_THAT(plan.err, HasSubstr(typo_warning()));
  EXPECT_FALSE(plan.out.empty());

  TempDir out;
  const auto file = out / "plan.json";
  auto strict = run_seatsync({"--strict", "plan", "--data", data, "--as-of", "2026-12-01", "--out", file.string()});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_THAT(strict.err, HasSubstr(typo_warning()));
  EXPECT_THAT(strict.err, HasSubstr("--strict: 1 warning(s)"));
  EXPECT_FALSE(fs::exists(file));
}

TEST(InputWarningsCli, EveryCommandReadingParamsWarnsFromADirectoryOrADatabase) {
  const std::string data = with_typo().string();
  TempDir dir;
  const auto db = (dir / "s.db").string();
  auto imp = run_seatsync({"import", "--data", data, "--db", db});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_THAT(imp.err, HasSubstr(typo_warning()));
  // The database keeps the text: its warning names the stored params.toml.
  auto summary = run_seatsync({"summary", "--db", db});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_THAT(summary.err, HasSubstr(":2: plan.ceilling: warning: unknown parameter"));
  EXPECT_EQ(run_seatsync({"summary", "--db", db, "--strict"}).exit_code, 2);
  auto validate = run_seatsync({"validate", "--data", data, "--strict"});
  EXPECT_EQ(validate.exit_code, 2);
  EXPECT_THAT(validate.out, Not(HasSubstr("ok")));
}

TEST(InputWarningsCli, DailyWarnsAndRefusesUnderStrictBeforeWritingAnything) {
  const std::string data = with_typo().string();
  TempDir dir;
  const auto out = dir / "daily";
  auto strict = run_seatsync({"daily", "--data", data, "--as-of", "2026-12-01", "--out", out.string(), "--strict"});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_THAT(strict.err, HasSubstr(typo_warning()));
  EXPECT_FALSE(fs::exists(out));
}

TEST(InputWarningsCli, GlobalOptionsGoBeforeOrAfterTheSubcommand) {
  const std::string data = with_typo().string();
  // --log-level error hides the info log either way; the warning is a diagnostic, printed anyway.
  for (const auto& args : {std::vector<std::string>{"--log-level", "error", "summary", "--data", data},
                           std::vector<std::string>{"summary", "--log-level", "error", "--data", data},
                           std::vector<std::string>{"summary", "--data", data, "--log-level=error"}}) {
    auto r = run_seatsync(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  auto info = run_seatsync({"plan", "--data", data, "--as-of", "2026-12-01", "--game", first_game()});
  EXPECT_THAT(info.err, HasSubstr("info: planned 1 games"));
  auto quiet = run_seatsync({"plan", "--data", data, "--as-of", "2026-12-01", "--game", first_game(), "--log-level", "error"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_THAT(quiet.err, Not(HasSubstr("info:")));
  // A nested subcommand passes them up too.
  TempDir reg;
  fs::create_directories(reg.path());
  auto models = run_seatsync({"models", "list", "--registry", reg.path().string(), "--log-level", "warn"});
  EXPECT_EQ(models.exit_code, 0) << models.err;
  // Still a usage error when nobody knows the option, or the value is bad.
  EXPECT_EQ(run_seatsync({"summary", "--data", data, "--no-such-option"}).exit_code, 2);
  EXPECT_EQ(run_seatsync({"summary", "--data", data, "--log-level", "loud"}).exit_code, 2);
}

TEST(InputWarningsCli, PlanAfterEveryGameSaysSoOnStderrAndExitsZero) {
  auto r = run_seatsync({"plan", "--data", with_typo().string(), "--as-of", "2031-01-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("nothing to plan: every game in inventory.csv was played before --as-of 2031-01-01"));
  EXPECT_EQ(nlohmann::json::parse(r.out)["games"].size(), 0u);
}
