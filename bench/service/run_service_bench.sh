#!/usr/bin/env bash
# Side-by-side load test of `seatsync serve` and seed 003's stack (fastapi_reference.py), issue 11 §6.
#
#   bench/service/run_service_bench.sh SEATSYNC DATA_DIR    # both servers (e.g. build/seatsync /tmp/demo)
#   bench/service/run_service_bench.sh --reference-only     # the FastAPI reference alone
#
# Loopback only, bounded in time (each wrk run lasts DURATION; ours gets READY_TIMEOUT to load), and
# both servers are stopped on exit, whatever happens. Prints markdown: machine, one row per server ×
# connections, then /score/batch rows per second (ours only: seed 003 has no batch route).
#
# Environment (all optional):
#   DURATION=10s  CONNECTIONS="1 16 64"  BATCH_CONNECTIONS="1 16"  READY_TIMEOUT=300 (seconds)
#   REPEAT=1                       rows per server x connections (the reference's spread over its
#                                  two workers varies from run to run: take the median of 3)
#   SEATSYNC_REFERENCE_MODEL=FILE  the reference's XGBoost model; default: make_reference_model.py's,
#                                  built once (~1 min) and kept in BENCH_CACHE (/tmp/seatsync-bench)
#   SEATSYNC_AS_OF=2026-12-01      `seatsync serve --as-of`: the quote day of score.lua's body (the
#                                  server refuses quotes before its as-of date, which defaults to today)
#   SEATSYNC_SERVE_ARGS="..."      extra arguments for `seatsync serve` (e.g. "--threads 2")
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3  # Debian's python: the pyenv one on PATH has no fastapi/uvicorn/xgboost
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-1 16 64}"
BATCH_CONNECTIONS="${BATCH_CONNECTIONS:-1 16}"
READY_TIMEOUT="${READY_TIMEOUT:-300}"
REPEAT="${REPEAT:-1}"
SEATSYNC_AS_OF="${SEATSYNC_AS_OF:-2026-12-01}"
BENCH_CACHE="${BENCH_CACHE:-/tmp/seatsync-bench}"

seatsync="" data=""
if [[ $# -ge 1 && "$1" != "--reference-only" ]]; then
  seatsync="$1" data="${2:?usage: $0 SEATSYNC DATA_DIR | --reference-only}"
  if [[ ! -x "$seatsync" ]]; then
    echo "warning: $seatsync is not an executable; measuring the reference only" >&2
    seatsync=""
  fi
fi
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }

work="$(mktemp -d /tmp/seatsync-bench.XXXXXX)"
pids=()  # process-group leaders we started (setsid): stopping the group stops uvicorn's workers too
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {  # the kernel's pick of a free loopback port
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_ready NAME URL PID TIMEOUT: poll until 200; 503 (loading) and refused connections mean wait.
wait_ready() {
  local name="$1" url="$2" pid="$3" deadline=$((SECONDS + $4)) code=""
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited before it was ready; log:" >&2; cat "$work/$name.log" >&2; return 1; }
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/health" || true)"
    [[ "$code" == 200 ]] && return 0
    sleep 0.5
  done
  echo "$name not ready after $4 s (last /health status: $code)" >&2
  return 1
}

# cpu_ticks PID: user + system clock ticks of PID and its descendants (uvicorn's workers).
cpu_ticks() {
  local total=0 p
  for p in $(pgrep -g "$1" 2>/dev/null || echo "$1"); do
    # fields 14 and 15 of /proc/PID/stat, counted after the ")" closing the command name
    total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# to_ms VALUE: wrk's "812.00us" / "1.20ms" / "2.01s" in milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}

# connection_split PORT: established connections per server process, e.g. "53/11". uvicorn's
# workers share one listening socket and whichever is awake accepts, so wrk's burst of connects
# can land unevenly; the split explains much of the run-to-run spread at 64 connections.
connection_split() {
  ss -tnpH state established "( sport = :$1 )" 2>/dev/null | grep -o 'pid=[0-9]*' | sort | uniq -c |
    sort -rn | awk '{printf "%s%s", sep, $1; sep = "/"} END {if (NR == 0) printf "-"}'
}

# run_wrk SCRIPT URL CONNECTIONS GROUP: one wrk run; prints
# "req/s|p50|p99|errors|cpu_ms_per_req|requests|load|connection split|failed batch rows"
run_wrk() {
  local script="$1" url="$2" conns="$3" group="$4" out="$work/wrk.out" load before after split wrk_pid
  load="$(cut -d' ' -f1 /proc/loadavg)"
  before="$(cpu_ticks "$group")"
  timeout 120 wrk -t1 -c"$conns" -d"$DURATION" --timeout 5s --latency -s "$here/$script" "$url" >"$out" &
  wrk_pid=$!
  sleep "$(awk -v d="$DURATION" 'BEGIN { print (d + 0) / 2 }')"  # mid-run: all connections open
  split="$(connection_split "${url##*:}")"
  wait "$wrk_pid"
  after="$(cpu_ticks "$group")"
  local rps p50 p99 non2xx sockerr requests cpu failed_rows
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
  sockerr="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")"
  requests="$(awk '/requests in/ {print $1}' "$out")"
  failed_rows="$(awk '/^Failed rows:/ {print $3}' "$out")"  # printed by score_batch.lua
  cpu="$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { if (n > 0) printf "%.3f", t / hz * 1000 / n; else print "-" }')"
  echo "$rps|$p50|$p99|$((${non2xx:-0} + ${sockerr:-0}))|$cpu|$requests|$load|$split|${failed_rows:--}"
}

# smoke NAME URL: one /score with the benchmark body must answer 200, or the numbers mean nothing.
smoke() {
  local body code
  body="$(sed -n '/\[\[/,/\]\]/p' "$here/score.lua" | sed 's/.*\[\[//; s/\]\].*//')"
  code="$(curl -s -o "$work/$1.smoke" -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' \
    --data-binary "$body" "$2/score" || true)"
  if [[ "$code" != 200 ]]; then
    echo "$1: POST /score answered $code, not 200:" >&2; head -c 600 "$work/$1.smoke" >&2; echo >&2
    return 1
  fi
  echo "$1 POST /score: $(head -c 300 "$work/$1.smoke")…" >&2
}

# ---- 1. the reference ------------------------------------------------------------------------
model="${SEATSYNC_REFERENCE_MODEL:-$BENCH_CACHE/reference_model.json}"
if [[ ! -s "$model" ]]; then
  mkdir -p "$(dirname "$model")"
  echo "building the reference model (300 trees x 75 features, ~1 min) into $model" >&2
  nice -n 10 "$PY" "$here/make_reference_model.py" --out "$model" >&2
fi
ref_port="$(free_port)"
SEATSYNC_REFERENCE_MODEL="$model" setsid "$PY" -m uvicorn fastapi_reference:app --app-dir "$here" \
  --host 127.0.0.1 --port "$ref_port" --workers 2 --http httptools --loop uvloop --log-level warning \
  >"$work/reference.log" 2>&1 &
ref_pid=$!
pids+=("$ref_pid")
ref_url="http://127.0.0.1:$ref_port"

# ---- 2. ours ---------------------------------------------------------------------------------
if [[ -n "$seatsync" ]]; then
  our_port="$(free_port)"
  # shellcheck disable=SC2086  # SEATSYNC_SERVE_ARGS is a list of words on purpose
  setsid "$seatsync" serve --data "$data" --host 127.0.0.1 --port "$our_port" --as-of "$SEATSYNC_AS_OF" \
    ${SEATSYNC_SERVE_ARGS:-} \
    >"$work/seatsync.log" 2>&1 &
  our_pid=$!
  pids+=("$our_pid")
  our_url="http://127.0.0.1:$our_port"
fi

wait_ready reference "$ref_url" "$ref_pid" 60
smoke reference "$ref_url"
if [[ -n "$seatsync" ]]; then
  echo "waiting for seatsync serve to load (GET /health 503 -> 200, up to $READY_TIMEOUT s)" >&2
  wait_ready seatsync "$our_url" "$our_pid" "$READY_TIMEOUT"
  smoke seatsync "$our_url"
fi

# ---- 3. machine ------------------------------------------------------------------------------
versions="$("$PY" -c 'import fastapi, pydantic, uvicorn, xgboost
print(f"uvicorn {uvicorn.__version__}, fastapi {fastapi.__version__}, pydantic {pydantic.VERSION}, xgboost {xgboost.__version__}")')"
echo "## Service benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "- machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), kernel $(uname -r)"
echo "- $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), $versions"
echo "- load average before the runs (1, 5, 15 min): $(cut -d" " -f1-3 /proc/loadavg)"
echo "- command per row: \`wrk -t1 -cC -d$DURATION --timeout 5s --latency -s bench/service/score.lua URL\`"
echo "- reference model: $("$PY" -c 'import sys, xgboost; b = xgboost.Booster(model_file=sys.argv[1])
print(f"{sys.argv[1]}, {len(b.get_dump())} trees, {b.num_features()} features")' "$model")"
if [[ -n "$seatsync" ]]; then
  echo "- seatsync serve: \`$seatsync serve --data $data --as-of $SEATSYNC_AS_OF ${SEATSYNC_SERVE_ARGS:-}\`"
else
  echo "- seatsync serve: not measured (reference only)"
fi
echo

# ---- 4. the runs -----------------------------------------------------------------------------
servers=("reference (FastAPI, 2 workers)|$ref_url|$ref_pid")
[[ -n "$seatsync" ]] && servers+=("seatsync serve|$our_url|$our_pid")

for server in "${servers[@]}"; do  # warm-up, not recorded: first requests fill caches and pools
  IFS='|' read -r _ url _ <<<"$server"
  timeout 30 wrk -t1 -c16 -d2s -s "$here/score.lua" "$url" >/dev/null
done

echo "| server | connections | requests/s | p50 ms | p99 ms | errors | server CPU ms/request | connections per process | load (1 min) |"
echo "|---|---|---|---|---|---|---|---|---|"
for conns in $CONNECTIONS; do
  for ((round = 1; round <= REPEAT; round++)); do
    for server in "${servers[@]}"; do  # alternate the servers, so both see the same machine load
      IFS='|' read -r name url pid <<<"$server"
      IFS='|' read -r rps p50 p99 errors cpu _ load split _ <<<"$(run_wrk score.lua "$url" "$conns" "$pid")"
      echo "| $name | $conns | $rps | $p50 | $p99 | $errors | $cpu | $split | $load |"
    done
  done
done

echo
echo "Connections per process: established connections of each server process, sampled mid-run. uvicorn's"
echo "workers race to accept on one socket; when one wins all of them (\"64\"), it serves alone at about half"
echo "the throughput of an even split. seatsync serve is one process (\"64\" is expected there)."

if [[ -n "$seatsync" ]]; then
  echo
  echo "POST /score/batch, 100 rows per request (\`-s bench/service/score_batch.lua\`):"
  echo
  echo "| server | connections | batches/s | rows/s | p50 ms | p99 ms | errors | failed rows | load (1 min) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for conns in $BATCH_CONNECTIONS; do
    IFS='|' read -r rps p50 p99 errors _ _ load _ failed <<<"$(run_wrk score_batch.lua "$our_url" "$conns" "$our_pid")"
    rows="$(awk -v r="$rps" 'BEGIN { printf "%.0f", r * 100 }')"
    echo "| seatsync serve | $conns | $rps | $rows | $p50 | $p99 | $errors | $failed | $load |"
  done
fi
echo
echo "- load average after the runs (1, 5, 15 min): $(cut -d" " -f1-3 /proc/loadavg)"
