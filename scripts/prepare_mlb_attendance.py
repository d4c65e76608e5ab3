#!/usr/bin/python3
"""Home attendance per MLB team, one row per home game, 2010-2019, from the Retrosheet game logs
in ../shared/data/mlb_game_attendance. Writes OUT_DIR/mlb_home_attendance.csv with columns
date,team,attendance in date order (a doubleheader's games in game order), for
`seatsync forecast --periods rows`. Games with no attendance recorded (empty or 0: mostly the
second game of a doubleheader, counted with the first) are left out, and so are teams with no home
game in 2019, the season forecast (FLO, which became MIA in 2012). Some fields of the source
are quoted and hold commas, so it is read with a CSV parser, not split on commas.

Usage: scripts/prepare_mlb_attendance.py OUT_DIR"""
import csv
import os
import sys

SOURCE = os.environ.get("MLB_DATA", "/work/shared/data/mlb_game_attendance/mlb_games_2010_2019.csv")


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    with open(SOURCE, newline="") as f:
        games = [(r["date"], int(r["game_number"]), r["home_team"], int(r["attendance"]))
                 for r in csv.DictReader(f) if r["attendance"] and int(r["attendance"]) > 0]
    teams_2019 = {team for date, _, team, _ in games if date.startswith("2019")}
    games = sorted((g for g in games if g[2] in teams_2019), key=lambda g: (g[0], g[1]))
    target = os.path.join(out_dir, "mlb_home_attendance.csv")
    with open(target + ".tmp", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "team", "attendance"])
        w.writerows((date, team, attendance) for date, _, team, attendance in games)
    os.replace(target + ".tmp", target)
    print(target)


if __name__ == "__main__":
    main()
