#!/usr/bin/env bash
# /score with and without the audit trail (issue 18 part 3, docs/audit.md): two `seatsync serve`
# on the same data, one with --audit, measured by wrk in alternation within each round so both
# see the same machine.
#
#   bench/service/run_audit_bench.sh SEATSYNC DATA_DIR    # e.g. build/seatsync /tmp/svc-demo
#
# Loopback only, bounded in time (each wrk run lasts DURATION; each server gets READY_TIMEOUT to
# load); both servers are stopped on exit whatever happens. Prints markdown: the machine, one row
# per server x connections x round, then what the audited server wrote (records, bytes, drops,
# from its /metrics and the log directory). The audit log is emptied after every run (it grows by
# about 1.5 kB per request: tens of MB per second at full load).
#
# Environment (all optional):
#   DURATION=10s  CONNECTIONS="1 16 64"  REPEAT=3  READY_TIMEOUT=300 (seconds)
#   PACED_CONNECTIONS="16"  PACE_MS=2  rows below saturation too: each connection pauses PACE_MS
#                                  between requests (score_paced.lua), so latency is a request's
#                                  own rather than the queue's; "" = none
#   SEATSYNC_AS_OF=2026-12-01      `seatsync serve --as-of` (score.lua quotes on that day)
#   SEATSYNC_SERVE_ARGS="..."      extra arguments for both servers (e.g. "--registry DIR")
#   AUDIT_DIR=DIR                  where the audited server writes (default: a temporary directory
#                                  under /tmp: the same disk as the build here)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seatsync="${1:?usage: $0 SEATSYNC DATA_DIR}"
data="${2:?usage: $0 SEATSYNC DATA_DIR}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-1 16 64}"
REPEAT="${REPEAT:-3}"
READY_TIMEOUT="${READY_TIMEOUT:-300}"
SEATSYNC_AS_OF="${SEATSYNC_AS_OF:-2026-12-01}"
PACED_CONNECTIONS="${PACED_CONNECTIONS-16}"
export PACE_MS="${PACE_MS:-2}"
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
[[ -x "$seatsync" ]] || { echo "$seatsync is not an executable" >&2; exit 1; }

work="$(mktemp -d /tmp/seatsync-audit-bench.XXXXXX)"
audit="${AUDIT_DIR:-$work/audit}"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  [[ -n "${AUDIT_DIR:-}" ]] || rm -rf "$audit"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_ready() {  # NAME URL PID: poll /health until 200
  local deadline=$((SECONDS + READY_TIMEOUT)) code=""
  while ((SECONDS < deadline)); do
    kill -0 "$3" 2>/dev/null || { echo "$1 exited before it was ready; log:" >&2; cat "$work/$1.log" >&2; return 1; }
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$2/health" || true)"
    [[ "$code" == 200 ]] && return 0
    sleep 0.5
  done
  echo "$1 not ready after $READY_TIMEOUT s (last /health: $code)" >&2
  return 1
}

to_ms() {  # wrk's "812.00us" / "1.20ms" / "2.01s" in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}

cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }

metric() {  # URL SERIES: one value from /metrics
  curl -s --max-time 5 "$1/metrics" | awk -v s="$2" '$1 == s {print $2}'
}

start_server() {  # NAME [ARGS...]: starts `seatsync serve`, sets url_NAME and pid_NAME
  local name="$1" port
  shift
  port="$(free_port)"
  # shellcheck disable=SC2086  # SEATSYNC_SERVE_ARGS is a list of words on purpose
  "$seatsync" serve --data "$data" --host 127.0.0.1 --port "$port" --as-of "$SEATSYNC_AS_OF" ${SEATSYNC_SERVE_ARGS:-} "$@" \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
  printf -v "pid_$name" '%s' "$!"
  printf -v "url_$name" '%s' "http://127.0.0.1:$port"
}

start_server plain
start_server audited --audit "$audit"
wait_ready plain "$url_plain" "$pid_plain"
wait_ready audited "$url_audited" "$pid_audited"
for url in "$url_plain" "$url_audited"; do  # warm-up, not recorded
  timeout 30 wrk -t1 -c16 -d2s -s "$here/score.lua" "$url" >/dev/null
done
code="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary "$(sed -n '/\[\[/,/\]\]/p' "$here/score.lua" | sed 's/.*\[\[//; s/\]\].*//')" "$url_audited/score")"
[[ "$code" == 200 ]] || { echo "POST /score answered $code, not 200" >&2; exit 1; }

echo "## Audit trail: /score with and without --audit, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "- machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), kernel $(uname -r)"
echo "- $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'); load average before (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- command per row: \`wrk -t1 -cC -d$DURATION --timeout 5s --latency -s bench/service/SCRIPT URL\`; \`paced\` rows: score_paced.lua, PACE_MS=$PACE_MS"
echo "- servers: \`$seatsync serve --data $data --as-of $SEATSYNC_AS_OF ${SEATSYNC_SERVE_ARGS:-}\` and the same with \`--audit $audit\`"
echo "- audit log on: $(df -h --output=source,fstype "$(dirname "$audit")" | tail -1 | awk '{print $1 " (" $2 ")"}')"
echo
echo "| connections | round | server | requests/s | p50 ms | p99 ms | errors | server CPU ms/request | audit records written | dropped | bytes/record |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
runs=()
for conns in $CONNECTIONS; do runs+=("$conns|score.lua|$conns"); done
for conns in $PACED_CONNECTIONS; do runs+=("$conns paced|score_paced.lua|$conns"); done
for spec in "${runs[@]}"; do
  IFS='|' read -r label script conns <<<"$spec"
  for ((round = 1; round <= REPEAT; round++)); do
    for name in plain audited; do
      url_var="url_$name" pid_var="pid_$name"
      url="${!url_var}" pid="${!pid_var}"
      written_before="" dropped_before=""
      if [[ $name == audited ]]; then
        rm -f "$audit"/audit-*.jsonl
        written_before="$(metric "$url" seatsync_audit_records_total)"
        dropped_before="$(metric "$url" 'seatsync_audit_dropped_total{reason="queue_full"}')"
      fi
      before="$(cpu_ticks "$pid")"
      timeout 120 wrk -t1 -c"$conns" -d"$DURATION" --timeout 5s --latency -s "$here/$script" "$url" >"$work/wrk.out"
      after="$(cpu_ticks "$pid")"
      rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")"
      p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/wrk.out")")"
      p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/wrk.out")")"
      requests="$(awk '/requests in/ {print $1}' "$work/wrk.out")"
      non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/wrk.out")"
      sockerr="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk.out")"
      cpu="$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.3f", t / hz * 1000 / n }')"
      written="-" dropped="-" per_record="-"
      if [[ $name == audited ]]; then
        sleep 0.2  # the last batch: written within 50 ms
        written=$(($(metric "$url" seatsync_audit_records_total) - written_before))
        dropped=$(($(metric "$url" 'seatsync_audit_dropped_total{reason="queue_full"}') - dropped_before))
        bytes="$(cat "$audit"/audit-*.jsonl 2>/dev/null | wc -c)"
        per_record="$(awk -v b="$bytes" -v n="$written" 'BEGIN { if (n > 0) printf "%.0f", b / n; else print "-" }')"
        rm -f "$audit"/audit-*.jsonl
      fi
      echo "| $label | $round | $name | $rps | $p50 | $p99 | $((${non2xx:-0} + ${sockerr:-0})) | $cpu | $written | $dropped | $per_record |"
    done
  done
done
echo
echo "- write errors on the audited server: $(metric "$url_audited" seatsync_audit_write_errors_total)"
echo "- load average after (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
