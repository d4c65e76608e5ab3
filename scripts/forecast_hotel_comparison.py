#!/usr/bin/python3
"""Issue 14's real-data goal, side by side in one run: daily arrivals per hotel (scripts/
prepare_hotel_arrivals.sh), trained through 2017-05-31, forecast for the 92 days 2017-06-01 …
2017-08-31, scored by MASE (MAE over the horizon ÷ the in-sample MAE of the weekly seasonal-naive
forecast). statsmodels' seasonal naive, Holt-Winters (additive, weekly) and SARIMA(1,0,1)(1,1,1,7)
against `seatsync forecast` with each method. Prints a Markdown table.

Usage: scripts/forecast_hotel_comparison.py [--until DATE] SEATSYNC_BINARY HOTEL_ARRIVALS_CSV [METHOD ...]
       [-- SEATSYNC_OPTION ...]
(options after -- go to every `seatsync forecast` call, e.g. -- --holidays none; --until moves the
origin, for the windows the methods were tuned on: the issue's 2017-05-31 is the held-out one)
Needs Debian's python3-statsmodels (run with /usr/bin/python3)."""
import argparse
import json
import subprocess
import sys
import time
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.statespace.sarimax import SARIMAX

HORIZON, M = 92, 7
UNTIL = "2017-05-31"


def load(csv):
    frame = pd.read_csv(csv, parse_dates=["date"])
    series = {}
    for hotel, rows in frame.groupby("hotel"):
        s = rows.set_index("date")["arrivals"].asfreq("D", fill_value=0).astype(float)
        series[hotel] = s
    return series


def mase(actual, forecast, train):
    scale = np.mean(np.abs(train[M:] - train[:-M]))
    return float(np.mean(np.abs(np.asarray(actual) - np.asarray(forecast))) / scale)


def statsmodels_rows(train, test):
    rows = []
    snaive = np.array([train[len(train) - M + (h % M)] for h in range(HORIZON)])
    rows.append(("statsmodels", "seasonal naive", mase(test, snaive, train), 0.0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = time.perf_counter()
        hw = ExponentialSmoothing(train, trend="add", seasonal="add", seasonal_periods=M).fit()
        rows.append(("statsmodels", "Holt-Winters (additive, weekly)", mase(test, hw.forecast(HORIZON), train),
                     time.perf_counter() - t))
        t = time.perf_counter()
        sarima = SARIMAX(train, order=(1, 0, 1), seasonal_order=(1, 1, 1, M)).fit(disp=False)
        rows.append(("statsmodels", "SARIMA(1,0,1)(1,1,1,7)", mase(test, sarima.forecast(HORIZON), train),
                     time.perf_counter() - t))
    return rows


def seatsync_rows(binary, csv, methods, extra, hotel, train, test):
    rows = []
    for method in methods:
        out = subprocess.run([binary, "forecast", "--csv", csv, "--date-column", "date", "--value-column", "arrivals",
                              "--group-column", "hotel", "--until", UNTIL, "--horizon", str(HORIZON), "--method",
                              method, "--format", "json"] + extra, check=True, capture_output=True, text=True).stdout
        for s in json.loads(out)["series"]:
            if s["group"] == hotel:
                mean = [row["mean"] for row in s["forecast"]]
                rows.append(("seatsync", f"{method}: {s['method']}", mase(test, mean, train), s["seconds"]))
    return rows


def main():
    global UNTIL
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    parser = argparse.ArgumentParser()
    parser.add_argument("--until", default=UNTIL)
    parser.add_argument("binary")
    parser.add_argument("csv")
    parser.add_argument("methods", nargs="*")
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    UNTIL, binary, csv, methods = args.until, args.binary, args.csv, args.methods or ["auto"]
    print("| hotel | by | method | MASE | fit s |\n|---|---|---|---|---|")
    for hotel, s in load(csv).items():
        train = s[:UNTIL].to_numpy()
        test = s[pd.Timestamp(UNTIL) + pd.Timedelta(days=1):][:HORIZON].to_numpy()
        assert len(test) == HORIZON, f"{hotel}: {len(test)} test days"
        for by, name, score, seconds in statsmodels_rows(train, test) + seatsync_rows(binary, csv, methods, extra, hotel, train, test):
            print(f"| {hotel} | {by} | {name} | {score:.3f} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
