#!/usr/bin/env bash
# Reproduces docs/market-data.md's tables on the real secondary-market data in ../shared/data:
# imports both sources into market-only datasets, prints one game's market from each, and runs
# the study (price paths, price changes, the comp_p50 sell-through test).
# Usage: scripts/market_study.sh [SEATSYNC_BINARY] [DATA_DIR] [OUT_DIR]
set -euo pipefail
bin=${1:-build/seatsync}
data=${2:-../shared/data}
out=${3:-$(mktemp -d)}
sg="$data/seatgeek_nfl_2018/seatgeek_event_snapshots.csv.gz"
lt="$data/resale_listing_tracks"
"$bin" import-listings --format seatgeek-stats "$sg" --data "$out/sg"
"$bin" import-listings --format listing-tracks "$lt" --data "$out/lt"
"$bin" market --data "$out/sg" --game 4346916
"$bin" market --data "$out/lt" --game us_open_2022_session25_mens_final
"$bin" market-study --format seatgeek-stats "$sg"
"$bin" market-study --format listing-tracks "$lt"
echo "datasets in $out" >&2
