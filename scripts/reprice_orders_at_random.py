#!/usr/bin/env python3
# Usage: scripts/reprice_orders_at_random.py DIR (a season directory; rewrites DIR/transactions.csv).
# Re-price a simulated dataset's orders by a schedule independent of sales: each (game, code)
# gets a new random price level every 5 days (floor x U(1.2, 2.2)), so sales do not depend on price.
import csv, sys, random, datetime, os
d = sys.argv[1]
floor = {r['price_code']: float(r['floor_price']) for r in csv.DictReader(open(os.path.join(d, 'seats.csv')))}
rows = list(csv.DictReader(open(os.path.join(d, 'transactions.csv'))))
fields = list(rows[0].keys())
for r in rows:
    day = datetime.date.fromisoformat(r['sold_at'][:10]).toordinal() // 5
    rnd = random.Random(f"{r['game_id']}|{r['price_code']}|{day}")
    r['price'] = f"{round(floor[r['price_code']] * (1.2 + rnd.random())):.2f}"
w = csv.DictWriter(open(os.path.join(d, 'transactions.csv.new'), 'w', newline=''), fieldnames=fields)
w.writeheader(); w.writerows(rows)
os.replace(os.path.join(d, 'transactions.csv.new'), os.path.join(d, 'transactions.csv'))
