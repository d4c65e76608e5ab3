#!/usr/bin/env bash
# Installs the Debian packages seatsync builds and tests with — only those missing, without
# prompting. Safe to run again: with everything present it does nothing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsqlite3-dev nlohmann-json3-dev libtomlplusplus-dev libeigen3-dev
  libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libxlsxwriter-dev libxgboost-dev xgboost nettle-dev libboost-dev
  # Forecasting: NLopt's optimisers (likelihoods, the Prophet-like model's MAP fit).
  libnlopt-cxx-dev
  # The market-data collector: libcurl (multi interface) and gumbo (HTML pages).
  libcurl4-openssl-dev libgumbo-dev
  # Real market data that ships gzip-compressed.
  zlib1g-dev
  # The PostgreSQL backend (libpqxx 6.4) and the server its tests start themselves.
  libpqxx-dev postgresql postgresql-common
  # Tests look at the outputs as a person would: unzip the workbooks, recalculate them in
  # LibreOffice, render the HTML report in headless Chromium.
  unzip libreoffice-calc-nogui chromium fonts-dejavu-core
  # The replica test (tests/cli/replica_failover_test.cpp) runs deploy/nginx/seatsync.conf in
  # a real nginx in front of two `seatsync serve` replicas and loads it with wrk.
  nginx-light wrk
  # The asan-fuzz preset and `make fuzz` (tests/fuzz): clang 14 with its sanitizer runtimes and libFuzzer.
  clang-14 libclang-rt-14-dev libfuzzer-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "deps: installing ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]]; then
  echo "deps: these packages are missing and installing them needs root: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
