-- A wrk script (wrk 4, LuaJIT) for tests/cli/replica_failover_test.cpp and the numbers of
-- docs/scaling.md: POST /score requests mixed with POST /ab/experiments/{id}/events carrying one
-- quote event each, under an event_id no other request uses. It counts the answers per status
-- and kind and prints one machine-readable line at the end:
--   REPLICA_MIX {"requests": …, "statuses": {"200": …}, "events_sent": …, "events_acked": …, …}
--
--   wrk -t2 -c16 -d20s --timeout 5s -s tests/cli/replica_mix.lua http://127.0.0.1:PORT \
--       -- EXPERIMENT GAME CODE QUOTE_TIME API_KEY EVENT_SECONDS [EVENT_EVERY]
--
-- Events are sent only during the first EVENT_SECONDS of the run: wrk stops at its deadline
-- with requests in flight and never reports their answers, so an event sent in the last second
-- could be stored without being counted as acknowledged. Stopping events a few seconds early
-- lets every event request be answered, and makes "stored == acknowledged" an exact check.
-- Every EVENT_EVERY-th request (default 4) is an event.

local threads = {}
-- Event ids are "RUN-THREAD-N": RUN (the start second) keeps two runs on one experiment apart.
local run_tag = tostring(os.time())

function setup(thread)
  thread:set("thread_no", #threads + 1)
  thread:set("run_tag", run_tag)
  table.insert(threads, thread)
end

function init(args)
  if #args < 6 then
    error("replica_mix.lua needs: EXPERIMENT GAME CODE QUOTE_TIME API_KEY EVENT_SECONDS [EVENT_EVERY]")
  end
  experiment, game, code, quote_time, api_key = args[1], args[2], args[3], args[4], args[5]
  events_until = os.time() + tonumber(args[6])
  event_every = tonumber(args[7] or "4")
  events_path = "/ab/experiments/" .. experiment .. "/events"
  score_headers = {["Content-Type"] = "application/json"}
  event_headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. api_key}
  n = 0
  score_sent, events_sent = 0, 0
  score_ok, events_acked, inserted, duplicates = 0, 0, 0, 0
  statuses = {}
end

function request()
  n = n + 1
  -- 500 sessions: the experiment assigns each /score an arm by the session's hash.
  local session = "s" .. ((thread_no * 7919 + n) % 500)
  if n % event_every == 0 and os.time() < events_until then
    events_sent = events_sent + 1
    local body = string.format(
      '{"events":[{"event_id":"%s-%d-%d","type":"quote","unit":"%s","at":"%s","price":100}]}',
      run_tag, thread_no, n, session, quote_time)
    return wrk.format("POST", events_path, event_headers, body)
  end
  score_sent = score_sent + 1
  local body = string.format(
    '{"event":{"game_id":"%s","price_code":"%s"},"quote_time":"%s","entity":{"sessionId":"%s"}}',
    game, code, quote_time, session)
  return wrk.format("POST", "/score", score_headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 200 and status < 300 then
    -- The events answer is {"duplicates":D,"inserted":I}; a /score answer has neither key.
    local i = body:match('"inserted":(%d+)')
    if i then
      events_acked = events_acked + 1
      inserted = inserted + tonumber(i)
      duplicates = duplicates + tonumber(body:match('"duplicates":(%d+)') or "0")
    elseif body:find('"price"', 1, true) then
      score_ok = score_ok + 1
    end
  end
end

function done(summary, latency, requests)
  local total = {score_sent = 0, events_sent = 0, score_ok = 0, events_acked = 0, inserted = 0, duplicates = 0}
  local by_status = {}
  for _, t in ipairs(threads) do
    for k, _ in pairs(total) do total[k] = total[k] + t:get(k) end
    for s, c in pairs(t:get("statuses")) do by_status[s] = (by_status[s] or 0) + c end
  end
  local parts = {}
  for s, c in pairs(by_status) do table.insert(parts, string.format('"%d":%d', s, c)) end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'REPLICA_MIX {"requests":%d,"seconds":%.3f,"requests_per_second":%.1f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"statuses":{%s},' ..
    '"score_sent":%d,"score_ok":%d,"events_sent":%d,"events_acked":%d,"inserted":%d,"duplicates":%d,' ..
    '"latency_ms":{"p50":%.2f,"p99":%.2f,"max":%.2f}}\n',
    summary.requests, seconds, summary.requests / seconds,
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ","),
    total.score_sent, total.score_ok, total.events_sent, total.events_acked, total.inserted, total.duplicates,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
