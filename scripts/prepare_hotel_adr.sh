#!/bin/sh
# Prepares the hotel booking demand data (docs/BENCHMARKS.md, "Learned models (issue 6)") for
# `seatsync train`: decompresses it into OUT_DIR (never into the repository) and appends an
# `arrival_date` column (YYYY-MM-DD) built from arrival_date_year / _month (English name) /
# _day_of_month, so the time split can use it. The file has no quoted fields, so plain awk
# field splitting is safe. Usage: scripts/prepare_hotel_adr.sh OUT_DIR  → OUT_DIR/hotel_adr.csv
set -eu
out_dir=${1:?usage: prepare_hotel_adr.sh OUT_DIR}
src=${HOTEL_DATA:-/work/shared/data/hotel_booking_demand/hotel_bookings.csv.gz}
mkdir -p "$out_dir"
gzip -dc "$src" | awk -F, -v OFS=, '
  BEGIN { split("January February March April May June July August September October November December", names, " ")
          for (i = 1; i <= 12; i++) month[names[i]] = i }
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; print $0, "arrival_date"; next }
  { m = month[$col["arrival_date_month"]]
    if (!m) { print "line " NR ": unknown month " $col["arrival_date_month"] > "/dev/stderr"; exit 1 }
    print $0, sprintf("%04d-%02d-%02d", $col["arrival_date_year"], m, $col["arrival_date_day_of_month"]) }
' > "$out_dir/hotel_adr.csv"
echo "$out_dir/hotel_adr.csv"
