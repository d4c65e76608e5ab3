#!/usr/bin/python3
"""MLB home attendance (scripts/prepare_mlb_attendance.sh): per team, the 2019 home games forecast
from 2010-2018, each home game one period (`seatsync forecast --periods rows`, a season of 81 home
games), against the seasonal-naive forecast (the same home game one season earlier). Prints per
method the MAE over every team's 2019 games, the share of teams where the method beats seasonal
naive, and the median ratio of its MAE to seasonal naive's.

Usage: scripts/forecast_mlb_comparison.py SEATSYNC_BINARY MLB_HOME_ATTENDANCE_CSV [METHOD ...]"""
import json
import statistics
import subprocess
import sys

import pandas as pd

UNTIL, SEASON = "2018-12-31", 81


def forecasts(binary, csv, method):
    out = subprocess.run([binary, "forecast", "--csv", csv, "--date-column", "date", "--value-column", "attendance",
                          "--group-column", "team", "--periods", "rows", "--until", UNTIL, "--horizon", str(SEASON),
                          "--season-length", str(SEASON), "--method", method, "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    return {s["group"]: s for s in json.loads(out)["series"]}


def main():
    binary, csv, methods = sys.argv[1], sys.argv[2], sys.argv[3:] or ["auto"]
    frame = pd.read_csv(csv)
    actual = {team: rows[rows.date > UNTIL].attendance.to_numpy() for team, rows in frame.groupby("team")}
    runs = {m: forecasts(binary, csv, m) for m in ["seasonal_naive"] + methods}

    def mae(team, series):
        n = min(len(actual[team]), SEASON)
        return sum(abs(actual[team][i] - series["forecast"][i]["mean"]) for i in range(n)) / n

    print("| method | MAE (attendance) | teams beating seasonal naive | median MAE ratio | fit s (all teams) |")
    print("|---|---|---|---|---|")
    teams = sorted(t for t in actual if len(actual[t]) > 0)
    base = {t: mae(t, runs["seasonal_naive"][t]) for t in teams}
    for method, run in runs.items():
        scores = {t: mae(t, run[t]) for t in teams}
        wins = sum(scores[t] < base[t] for t in teams)
        ratio = statistics.median(scores[t] / base[t] for t in teams)
        seconds = sum(run[t]["seconds"] for t in teams)
        print(f"| {method} | {statistics.mean(scores.values()):,.0f} | {wins} of {len(teams)} | {ratio:.3f} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
