#!/usr/bin/env python3
"""Draws the batch ETL's dashboard view in a terminal: total_cost_usd by dt, split by user_id.

Reads CSV with a header (dt,user_id,total_cost_usd[,...]) on stdin, as
`stratus sql --format csv -c "SELECT dt, user_id, total_cost_usd FROM mydatabase.user_transactions"`
prints it, and draws one stacked horizontal bar per dt, a colour (and letter) per user_id.
"""
import csv
import sys
from collections import defaultdict

WIDTH = 48
COLOURS = ["\033[34m", "\033[33m", "\033[32m", "\033[35m", "\033[36m", "\033[31m"]
RESET = "\033[0m"


def main():
    rows = list(csv.DictReader(sys.stdin))
    if not rows:
        print("  (no rows)")
        return
    totals = defaultdict(lambda: defaultdict(float))
    users = set()
    for row in rows:
        if not row.get("total_cost_usd"):
            continue
        totals[row["dt"]][row["user_id"]] += float(row["total_cost_usd"])
        users.add(row["user_id"])
    users = sorted(users, key=lambda u: (len(u), u))
    colour = {u: COLOURS[i % len(COLOURS)] for i, u in enumerate(users)}
    use_colour = sys.stdout.isatty()
    peak = max(sum(by_user.values()) for by_user in totals.values()) or 1.0
    print("  total_cost_usd by dt, split by user_id")
    for dt in sorted(totals):
        bar = ""
        for user in users:
            cells = round(totals[dt].get(user, 0.0) / peak * WIDTH)
            segment = (user[-1] if not use_colour else "█") * cells
            bar += f"{colour[user]}{segment}{RESET}" if use_colour else segment
        print(f"  {dt}  {bar} {sum(totals[dt].values()):.2f}")
    legend = "  ".join(
        (f"{colour[u]}█{RESET} user {u}" if use_colour else f"{u[-1]} = user {u}") for u in users)
    print(f"  {legend}")


if __name__ == "__main__":
    main()
