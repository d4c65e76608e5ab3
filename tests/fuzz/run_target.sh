#!/usr/bin/env bash
# Runs one libFuzzer target the way ctest and scripts/fuzz.sh do; exits non-zero on any finding.
#   run_target.sh fuzz BINARY FUZZ_DIR FORMAT WORK_DIR SECONDS
#     fuzzes for SECONDS from FUZZ_DIR/corpus/FORMAT (never written: new inputs go to
#     WORK_DIR/corpus/FORMAT), with FUZZ_DIR/dict/FORMAT.dict when there is one; a crashing,
#     leaking or hanging input is saved as WORK_DIR/artifacts/FORMAT/{crash,leak,timeout,oom}-*.
#   run_target.sh regressions BINARY FUZZ_DIR FORMAT WORK_DIR
#     runs every file of FUZZ_DIR/regressions/FORMAT once.
set -euo pipefail
mode=$1 binary=$2 fuzz_dir=$3 format=$4 work=$5
artifacts=$work/artifacts/$format
mkdir -p "$artifacts"
common=(-timeout=5 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1)
case "$mode" in
  fuzz)
    seconds=$6
    corpus=$work/corpus/$format
    mkdir -p "$corpus"
    dict=()
    [[ -f $fuzz_dir/dict/$format.dict ]] && dict=(-dict="$fuzz_dir/dict/$format.dict")
    exec "$binary" "${common[@]}" "${dict[@]}" -max_total_time="$seconds" -max_len=65536 "$corpus" "$fuzz_dir/corpus/$format"
    ;;
  regressions)
    inputs=()
    [[ -d $fuzz_dir/regressions/$format ]] && mapfile -t inputs < <(find "$fuzz_dir/regressions/$format" -type f | sort)
    if ((${#inputs[@]} == 0)); then
      echo "no regression inputs for $format"
      exit 0
    fi
    exec "$binary" "${common[@]}" "${inputs[@]}"
    ;;
  *)
    echo "usage: run_target.sh fuzz|regressions BINARY FUZZ_DIR FORMAT WORK_DIR [SECONDS]" >&2
    exit 2
    ;;
esac
