-- wrk script: POST /score/batch with 100 score bodies per request, for rows (prices) per second.
--   wrk -t1 -c16 -d10s --latency -s bench/service/score_batch.lua http://127.0.0.1:PORT
-- Rows/s = requests/s x ROWS. The rows walk through the demo's 25 price codes of game S2026-G12
-- (real capacities and remaining seats from `seatsync demo`), four quote days and a few market
-- pictures, so a server cannot answer all 100 from one cached row. Quote days run from the
-- as-of date run_service_bench.sh gives the server (2026-12-01) to the day before the game.
local ROWS = 100

-- price code, capacity (seats.csv), remaining (inventory.csv, game S2026-G12)
local codes = {
  {"1", 24, 17}, {"2", 32, 12}, {"3", 40, 7}, {"4", 48, 33}, {"5", 90, 45}, {"6", 110, 56},
  {"A", 120, 48}, {"B", 140, 66}, {"C", 150, 51}, {"D", 200, 78}, {"E", 220, 113},
  {"F", 240, 90}, {"G", 250, 107}, {"H", 260, 121}, {"I", 260, 152}, {"J", 270, 125},
  {"K", 290, 105}, {"L", 300, 76}, {"M", 310, 152}, {"N", 320, 165}, {"O", 330, 159},
  {"P", 350, 203}, {"Q", 370, 195}, {"R", 390, 170}, {"S", 410, 143},
}
local quote_times = {"2026-12-01T12:00:00Z", "2026-12-02T09:00:00Z", "2026-12-04T12:00:00Z",
                     "2026-12-06T18:30:00Z"}

local function score_body(i)
  local code = codes[(i - 1) % #codes + 1]
  local quote = quote_times[(i - 1) % #quote_times + 1]
  local market_price = 20 + (i * 37) % 400
  return string.format(
    '{"event": {"game_id": "S2026-G12", "price_code": "%s"}, "quote_time": "%s", ' ..
    '"stay_date": "2026-12-07", "inventory": {"capacity": %d, "remaining": %d}, ' ..
    '"market": {"competitors": [{"price": %.1f, "source": "seatgeek", "quantity": 2}]}, ' ..
    '"context": {"tier": 5}, ' ..
    '"toggles": {"use_ml": true, "use_competitors": true, "apply_seasonality": true}, ' ..
    '"strategy": "revenue"}',
    code[1], quote, code[2], code[3], market_price)
end

-- Built once per wrk thread (init runs in each thread's Lua state), not per request.
function init(args)
  local bodies = {}
  for i = 1, ROWS do bodies[i] = score_body(i) end
  wrk.method = "POST"
  wrk.path = "/score/batch"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"requests": [' .. table.concat(bodies, ", ") .. ']}'
end

-- A batch answers 200 even when some of its rows fail, so wrk's non-2xx count cannot see them:
-- count the rows the server reports as failed ("errors": N in the batch response, issue 11's
-- /score/batch contract as served by seatsync) and print them at the end for run_service_bench.sh.
threads = {}

function setup(thread)  -- runs in the main Lua state, once per wrk thread
  table.insert(threads, thread)
end

batches, failed_rows = 0, 0  -- globals of each thread's state, read back with thread:get

function response(status, headers, body)
  batches = batches + 1
  local errors = status == 200 and body:match('"errors"%s*:%s*(%d+)')
  failed_rows = failed_rows + (errors and tonumber(errors) or ROWS)
end

function done(summary, latency, requests)
  local total_batches, total_failed = 0, 0
  for _, thread in ipairs(threads) do
    total_batches = total_batches + thread:get("batches")
    total_failed = total_failed + thread:get("failed_rows")
  end
  io.write(string.format("Failed rows: %d of %d\n", total_failed, total_batches * ROWS))
end
