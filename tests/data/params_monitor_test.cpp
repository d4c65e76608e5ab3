// params.toml's [monitor]: seed 003's thresholds by default, each one settable, bad values
// refused naming the line and the key.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/params.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

TEST(ParamsMonitor, DefaultsAreSeed003s) {
  const MonitorThresholds m = Params::defaults().monitor;
  EXPECT_DOUBLE_EQ(m.min_auc, 0.75);
  EXPECT_DOUBLE_EQ(m.min_revenue_lift, 0.0);
  EXPECT_DOUBLE_EQ(m.max_importance_change, 0.5);
  EXPECT_EQ(m.max_model_age_days, 30);
  EXPECT_DOUBLE_EQ(m.max_new_data_share, 0.2);
}

TEST(ParamsMonitor, ReadsEveryThreshold) {
  Diagnostics d;
  const auto p = parse_params(R"([monitor]
min_auc = 0.8
min_revenue_lift = -0.01
max_error_ratio = 2
max_importance_change = 0.3
max_psi = 0.25
max_model_age_days = 7
max_new_data_share = 0.1
)",
                              "params.toml", d);
  ASSERT_TRUE(d.items().empty()) << d.items()[0].format();
  EXPECT_DOUBLE_EQ(p.monitor.min_auc, 0.8);
  EXPECT_DOUBLE_EQ(p.monitor.min_revenue_lift, -0.01);
  EXPECT_DOUBLE_EQ(p.monitor.max_error_ratio, 2);
  EXPECT_DOUBLE_EQ(p.monitor.max_importance_change, 0.3);
  EXPECT_DOUBLE_EQ(p.monitor.max_psi, 0.25);
  EXPECT_EQ(p.monitor.max_model_age_days, 7);
  EXPECT_DOUBLE_EQ(p.monitor.max_new_data_share, 0.1);
}

TEST(ParamsMonitor, BadValuesAreRefusedNamingLineAndKey) {
  for (const auto& [toml, key] : std::vector<std::pair<std::string, std::string>>{
           {"[monitor]\nmin_auc = 0.2\n", "monitor.min_auc"},
           {"[monitor]\n\nmax_model_age_days = 0\n", "monitor.max_model_age_days"},
           {"[monitor]\nmax_psi = \"high\"\n", "monitor.max_psi"},
           {"monitor = 3\n", "monitor"}}) {
    Diagnostics d;
    parse_params(toml, "params.toml", d);
    ASSERT_FALSE(d.items().empty()) << toml;
    EXPECT_THAT(d.items()[0].format(), HasSubstr(key)) << toml;
    EXPECT_THAT(d.items()[0].format(), HasSubstr("params.toml:")) << toml;
  }
  Diagnostics d;
  parse_params("[monitor]\nmin_acu = 0.8\n", "params.toml", d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_THAT(d.items()[0].format(), HasSubstr("unknown parameter"));
}
