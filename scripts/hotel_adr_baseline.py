#!/usr/bin/env python3
"""The analyst's baseline for hotel ADR: the mean ADR of the training rows (arrival before
SPLIT) in the same hotel x arrival month x reserved room type cell, falling back to the hotel
mean and then the overall mean for cells never seen in training. Prints R2 and MAE on the
rows from SPLIT on. Standard library only.

Usage: scripts/hotel_adr_baseline.py OUT_DIR/hotel_adr.csv 2017-01-01
"""
import csv
import sys
from collections import defaultdict


def main(path: str, split: str) -> None:
    sums = defaultdict(lambda: [0.0, 0])
    test = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            adr = float(row["adr"])
            keys = ((row["hotel"], row["arrival_date_month"], row["reserved_room_type"]), (row["hotel"],), ())
            if row["arrival_date"] < split:
                for k in keys:
                    sums[k][0] += adr
                    sums[k][1] += 1
            else:
                test.append((keys, adr))
    y, pred = [], []
    for keys, adr in test:
        cell = next(sums[k] for k in keys if k in sums and sums[k][1] > 0)
        y.append(adr)
        pred.append(cell[0] / cell[1])
    mean = sum(y) / len(y)
    sse = sum((a - p) ** 2 for a, p in zip(y, pred))
    sst = sum((a - mean) ** 2 for a in y)
    mae = sum(abs(a - p) for a, p in zip(y, pred)) / len(y)
    print(f"rows_train={sums[()][1]} rows_test={len(y)} r2={1 - sse / sst:.4f} mae={mae:.4f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
