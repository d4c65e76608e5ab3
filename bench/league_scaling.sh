#!/usr/bin/env bash
# The league daily run on 1 and 2 workers (docs/scaling.md): TEAMS simulated datasets of the
# default size, each imported into its own schema of one database of a throwaway PostgreSQL
# cluster, then `daily --league` + workers, timed. Usage: bench/league_scaling.sh BUILD_DIR [TEAMS]
# (WORKERS="1 2 3" to choose the worker counts; default 1 2).
set -euo pipefail
build=${1:?usage: bench/league_scaling.sh BUILD_DIR [TEAMS]}
teams=${2:-30}
seatsync=$(realpath "$build/seatsync")
work=$(mktemp -d /tmp/seatsync-league-XXXXXX)
chmod 755 "$work"  # the cluster inside runs as the postgres user
cluster=$work/pg
here=$(dirname "$(realpath "$0")")
trap '"$here/../tests/support/pg_test_cluster.sh" stop "$cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$here/../tests/support/pg_test_cluster.sh" start "$cluster" >/dev/null
url=$(cat "$cluster/url")

start=$(date +%s.%N)
for i in $(seq 1 "$teams"); do
  "$seatsync" simulate --seed "$i" --out "$work/data/team_$i" >/dev/null 2>&1
  "$seatsync" import --data "$work/data/team_$i" --db "$url?schema=team_$i" >/dev/null 2>&1
  printf '\rsimulated and imported %d/%d teams' "$i" "$teams" >&2
done
echo >&2
echo "setup (simulate + import of $teams teams): $(echo "$(date +%s.%N) - $start" | bc) s"

# What one team's load from PostgreSQL costs (the database's share of a job).
start=$(date +%s.%N)
"$seatsync" summary --db "$url?schema=team_1" >/dev/null
echo "one team's load + summary from PostgreSQL: $(echo "$(date +%s.%N) - $start" | bc) s"

for workers in ${WORKERS:-1 2}; do
  "$seatsync" daily --league --db "$url" --as-of 2025-01-15 --out "$work/out" >/dev/null
  start=$(date +%s.%N)
  pids=()
  for w in $(seq 1 "$workers"); do
    "$seatsync" worker --db "$url" --exit-when-idle --poll 0.1 >"$work/worker_$w.out" 2>/dev/null &
    pids+=($!)
  done
  wait "${pids[@]}"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  psql -qAt "$url" -c "SELECT COUNT(*) FILTER (WHERE status = 'done'), ROUND(AVG(EXTRACT(EPOCH FROM finished_at - started_at))::numeric, 2) FROM league_jobs WHERE run = (SELECT run FROM league_jobs ORDER BY id DESC LIMIT 1)" |
    { IFS='|' read -r done mean; echo "$workers worker(s): $done/$teams teams done in $wall s wall ($(echo "scale=2; $teams / $wall" | bc) teams/s), mean $mean s per team"; }
  cat "$work"/worker_*.out
  rm -f "$work"/worker_*.out
done
