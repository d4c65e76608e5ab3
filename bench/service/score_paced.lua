-- wrk script: bench/service/score.lua's request, each connection pausing PACE_MS (default 2) ms
-- between requests, so that the server runs below saturation and the latencies are a request's
-- own (wrk has no fixed-rate mode; 16 connections x 2 ms give about 7,000 requests/s here).
--   PACE_MS=2 wrk -t1 -c16 -d10s --latency -s bench/service/score_paced.lua http://127.0.0.1:PORT
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "score.lua")
local pace = tonumber(os.getenv("PACE_MS") or "2")
function delay() return pace end
