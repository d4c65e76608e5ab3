-- wrk script: POST one /score body, the same for seatsync serve and the FastAPI reference.
--   wrk -t1 -c64 -d10s --latency -s bench/service/score.lua http://127.0.0.1:PORT
-- The body is issue 11's example with the demo dataset's real state (`seatsync demo` is
-- deterministic): game S2026-G12 (2026-12-07, tier 5 in games.csv), price code A (Club: capacity
-- 120 in seats.csv, 48 remaining in inventory.csv — the example's 48/30 and tier 1 are not the
-- demo's), quoted six days before the game; one competitor listing at $180.
wrk.method = "POST"
wrk.path = "/score"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"event": {"game_id": "S2026-G12", "price_code": "A"},
 "quote_time": "2026-12-01T12:00:00Z",
 "stay_date": "2026-12-07",
 "inventory": {"capacity": 120, "remaining": 48},
 "market": {"competitors": [{"price": 180.0, "source": "seatgeek", "quantity": 2}]},
 "context": {"tier": 5},
 "toggles": {"use_ml": true, "use_competitors": true, "apply_seasonality": true},
 "strategy": "revenue"}]]
