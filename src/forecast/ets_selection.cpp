#include "ets_selection.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <stdexcept>

namespace seatsync::forecast_detail {

std::vector<EtsComponents> ets_candidate_models(std::span<const double> y, int season_length) {
  const bool positive = !y.empty() && *std::min_element(y.begin(), y.end()) > 0;
  // R refuses seasonal ETS above m = 24 (the m − 1 seasonal states become too many to estimate).
  const bool seasonal = season_length > 1 && season_length <= 24 && y.size() > static_cast<std::size_t>(season_length);
  std::vector<EtsError> errors = {EtsError::additive};
  if (positive) errors.push_back(EtsError::multiplicative);
  std::vector<EtsSeason> seasons = {EtsSeason::none};
  if (seasonal) {
    seasons.push_back(EtsSeason::additive);
    if (positive) seasons.push_back(EtsSeason::multiplicative);
  }
  std::vector<EtsComponents> out;
  for (EtsError e : errors) {
    for (EtsTrend t : {EtsTrend::none, EtsTrend::additive, EtsTrend::damped}) {
      for (EtsSeason s : seasons) {
        if (e == EtsError::additive && s == EtsSeason::multiplicative) continue;
        const EtsComponents c{e, t, s, s == EtsSeason::none ? 1 : season_length};
        if (y.size() < ets_minimum_length(c)) continue;
        out.push_back(c);
      }
    }
  }
  return out;
}

EtsFit select_ets(std::span<const double> y, int season_length) {
  std::optional<EtsFit> best;
  for (const EtsComponents& c : ets_candidate_models(y, season_length)) {
    std::optional<EtsFit> fit = fit_ets_components(c, y);
    if (fit && (!best || fit->aicc < best->aicc)) best = std::move(fit);
  }
  if (!best) {
    throw std::invalid_argument(fmt::format("no ETS model could be fitted to a series of {} values", y.size()));
  }
  return *best;
}

}  // namespace seatsync::forecast_detail
