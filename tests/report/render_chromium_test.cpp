// Renders the daily index, the guide and the charts in headless Chromium, as a person would
// open them: the pages must load without console errors and paint something substantial.
// The screenshots stay in <build>/test-artifacts/render/ for a human to look at.
// Skipped when /usr/bin/chromium is missing (`make test` installs it).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>

#include "render_test_util.hpp"
#include "seatsync/report.hpp"

using namespace seatsync;
namespace fs = std::filesystem;
namespace rt = seatsync::render_test;

namespace {

constexpr const char* kChromium = "/usr/bin/chromium";
const std::vector<std::string> kBuckets{"91-365", "61-90", "31-60", "15-30", "8-14", "4-7", "1-3", "0"};
const std::vector<std::pair<int, int>> kDays{{91, 365}, {61, 90}, {31, 60}, {15, 30}, {8, 14}, {4, 7}, {1, 3}, {0, 0}};

// A deterministic pseudo-random number in [0, 1) from integers, so the sample data never changes.
double noise(int a, int b, int c) {
  // Unsigned before multiplying: the products overflow an int (UBSan found it), which is undefined.
  unsigned h = static_cast<unsigned>(a) * 73856093u ^ static_cast<unsigned>(b) * 19349663u ^
               static_cast<unsigned>(c) * 83492791u;
  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return (h % 10000) / 10000.0;
}

// A plan shaped like thesis Figure 3-2: prices rise towards the game, and one early bucket sells
// nothing because the seats are worth more later.
CodePlan sample_plan() {
  const double prices[] = {95, 95, 105, 110, 125, 140, 150, 165};
  const double tickets[] = {0, 4, 0, 8, 12, 15, 20, 8};
  CodePlan plan;
  plan.remaining = 67;
  plan.current_price = 99;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    BucketRecommendation b;
    b.bucket = i;
    b.name = kBuckets[i];
    b.days_from = kDays[i].first;
    b.days_to = kDays[i].second;
    b.price = prices[i];
    b.expected_quantity = tickets[i];
    b.expected_revenue = prices[i] * tickets[i];
    plan.expected_tickets += b.expected_quantity;
    plan.expected_revenue += b.expected_revenue;
    plan.buckets.push_back(b);
  }
  return plan;
}

// Tiers 1-3 × four groups, prices falling with quantity and rising towards the game; large
// quantities are rarely observed, as in thesis Figure 4-9.
std::vector<CompletedMatrix> sample_matrices() {
  const std::vector<std::pair<std::string, double>> groups{{"Courtside", 420}, {"Club", 190}, {"Lower Bowl", 105}, {"Upper Bowl", 48}};
  const double tier_factor[] = {1.3, 1.0, 0.8};
  std::vector<CompletedMatrix> out;
  for (int tier = 1; tier <= 3; ++tier)
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const int quantities = 10 + 4 * static_cast<int>(g);
      CompletedMatrix m;
      m.method = CompletionMethod::hybrid;
      m.observed.tier = tier;
      m.observed.group = groups[g].first;
      m.observed.bucket_names = kBuckets;
      m.observed.price.resize(8, quantities);
      m.observed.games.setZero(8, quantities);
      m.observed.orders.setZero(8, quantities);
      m.price.resize(8, quantities);
      for (int b = 0; b < 8; ++b)
        for (int q = 1; q <= quantities; ++q) {
          const double smooth = groups[g].second * tier_factor[tier - 1] * (1 + 0.05 * b) * (1 - 0.25 * q / quantities);
          const double seen_chance = 0.9 * std::exp(-0.18 * (q - 1)) + 0.05;
          const bool seen = noise(tier, static_cast<int>(g) * 100 + b, q) < seen_chance;
          m.observed.price(b, q - 1) = seen ? smooth * (0.9 + 0.2 * noise(q, b, tier)) : std::nan("");
          if (seen) {
            m.observed.games(b, q - 1) = 1 + static_cast<int>(6 * noise(b, q, 7));
            m.observed.orders(b, q - 1) = 2 * m.observed.games(b, q - 1);
          }
          m.price(b, q - 1) = smooth;
        }
      out.push_back(std::move(m));
    }
  return out;
}

AdjustmentGuide sample_guide() {
  AdjustmentGuide guide;
  guide.as_of = Date::from_ymd(2026, 3, 2);
  const std::vector<std::tuple<std::string, std::string, double>> codes{
      {"CS1", "Courtside", 410}, {"CS2", "Courtside", 350}, {"CL1", "Club", 185}, {"CL2", "Club", 160},
      {"LB1", "Lower Bowl", 110}, {"LB2", "Lower Bowl", 95}, {"UB1", "Upper Bowl", 49}, {"UB2", "Upper Bowl", 38}};
  for (int game = 0; game < 2; ++game) {
    GameGuide g;
    g.game_id = game == 0 ? "26H031" : "26H034";
    g.game_date = guide.as_of + (game == 0 ? 10 : 17);
    g.tier = game == 0 ? 1 : 3;
    g.opponent = game == 0 ? "Lakers" : "Hornets";
    const std::size_t first = game == 0 ? 4 : 3;  // the bucket holding today
    for (std::size_t b = first; b < kBuckets.size(); ++b) g.buckets.push_back(kBuckets[b]);
    for (std::size_t c = 0; c < codes.size(); ++c) {
      const auto& [code, group, current] = codes[c];
      GuideRow row;
      row.price_code = code;
      row.group = group;
      row.current_price = current;
      row.floor = current * 0.7;
      row.remaining = 8 + static_cast<int>(60 * noise(game, static_cast<int>(c), 1));
      for (std::size_t b = first; b < kBuckets.size(); ++b) {
        GuideCell cell;
        cell.bucket = kBuckets[b];
        cell.days_from = kDays[b].first;
        cell.days_to = kDays[b].second;
        const double share = std::round((noise(game, static_cast<int>(c), static_cast<int>(b)) - 0.45) * 40) / 100;
        cell.change = std::round(current * share);
        cell.change_share = cell.change / current;
        cell.recommended_price = current + cell.change;
        cell.support_orders = static_cast<int>(90 * noise(static_cast<int>(c), static_cast<int>(b), game + 5));
        cell.support_games = cell.support_orders / 4;
        cell.large = std::abs(cell.change_share) >= guide.thresholds.large_change;
        cell.supported = cell.support_orders >= guide.thresholds.min_support_orders;
        cell.fill = !cell.supported ? GuideFill::none : cell.large ? GuideFill::dark : GuideFill::light;
        if (b == first && cell.large && cell.supported)
          guide.significant.push_back({g.game_id, g.game_date, code, cell.bucket, current, cell.recommended_price,
                                       cell.change, cell.change_share, cell.support_orders});
        row.cells.push_back(cell);
      }
      g.rows.push_back(row);
    }
    guide.games.push_back(g);
  }
  std::sort(guide.significant.begin(), guide.significant.end(),
            [](const auto& a, const auto& b) { return std::abs(a.change_share) > std::abs(b.change_share); });
  return guide;
}

fs::path artefacts_dir() {
  // Beside the built binaries, so it survives the test's temp dir and is easy to find.
  const fs::path dir = fs::path(SEATSYNC_BINARY).parent_path() / "test-artifacts" / "render";
  fs::create_directories(dir);
  return dir;
}

struct Screenshot {
  rt::ProgramResult run;
  fs::path png;
};

Screenshot screenshot(const fs::path& page, const fs::path& png, int width, int height) {
  test::TempDir profile;  // a fresh profile each time: no state leaks between runs
  fs::remove(png);
  Screenshot s;
  s.png = png;
  s.run = rt::run_program({kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--disable-quic", "--no-first-run", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                           "--user-data-dir=" + profile.path().string(),
                           "--window-size=" + std::to_string(width) + "," + std::to_string(height),
                           "--screenshot=" + png.string(), "--enable-logging=stderr", "--v=0",
                           "file://" + page.string()},
                          std::chrono::seconds(120));
  return s;
}

// Width and height from a PNG's IHDR chunk; {0, 0} when the file is not a PNG.
std::pair<unsigned, unsigned> png_size(const fs::path& png) {
  const std::string bytes = test::read_file(png);
  if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return {0, 0};
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 3]));
  };
  return {be32(16), be32(20)};
}

// Console messages (errors, warnings, logs) about our page; Chromium's own chatter about D-Bus
// and the like is not the page's business.
std::vector<std::string> page_console_lines(const std::string& log, const fs::path& page_dir) {
  std::vector<std::string> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);)
    if (line.find("CONSOLE") != std::string::npos || line.find(page_dir.string()) != std::string::npos)
      out.push_back(line);
  return out;
}

void expect_rendered(const Screenshot& s, const fs::path& page_dir, unsigned width, std::uintmax_t min_bytes) {
  ASSERT_FALSE(s.run.timed_out) << "chromium did not finish";
  EXPECT_EQ(s.run.exit_code, 0) << s.run.err;
  ASSERT_TRUE(fs::exists(s.png)) << s.run.out << s.run.err;
  EXPECT_EQ(png_size(s.png).first, width);
  // A blank page compresses to a few kilobytes; text, tables and charts take far more.
  EXPECT_GT(fs::file_size(s.png), min_bytes);
  EXPECT_EQ(page_console_lines(s.run.out + s.run.err, page_dir), std::vector<std::string>{});
  std::cout << "screenshot: " << s.png.string() << "\n";
}

class ChromiumRender : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " is not installed (make test installs it)";
    plan_svg = svg_price_plan(sample_plan(), "Game 26H031 · code LB1 — price plan");
    observed_svg = svg_matrix_heatmaps(sample_matrices(), false, "Demand Matrices — observed");
    completed_svg = svg_matrix_heatmaps(sample_matrices(), true, "Demand Matrices — completed");
    guide = sample_guide();
    test::write_file(pages / "charts" / "plan-26H031-LB1.svg", plan_svg);
    test::write_file(pages / "charts" / "matrices-observed.svg", observed_svg);
    test::write_file(pages / "charts" / "matrices-completed.svg", completed_svg);
    test::write_file(pages / "guide.html", render_guide_html(guide));

    // The games and one plan per guide row, so the index's counts and games table have content.
    plans.as_of = guide.as_of;
    for (const auto& g : guide.games) {
      data.games.push_back({g.game_id, g.game_date, g.tier, g.opponent});
      GamePlan game{static_cast<GameIndex>(data.games.size() - 1), {}};
      for (std::size_t r = 0; r < g.rows.size(); ++r) {
        CodePlan p = sample_plan();
        p.game = game.game;
        p.remaining = g.rows[r].remaining;
        game.plans.push_back(p);
      }
      plans.games.push_back(game);
    }
    data.reindex();

    DailyReportInput input;
    input.as_of = guide.as_of;
    input.method = "stochastic";
    input.data = &data;
    input.plans = &plans;
    input.guide = &guide;
    input.files = {{"Adjustment guide (HTML)", "guide.html"},
                   {"Chart: plan-26H031-LB1.svg", "charts/plan-26H031-LB1.svg"},
                   {"Chart: matrices-observed.svg", "charts/matrices-observed.svg"},
                   {"Chart: matrices-completed.svg", "charts/matrices-completed.svg"}};
    input.charts = {{"Price plan of 26H031, code LB1 (thesis Figure 3-2)", plan_svg},
                    {"Observed Demand Matrices (thesis Figure 4-9)", observed_svg},
                    {"Completed Demand Matrices (thesis Figure 4-11)", completed_svg}};
    test::write_file(pages / "index.html", render_daily_index(input));
  }

  // Keeps a page beside its screenshot for whoever looks at them. Each test keeps only its own
  // files, so tests run in parallel (ctest -j) never write the same file.
  void keep(const std::string& page) {
    fs::copy_file(pages / page, artefacts / page, fs::copy_options::overwrite_existing);
  }

  test::TempDir pages;
  fs::path artefacts = artefacts_dir();
  std::string plan_svg, observed_svg, completed_svg;
  AdjustmentGuide guide;
  Dataset data;
  PlanSet plans;
};

}  // namespace

TEST_F(ChromiumRender, DailyIndexLoadsCleanlyWithItsCharts) {
  keep("index.html");
  const auto s = screenshot(pages.path() / "index.html", artefacts / "daily-index.png", 1280, 2000);
  expect_rendered(s, pages.path(), 1280, 60'000);
}

TEST_F(ChromiumRender, GuideLoadsCleanly) {
  keep("guide.html");
  const auto s = screenshot(pages.path() / "guide.html", artefacts / "guide-html.png", 1280, 1400);
  expect_rendered(s, pages.path(), 1280, 40'000);
}

TEST_F(ChromiumRender, StandaloneChartsOpenInABrowser) {
  auto size_of = [](const std::string& svg) {
    const auto tag = rt::start_tags(svg, "svg", "viewBox").at(0);
    return std::pair{static_cast<int>(std::ceil(rt::number_attribute(tag, "width"))),
                     static_cast<int>(std::ceil(rt::number_attribute(tag, "height")))};
  };
  const auto [pw, ph] = size_of(plan_svg);
  expect_rendered(screenshot(pages.path() / "charts" / "plan-26H031-LB1.svg", artefacts / "price-plan.png", pw, ph),
                  pages.path(), static_cast<unsigned>(pw), 15'000);
  const auto [hw, hh] = size_of(completed_svg);
  expect_rendered(screenshot(pages.path() / "charts" / "matrices-observed.svg", artefacts / "heatmaps.png", hw, hh),
                  pages.path(), static_cast<unsigned>(hw), 30'000);
  expect_rendered(
      screenshot(pages.path() / "charts" / "matrices-completed.svg", artefacts / "heatmaps-completed.png", hw, hh),
      pages.path(), static_cast<unsigned>(hw), 30'000);
}
