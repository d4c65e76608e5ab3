#!/bin/sh
# The series of issue 14's real-data goal: daily arrivals of non-cancelled bookings per hotel,
# from the hotel booking demand data (../shared/data/hotel_booking_demand). Decompresses into
# OUT_DIR (never into the repository) and writes OUT_DIR/hotel_arrivals.csv with columns
# date,hotel,arrivals (days without an arrival have no row: `seatsync forecast` fills them with 0).
# The file has no quoted fields, so plain awk field splitting is safe.
# Usage: scripts/prepare_hotel_arrivals.sh OUT_DIR
set -eu
out_dir=${1:?usage: prepare_hotel_arrivals.sh OUT_DIR}
src=${HOTEL_DATA:-/work/shared/data/hotel_booking_demand/hotel_bookings.csv.gz}
mkdir -p "$out_dir"
gzip -dc "$src" | awk -F, -v OFS=, '
  BEGIN { split("January February March April May June July August September October November December", names, " ")
          for (i = 1; i <= 12; i++) month[names[i]] = i }
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $col["is_canceled"] == 0 {
    m = month[$col["arrival_date_month"]]
    if (!m) { print "line " NR ": unknown month " $col["arrival_date_month"] > "/dev/stderr"; exit 1 }
    key = sprintf("%04d-%02d-%02d,%s", $col["arrival_date_year"], m, $col["arrival_date_day_of_month"], $col["hotel"])
    count[key]++ }
  END { print "date,hotel,arrivals"; for (k in count) print k, count[k] }
' | { IFS= read -r header; echo "$header"; sort; } > "$out_dir/hotel_arrivals.csv.tmp"
mv "$out_dir/hotel_arrivals.csv.tmp" "$out_dir/hotel_arrivals.csv"
echo "$out_dir/hotel_arrivals.csv"
