"""Write the XGBoost model the FastAPI reference (fastapi_reference.py) scores with.

Default: a model the size of seatsync's gbdt demand model — Poisson objective, 300 trees of depth 6,
75 numeric features (seatsync's columns, docs/features.md) — trained on synthetic rows. The size
matters, not the accuracy: prediction cost is trees × depth, so the reference pays what seed 003's
stack would pay for a model like ours.

The training rows come from fastapi_reference's own feature builder (the serving code), fed with
synthetic requests, plus synthetic values for the history columns a request does not carry, so the
trees split on every kind of column the way a trained demand model does.

With --from FILE, instead re-save a model seatsync trained (a registry model file such as
season_demand_v….json; Debian's xgboost 1.7.4 loads those) so the reference scores *our* model.

  /usr/bin/python3 bench/service/make_reference_model.py --out /tmp/reference_model.json
  /usr/bin/python3 bench/service/make_reference_model.py --from REGISTRY/season_demand_v….json --out …
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

import numpy as np
import xgboost

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fastapi_reference as ref  # noqa: E402  (the feature columns and builder the server uses)

TREES, DEPTH = 300, 6


def synthetic_request(rng: np.random.Generator) -> ref.ScoreRequest:
    game_day = dt.date(2023, 10, 1) + dt.timedelta(days=int(rng.integers(0, 4 * 365)))
    lead = int(min(365, rng.exponential(35)))
    capacity = int(rng.choice([24, 48, 120, 200, 260, 410]))
    remaining = int(rng.integers(0, capacity + 1))
    anchor = float(rng.lognormal(np.log(80), 0.9))
    comps = [ref.Competitor(price=float(anchor * rng.lognormal(0, 0.25)), source="resale",
                            quantity=int(rng.integers(1, 5))) for _ in range(int(rng.integers(0, 12)))]
    return ref.ScoreRequest(
        event=ref.Event(game_id="S", price_code="A"),
        quote_time=dt.datetime.combine(game_day - dt.timedelta(days=lead), dt.time(12)),
        stay_date=game_day,
        inventory=ref.Inventory(capacity=capacity, remaining=remaining),
        market=ref.Market(competitors=comps),
        context=ref.Context(tier=int(rng.integers(1, 6)), base_price=anchor, min_price=anchor * 0.6),
    )


def expected_sales(row: np.ndarray, price: float, anchor: float) -> float:
    """A plausible demand rate: better tiers, last days, weekends and cheaper prices sell more."""
    c = ref.COL
    tier_effect = np.exp(-0.35 * (row[c["game_tier"]] - 1))
    lead_effect = 3.0 / (1.0 + row[c["days_before"]] / 7.0) + 0.1
    weekend_effect = 1.3 if row[c["game_is_weekend"]] else 1.0
    price_effect = (price / anchor) ** -2.2
    stock = row[c["remaining_share"]] * row[c["code_capacity"]] / 100.0
    return float(tier_effect * lead_effect * weekend_effect * price_effect * min(stock, 2.0))


def training_rows(n: int, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    c = ref.COL
    x = np.empty((n, len(ref.FEATURE_NAMES)), dtype=np.float32)
    y = np.empty(n, dtype=np.float32)
    for i in range(n):
        req = synthetic_request(rng)
        market = ref.market_stats(req)
        lead = (req.stay_date - req.quote_time.date()).days
        anchor = market.p50 or req.context.base_price
        price = anchor * float(rng.uniform(0.6, 1.5))
        row = ref.grid_rows(ref.base_row(req, market, lead), np.array([price]), market.p50)[0]
        # Columns a request leaves NaN (history, categories, weather) get synthetic values here.
        lags = price * rng.lognormal(0, 0.08, size=5)
        row[[c["price_lag_1"], c["price_lag_7"], c["price_lag_30"], c["price_ma_7"], c["price_ma_30"]]] = lags
        row[c["price_change_1d"]] = price - lags[0]
        row[c["price_volatility_7d"]] = abs(rng.normal(0, 0.05 * price))
        rate = expected_sales(row, price, anchor)
        row[[c["sold_last_1d"], c["sold_last_7d"], c["sold_last_14d"]]] = rng.poisson([rate, 7 * rate, 14 * rate])
        row[c["orders_before"]] = row[c["sold_before"]] * 0.6
        row[c["days_since_last_sale"]] = rng.exponential(1.0 / max(rate, 0.05))
        row[[c["opponent"], c["price_group"], c["price_code"]]] = rng.integers(0, [20, 5, 25])
        row[c["code_price_rank"]] = rng.uniform()
        row[[c["weather_temperature"], c["weather_precipitation"]]] = rng.normal(12, 8), rng.exponential(1.0)
        row[[c["weather_wind"], c["weather_cloud_cover"]]] = rng.gamma(2, 6), rng.uniform(0, 100)
        row[c["rain_x_weekend"]] = (row[c["weather_precipitation"]] > 0) * row[c["game_is_weekend"]]
        x[i], y[i] = row, rng.poisson(rate)
    return x, y


def train(rows: int, seed: int) -> xgboost.Booster:
    x, y = training_rows(rows, seed)
    matrix = xgboost.DMatrix(x, label=y, missing=np.nan, feature_names=ref.FEATURE_NAMES)
    params = {"objective": "count:poisson", "max_depth": DEPTH, "eta": 0.05, "subsample": 0.8,
              "colsample_bytree": 0.8, "min_child_weight": 1, "tree_method": "hist",
              "nthread": 2, "seed": seed}
    # No early stopping: exactly TREES trees, the cost of the model we compare with.
    return xgboost.train(params, matrix, num_boost_round=TREES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="where to write the XGBoost JSON model")
    parser.add_argument("--from", dest="source", help="a seatsync registry model file to re-save instead")
    parser.add_argument("--rows", type=int, default=20000, help="synthetic training rows")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    booster = xgboost.Booster(model_file=args.source) if args.source else train(args.rows, args.seed)
    tmp = args.out + ".tmp.json"  # xgboost picks the format from the extension
    booster.save_model(tmp)
    os.replace(tmp, args.out)  # never leave a half-written model where the server looks
    trees = len(booster.get_dump())
    print(f"wrote {args.out}: {trees} trees, {booster.num_features()} features"
          + (f" (from {args.source})" if args.source else " (synthetic, count:poisson)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
