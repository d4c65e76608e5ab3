#!/usr/bin/env bash
# The simulator table of docs/BENCHMARKS.md: every demand-model algorithm trained on a simulated
# dataset and scored against the truth's expected sales. Usage:
#   [ALGOS="gbdt linear"] scripts/simulator_demand_table.sh SEATSYNC_BINARY [SCENARIO ...]
#   (default: balanced; every algorithm: gbdt rf linear ensemble)
set -euo pipefail
bin=${1:?usage: $0 SEATSYNC_BINARY [SCENARIO ...]}
shift
scenarios=("${@:-balanced}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
algos=(${ALGOS:-gbdt rf linear ensemble})
for scenario in "${scenarios[@]}"; do
  "$bin" simulate --out "$work/$scenario" --scenario "$scenario" >/dev/null 2>&1
  for algo in "${algos[@]}"; do
    "$bin" train --data "$work/$scenario" --model demand --algo "$algo" --no-save --format json \
      >"$work/$scenario-$algo.json" 2>/dev/null
  done
done
python3 - "$work" "${scenarios[@]}" <<'PY'
import json, sys
import os
work, scenarios = sys.argv[1], sys.argv[2:]
algos = os.environ.get("ALGOS", "gbdt rf linear ensemble").split()
print("| scenario | model | test R² | test MAE | MAE vs truth | RMSE vs truth | total predicted / expected | elasticity true / model / MAE | seconds |")
print("|---|---|---|---|---|---|---|---|---|")
for s in scenarios:
    for i, algo in enumerate(algos):
        m = json.load(open(f"{work}/{s}-{algo}.json"))
        t, x, b = m["truth_metrics"], m["metrics"], m["baseline_metrics"]
        if i == 0:
            e = t["elasticity"]
            print(f"| {s} | baseline (mean per code × bucket) | {b['r2']:.3f} | {b['mae']:.3f} | {t['mae_baseline']:.4f} | {t['rmse_baseline']:.4f} | — | {e['truth']:.2f} / 0 / {e['mae_price_blind']:.2f} | — |")
            print(f"| {s} | observed tickets (noise floor) | — | — | {t['mae_observed']:.4f} | — | — | — | — |")
        ratio = t["total_predicted"] / t["total_expected"]
        e = t["elasticity"]
        print(f"| {s} | {algo} | {x['r2']:.3f} | {x['mae']:.3f} | {t['mae_model']:.4f} | {t['rmse_model']:.4f} | {ratio:.3f} | {e['truth']:.2f} / {e['model']:.2f} / {e['mae']:.2f} | {m['seconds']:.0f} |")
    print(f"| {s} | (rows) | {m['data']['rows_test']} test rows, {t['rows']} scored, {e['rows']} for the elasticity; mean expected {t['mean_expected']:.3f} tickets/day | | | | | | |")
PY
