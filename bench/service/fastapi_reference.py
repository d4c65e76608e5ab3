"""Seed 003's pricing service, rebuilt as a fair reference for `seatsync serve` (issue 11, section 6).

The stack seed 003 describes: FastAPI + pydantic request/response models, served by uvicorn, with
Python xgboost scoring the ML pricing path of "ML Pricing Engine Integration":
  1. build a feature vector from the request,
  2. score five grid prices (one DMatrix of 5 rows, one Booster.predict),
  3. elasticity factor from the predicted conversion probability, applied to comp_p50 (or a base price),
  4. guardrails (min/max), 5. the price grid, 6. reasons.

It is written to be *fast for its stack* — numpy rows, one DMatrix per request, no pandas, one OpenMP
thread per worker — so that a speed-up measured against it is not a speed-up against a strawman.
It reads nothing but the request (seed 003 would also fetch enriched data; we leave that cost out).

Model: an XGBoost model file (JSON from make_reference_model.py, or a seatsync registry model),
path in the SEATSYNC_REFERENCE_MODEL environment variable (uvicorn workers re-import this module,
so an environment variable is the one setting every worker sees).

Run (Debian's python and packages; plain asyncio/h11 adds ~44 ms per keep-alive request):
  SEATSYNC_REFERENCE_MODEL=model.json /usr/bin/python3 -m uvicorn fastapi_reference:app \
      --app-dir bench/service --host 127.0.0.1 --port 8000 --workers 2 \
      --http httptools --loop uvloop --log-level warning
"""
from __future__ import annotations

import datetime as dt
import math
import os
import sys
from collections import Counter
from typing import Dict, List, NamedTuple, Optional

# Each worker is one process on one of two cores: one OpenMP thread, or xgboost's parallel
# DMatrix construction spin-waits against the other worker (measured: 5 ms instead of 0.3 ms).
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Debian ships no pandas; xgboost then retries `import pandas` (a failing path search, ~0.3 ms)
# on every DMatrix. Marking it absent makes that import fail at once, as if pandas were cached.
sys.modules.setdefault("pandas", None)

import numpy as np  # noqa: E402
import xgboost  # noqa: E402
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

# ---- Feature columns ------------------------------------------------------------------------
# The 75 columns of seatsync's demand features (docs/features.md), in order, so a seatsync
# registry model and the synthetic reference model read the same row. The three categorical
# columns (opponent, price_group, price_code) stay NaN: the request carries no category codes.
FEATURE_NAMES: List[str] = [
    "sale_day_of_week", "sale_day_of_month", "sale_week_of_year", "sale_month", "sale_quarter",
    "sale_is_weekend", "sale_is_month_start", "sale_is_month_end", "sale_is_holiday",
    "game_day_of_week", "game_day_of_month", "game_week_of_year", "game_month", "game_quarter",
    "game_is_weekend", "game_is_month_start", "game_is_month_end", "game_is_holiday",
    "game_holiday_weekend", "game_days_to_holiday", "season_year", "season_fall", "season_winter",
    "season_spring", "season_summer", "weather_temperature", "weather_precipitation",
    "weather_wind", "weather_cloud_cover", "game_tier", "opponent", "price_group", "price_code",
    "code_capacity", "code_floor_price", "code_price_rank", "days_before", "lead_last_minute",
    "lead_short", "lead_medium", "lead_long", "bucket_index", "sold_before", "sell_through",
    "remaining_share", "comp_count", "comp_p10", "comp_p50", "comp_p90", "comp_range",
    "price_vs_comp_p50", "price_vs_comp_p50_pct", "comp_position", "price", "price_lag_1",
    "price_lag_7", "price_lag_30", "price_ma_7", "price_ma_30", "price_change_1d",
    "price_volatility_7d", "sold_last_1d", "sold_last_7d", "sold_last_14d", "orders_before",
    "days_since_last_sale", "weekend_fall", "weekend_winter", "weekend_spring", "weekend_summer",
    "holiday_x_weekend", "last_minute_x_weekend", "tier_x_days_before", "occupancy_x_weekend",
    "rain_x_weekend",
]
COL = {name: i for i, name in enumerate(FEATURE_NAMES)}

# Grid multipliers around the market anchor: the five candidate prices the model scores.
GRID_FACTORS = np.array([0.8, 0.9, 1.0, 1.1, 1.2])
ANCHOR_ROW = 2  # the row offered at the anchor itself: its conversion drives the elasticity rule
ALTERNATIVE_FACTORS = (0.9, 0.95, 1.0, 1.05, 1.1)  # the response's price_grid around the price
# Thesis Table 5.2 buckets (seatsync's default params): lower bound of days_before, furthest first.
BUCKET_LOWER_BOUNDS = [91, 61, 31, 15, 8, 4, 1, 0]
DEFAULT_BASE_PRICE = 100.0  # seed 003's base_price when neither market nor context gives one
FLOOR_SHARE, CEILING_SHARE = 0.5, 2.0  # guardrails relative to the anchor when none is given


# ---- Request and response (seed 003's shapes, issue 11's ticket fields) ----------------------
class Entity(BaseModel):
    userId: Optional[str] = None
    propertyId: Optional[str] = None


class Event(BaseModel):
    game_id: str
    price_code: str


class Product(BaseModel):
    type: Optional[str] = None
    refundable: Optional[bool] = None
    los: Optional[int] = None


class Inventory(BaseModel):
    capacity: int
    remaining: int


class Competitor(BaseModel):
    price: float
    source: Optional[str] = None
    quantity: Optional[int] = 1


class Market(BaseModel):
    competitors: List[Competitor] = []


class Context(BaseModel):
    tier: Optional[int] = None
    season: Optional[str] = None
    day_of_week: Optional[int] = None
    base_price: Optional[float] = None
    min_price: Optional[float] = None
    max_price: Optional[float] = None


class Toggles(BaseModel):
    use_ml: bool = True
    use_competitors: bool = True
    apply_seasonality: bool = True


class ScoreRequest(BaseModel):  # pydantic 1.x ignores unknown fields by default, as issue 11 asks
    entity: Optional[Entity] = None
    event: Event
    quote_time: dt.datetime
    stay_date: Optional[dt.date] = None
    product: Optional[Product] = None
    inventory: Inventory
    market: Market = Market()
    context: Context = Context()
    toggles: Toggles = Toggles()
    strategy: str = "revenue"


class ConfBand(BaseModel):
    lower: float
    upper: float


class Expected(BaseModel):
    occ_now: float
    occ_end_bucket: float


class CompetitorData(BaseModel):
    p10: Optional[float]
    p50: Optional[float]
    p90: Optional[float]
    count: int
    source: Optional[str]


class Safety(BaseModel):
    pricing_method: str
    ml_conversion_prob: Optional[float]
    occupancy_rate: float
    lead_days: int
    competitor_data: CompetitorData
    ab_variant: str
    floor: float
    ceiling: float
    constraints_applied: List[str]


class ScoreResponse(BaseModel):
    price: float
    price_grid: List[float]
    conf_band: ConfBand
    expected: Expected
    reasons: List[str]
    safety: Safety


# ---- Feature building ----------------------------------------------------------------------
def _fixed_holidays(year: int) -> set:
    """A few US holidays by rule: enough calendar work per request to be honest, no library."""
    nov1 = dt.date(year, 11, 1)
    thanksgiving = nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
    return {dt.date(year, 1, 1), dt.date(year, 7, 4), dt.date(year, 12, 25),
            dt.date(year, 11, 11), thanksgiving}


def _day_of_week(d: dt.date) -> int:  # 0 = Sunday, as seatsync's features
    return (d.weekday() + 1) % 7


def _calendar(row: np.ndarray, prefix: str, d: dt.date, holidays: set) -> None:
    next_day = d + dt.timedelta(days=1)
    row[COL[prefix + "day_of_week"]] = _day_of_week(d)
    row[COL[prefix + "day_of_month"]] = d.day
    row[COL[prefix + "week_of_year"]] = d.isocalendar()[1]
    row[COL[prefix + "month"]] = d.month
    row[COL[prefix + "quarter"]] = (d.month - 1) // 3 + 1
    row[COL[prefix + "is_weekend"]] = d.weekday() >= 5
    row[COL[prefix + "is_month_start"]] = d.day == 1
    row[COL[prefix + "is_month_end"]] = next_day.month != d.month
    row[COL[prefix + "is_holiday"]] = d in holidays


def percentile(sorted_values: List[float], q: float) -> float:
    """numpy's default (linear) percentile; in Python, 10x faster than np.percentile for a few values."""
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


class MarketStats(NamedTuple):  # a plain tuple while scoring; validated once, in the response
    p10: Optional[float]
    p50: Optional[float]
    p90: Optional[float]
    count: int
    source: Optional[str]


def market_stats(req: ScoreRequest) -> MarketStats:
    comps = req.market.competitors if req.toggles.use_competitors else []
    if not comps:
        return MarketStats(p10=None, p50=None, p90=None, count=0, source=None)
    prices = sorted(c.price for c in comps)
    p10, p50, p90 = (percentile(prices, q) for q in (0.1, 0.5, 0.9))
    source = Counter(c.source for c in comps).most_common(1)[0][0]
    return MarketStats(p10=round(p10, 2), p50=round(p50, 2), p90=round(p90, 2),
                       count=len(comps), source=source)


def base_row(req: ScoreRequest, market: MarketStats, lead_days: int) -> np.ndarray:
    """The request's features that do not depend on the offered price."""
    row = np.full(len(FEATURE_NAMES), np.nan, dtype=np.float32)
    sale_day = req.quote_time.date()
    game_day = req.stay_date or sale_day
    holidays = _fixed_holidays(sale_day.year) | _fixed_holidays(game_day.year)
    _calendar(row, "sale_", sale_day, holidays)
    _calendar(row, "game_", game_day, holidays)
    weekend = float(game_day.weekday() >= 5)
    to_holiday = min((abs((h - game_day).days) for h in holidays), default=60)
    row[COL["game_days_to_holiday"]] = min(to_holiday, 60)
    row[COL["game_holiday_weekend"]] = weekend and to_holiday <= 2
    season_start = game_day.year if game_day.month >= 7 else game_day.year - 1
    row[COL["season_year"]] = season_start
    month = game_day.month
    seasons = {"fall": month in (9, 10, 11), "winter": month in (12, 1, 2),
               "spring": month in (3, 4, 5), "summer": month in (6, 7, 8)}
    if req.toggles.apply_seasonality:
        for name, on in seasons.items():
            row[COL["season_" + name]] = on
            row[COL["weekend_" + name]] = on * weekend
    tier = req.context.tier if req.context.tier is not None else 3
    row[COL["game_tier"]] = tier
    capacity, remaining = req.inventory.capacity, req.inventory.remaining
    sold = capacity - remaining
    row[COL["code_capacity"]] = capacity
    if req.context.min_price is not None:
        row[COL["code_floor_price"]] = req.context.min_price
    row[COL["days_before"]] = lead_days
    row[COL["lead_last_minute"]] = lead_days <= 3
    row[COL["lead_short"]] = 4 <= lead_days <= 14
    row[COL["lead_medium"]] = 15 <= lead_days <= 60
    row[COL["lead_long"]] = lead_days > 60
    row[COL["bucket_index"]] = next(i for i, lo in enumerate(BUCKET_LOWER_BOUNDS) if lead_days >= lo)
    row[COL["sold_before"]] = sold
    sell_through = sold / capacity if capacity > 0 else 0.0
    row[COL["sell_through"]] = sell_through
    row[COL["remaining_share"]] = max(0.0, 1.0 - sell_through)
    row[COL["comp_count"]] = market.count
    if market.count:
        row[COL["comp_p10"]], row[COL["comp_p50"]], row[COL["comp_p90"]] = market.p10, market.p50, market.p90
        row[COL["comp_range"]] = market.p90 - market.p10
    row[COL["holiday_x_weekend"]] = row[COL["game_is_holiday"]] * weekend
    row[COL["last_minute_x_weekend"]] = row[COL["lead_last_minute"]] * weekend
    row[COL["tier_x_days_before"]] = tier * lead_days
    row[COL["occupancy_x_weekend"]] = sell_through * weekend
    return row


def grid_rows(row: np.ndarray, grid: np.ndarray, comp_p50: Optional[float]) -> np.ndarray:
    """Five copies of the row, each offered at one grid price (only price columns differ)."""
    rows = np.tile(row, (len(grid), 1))
    rows[:, COL["price"]] = grid
    if comp_p50:
        rows[:, COL["price_vs_comp_p50"]] = grid - comp_p50
        rows[:, COL["price_vs_comp_p50_pct"]] = (grid - comp_p50) / comp_p50
        rows[:, COL["comp_position"]] = np.where(grid < 0.9 * comp_p50, 0, np.where(grid > 1.1 * comp_p50, 2, 1))
    return rows


# ---- The model -----------------------------------------------------------------------------
class ReferenceModel:
    """The booster and how many columns it reads (a seatsync model may have a different count)."""

    def __init__(self, path: str):
        self.booster = xgboost.Booster(model_file=path)
        # Two uvicorn workers on two cores: one OpenMP thread each, or they fight over the cores.
        self.booster.set_param({"nthread": 1})
        self.num_features = self.booster.num_features()
        # Rows are built in FEATURE_NAMES order; check the names once here instead of on every
        # predict (xgboost's per-call validation costs ~0.4 ms of string copies).
        names = self.booster.feature_names
        if names is not None and names[: len(FEATURE_NAMES)] != FEATURE_NAMES[: len(names)]:
            raise ValueError(f"{path}: feature columns differ from seatsync's (docs/features.md)")
        self.path = path

    def predict(self, rows: np.ndarray) -> np.ndarray:
        width = self.num_features
        if rows.shape[1] != width:  # pad with NaN / cut to the model's width
            fitted = np.full((rows.shape[0], width), np.nan, dtype=np.float32)
            n = min(width, rows.shape[1])
            fitted[:, :n] = rows[:, :n]
            rows = fitted
        matrix = xgboost.DMatrix(rows, missing=np.nan, nthread=1)
        return self.booster.predict(matrix, validate_features=False)


def conversion_probability(expected_sales: float) -> float:
    """A Poisson demand model predicts tickets per day; P(at least one sale) = 1 - e^-λ."""
    return 1.0 - math.exp(-max(0.0, float(expected_sales)))


def elasticity_factor(prob: float) -> tuple:
    """Seed 003's rule, verbatim: thresholds 0.7 / 0.5 / 0.3."""
    if prob > 0.7:
        return 1.2, "High"
    if prob > 0.5:
        return 1.1, "Medium"
    if prob > 0.3:
        return 1.0, "Medium-low"
    return 0.9, "Low"


# ---- The service ---------------------------------------------------------------------------
app = FastAPI(title="seed 003 reference pricing service")
_model: Dict[str, ReferenceModel] = {}


@app.on_event("startup")
def load_model() -> None:
    path = os.environ.get("SEATSYNC_REFERENCE_MODEL")
    if not path:
        raise RuntimeError("set SEATSYNC_REFERENCE_MODEL to an XGBoost model file")
    _model["demand"] = ReferenceModel(path)


@app.get("/health")
def health() -> dict:
    model = _model.get("demand")
    if model is None:
        raise HTTPException(status_code=503, detail="model not loaded")
    return {"status": "ok", "model": os.path.basename(model.path), "num_features": model.num_features}


# `async def`: the work is ~1 ms of CPU, cheaper inline on the event loop than handed to
# FastAPI's thread pool (a plain `def` route) and back; each worker uses its one core either way.
# It returns a dict: FastAPI validates it against ScoreResponse once (building the pydantic
# objects here would validate everything twice).
@app.post("/score", response_model=ScoreResponse)
async def score(req: ScoreRequest) -> dict:
    if req.inventory.capacity <= 0 or not 0 <= req.inventory.remaining <= req.inventory.capacity:
        raise HTTPException(status_code=400, detail="inventory.remaining must be within [0, capacity]")
    stay = req.stay_date or req.quote_time.date()
    lead_days = max(0, (stay - req.quote_time.date()).days)
    market = market_stats(req)
    anchor = market.p50 or req.context.base_price or DEFAULT_BASE_PRICE
    floor = req.context.min_price if req.context.min_price is not None else round(anchor * FLOOR_SHARE, 2)
    ceiling = req.context.max_price if req.context.max_price is not None else round(anchor * CEILING_SHARE, 2)
    grid = anchor * GRID_FACTORS
    occ_now = 1.0 - req.inventory.remaining / req.inventory.capacity
    reasons: List[str] = []

    if req.toggles.use_ml and "demand" in _model:
        rows = grid_rows(base_row(req, market, lead_days), grid, market.p50)
        expected_sales = _model["demand"].predict(rows)
        prob = conversion_probability(expected_sales[ANCHOR_ROW])
        factor, level = elasticity_factor(prob)
        method, variant = "ml_elasticity", "ml"
        reasons += [f"ML elasticity model (conversion prob: {prob:.1%})", f"Predicted demand: {level}"]
        sales_to_game = float(expected_sales[ANCHOR_ROW]) * max(1, lead_days)
    else:
        prob, factor, method, variant = None, 1.0, "rule_based", "control"
        reasons.append("Rule-based pricing (ML disabled)")
        sales_to_game = 0.0

    raw = anchor * factor
    price = round(min(max(raw, floor), ceiling), 2)
    applied = [name for name, hit in (("floor", raw < floor), ("ceiling", raw > ceiling)) if hit]
    # Seed 003's alternatives: the chosen price ±5 % and ±10 %, each inside the guardrails.
    price_grid = [round(min(max(price * f, floor), ceiling), 2) for f in ALTERNATIVE_FACTORS]
    if market.p50:
        delta = (price - market.p50) / market.p50
        position = "Premium" if delta > 0.05 else "Discount" if delta < -0.05 else "Market"
        reasons.append(f"{position} positioning vs market (${market.p50:.2f}, {delta:+.0%})")
        reasons.append(f"Market range: ${market.p10:.2f} (low) to ${market.p90:.2f} (high)")
        reasons.append(f"Based on {market.count} competitor listings ({market.source})")
    else:
        reasons.append(f"No market data: base price ${anchor:.2f}")
    reasons += [f"Price held at the {name} (${floor if name == 'floor' else ceiling:.2f})" for name in applied]

    occ_end = min(1.0, occ_now + sales_to_game / req.inventory.capacity)
    return {
        "price": price,
        "price_grid": price_grid,
        "conf_band": {"lower": price_grid[0], "upper": price_grid[-1]},
        "expected": {"occ_now": round(occ_now, 4), "occ_end_bucket": round(occ_end, 4)},
        "reasons": reasons,
        "safety": {"pricing_method": method, "ml_conversion_prob": None if prob is None else round(prob, 4),
                   "occupancy_rate": round(occ_now, 4), "lead_days": lead_days,
                   "competitor_data": market._asdict(), "ab_variant": variant, "floor": floor,
                   "ceiling": ceiling, "constraints_applied": applied},
    }
