#!/usr/bin/env bash
# `make fuzz`: builds the asan-fuzz preset (clang-14, ASan + UBSan, libFuzzer) and runs every fuzz
# target for FUZZ_SECONDS (default 300) each, JOBS (default: the cores) at a time, then prints a table: target,
# executions, exec/s, coverage (libFuzzer's cov:), findings. Exits 1 when any target found
# something; the input that did it is in build-asan/tests/fuzz/work/artifacts/TARGET/.
#   FUZZ_SECONDS=60 scripts/fuzz.sh              every target, 60 s each
#   scripts/fuzz.sh fuzz_params fuzz_date        only these
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-300}
jobs=${JOBS:-$(nproc)}
build=build-asan
# ccache for a new build directory only: changing an existing one's launcher rebuilds all of it.
launcher=()
[[ ! -f $build/CMakeCache.txt ]] && command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

echo "fuzz: configuring and building ${#targets[@]} targets in $build" >&2
cmake --preset asan-fuzz "${launcher[@]}" > /dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}" >&2

work=$build/tests/fuzz/work
logs=$work/logs
mkdir -p "$logs"
# One fuzzer per core: each is a single process, and libFuzzer's exec/s is per process.
fuzz_one() {
  local t=$1 format=${1#fuzz_}
  local log=$logs/$format.log status=0
  echo "fuzz: $t for ${seconds}s (log $log)" >&2
  tests/fuzz/run_target.sh fuzz "$build/tests/fuzz/$t" tests/fuzz "$format" "$work" "$seconds" > "$log" 2>&1 || status=$?
  echo "$status" > "$logs/$format.status"
}
for t in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
  fuzz_one "$t" &
done
wait

rows=()
failed=0
for t in "${targets[@]}"; do
  format=${t#fuzz_}
  log=$logs/$format.log
  status=$(cat "$logs/$format.status")
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  found="none"
  if ((status != 0)); then
    failed=1
    found=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer): [a-z-]+|runtime error: .*|deadly signal|timeout after [0-9]+ seconds|out-of-memory' "$log" || echo "exit $status")
    artifact=$(ls -t "$work/artifacts/$format" 2> /dev/null | head -1)
    [[ -n $artifact ]] && found="$found ($work/artifacts/$format/$artifact)"
  fi
  rows+=("$(printf '%-20s %12s %8s %7s  %s' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$found")")
done

printf '%-20s %12s %8s %7s  %s\n' target executions exec/s cov findings
printf '%s\n' "${rows[@]}"
exit $failed
