// params.toml's [monitor] section: when a model alerts and when it is retrained (seed 003's
// "Alerts" and "Trigger Conditions"; include/seatsync/retrain_policy.hpp).
#include "params_sections.hpp"

namespace seatsync {

void read_monitor(const toml::table& table, const std::string& file, MonitorThresholds& m, Diagnostics& diag) {
  for (const auto& [k, node] : table) {
    const std::string key(k.str()), name = "monitor." + key;
    auto fraction = [&, &node = node](double& field, double lo, double hi) {
      if (auto v = number_in(node, lo, hi, name, file, diag)) field = *v;
    };
    if (key == "min_auc") fraction(m.min_auc, 0.5, 1);
    else if (key == "min_revenue_lift") fraction(m.min_revenue_lift, -1, 1);
    else if (key == "max_error_ratio") fraction(m.max_error_ratio, 1, 100);
    else if (key == "max_importance_change") fraction(m.max_importance_change, 0, 10);
    else if (key == "max_psi") fraction(m.max_psi, 0, 10);
    else if (key == "max_new_data_share") fraction(m.max_new_data_share, 0, 100);
    else if (key == "max_model_age_days") {
      if (auto v = whole_in(node, 1, 3650, name, file, diag)) m.max_model_age_days = *v;
    } else {
      diag.warning(file, toml_line(node), name, "unknown parameter, ignored");
    }
  }
}

}  // namespace seatsync
