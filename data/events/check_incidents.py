#!/usr/bin/env python3
"""Checks data/events/incidents.json against the bundled real data and prints day-0 returns.

A curation aid, not part of the pipeline (standard library only):

    python3 data/events/check_incidents.py [path/to/shared/data/real]

It checks the form of every entry (unique ids, instants with a zone, required fields, roles, that every target is
in the security masters and listed long enough before day 0) and that each entry's 'expected_day0' is the day the
project's rule gives (docs/methodology.md, "Day 0 per market"): the instant in the market's zone; before the
close on a trading day -> that day; at or after the close, or on a non-trading day -> the next trading day.
Calendars: XNYS and XNAS from SPY's dates, XSHG and XSHE from the CSI 300's dates.

It then prints, for each target, the close-to-close return on day 0 and over [0, +1] with SPY's the same days,
and for market-wide entries the equal-weighted return of each market's Cybersecurity names with SPY or the
CSI 300. These are computed from the price files: they are checks, not catalogue facts.
"""
import csv
import datetime as dt
import json
import os
import re
import statistics
import sys
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOGUE = os.path.join(HERE, "incidents.json")
DEFAULT_REAL = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "real"))

MARKETS = {  # zone, close, calendar source (as in data/config/shared-real.yaml)
    "XNYS": ("America/New_York", dt.time(16, 0), "us"),
    "XNAS": ("America/New_York", dt.time(16, 0), "us"),
    "XSHG": ("Asia/Shanghai", dt.time(15, 0), "cn"),
    "XSHE": ("Asia/Shanghai", dt.time(15, 0), "cn"),
}
ESTIMATION = (-250, -11)
MIN_ESTIMATION_DAYS = 100
REQUIRED = ["id", "name", "instant", "instant_precision", "instant_reasoning", "description", "peers",
            "expected_day0", "tags", "facts", "sources"]
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")


def read_us(real, ticker):
    with open(os.path.join(real, "us_daily", ticker + ".csv"), newline="") as f:
        rows = csv.reader(f)
        next(rows)
        return {dt.date.fromisoformat(d): float(c) for d, c in rows}


def read_cn(real, code):
    with open(os.path.join(real, "cn_daily", code + ".csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        return {dt.datetime.strptime(r[0], "%Y%m%d").date(): float(r[4]) for r in rows}


def read_index(real, symbol):
    with open(os.path.join(real, "cn_index", symbol + ".csv"), newline="") as f:
        return {dt.date.fromisoformat(r["date"]): float(r["close"]) for r in csv.DictReader(f)}


def day0(instant, market, calendar):
    zone, close, _ = MARKETS[market]
    local = instant.astimezone(ZoneInfo(zone))
    d = local.date()
    if d in calendar and local.time() < close:
        return d
    later = [c for c in calendar if c > d]
    return later[0] if later else None


def ret(prices, calendar, start, end):
    """Close-to-close return from the trading day before `start` to `end` (None if a close is missing)."""
    i = calendar.index(start)
    if i == 0:
        return None
    before = calendar[i - 1]
    if before not in prices or end not in prices:
        return None
    return prices[end] / prices[before] - 1


def pct(x):
    return "     n/a" if x is None else "%+7.2f%%" % (100 * x)


def main():
    real = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_REAL
    if not os.path.isdir(real):
        sys.exit("real data folder not found: %s (pass its path as the first argument)" % real)
    with open(CATALOGUE, encoding="utf-8") as f:
        events = json.load(f)["events"]

    us_master = {r["ticker"]: r for r in csv.DictReader(open(os.path.join(real, "us_securities.csv"), newline=""))}
    cn_master = {r["code"]: r for r in csv.DictReader(open(os.path.join(real, "cn_securities.csv"), newline="", encoding="utf-8"))}
    spy = read_us(real, "SPY")
    csi = read_index(real, "000300.SH")
    calendars = {"us": sorted(spy), "cn": sorted(csi)}
    us_prices = {t: read_us(real, t) for t in us_master}
    cn_prices = {c: read_cn(real, c) for c in cn_master}

    problems = []
    ids = set()
    for e in events:
        where = e.get("id", "?")
        for field in REQUIRED:
            if field not in e:
                problems.append("%s: no '%s'" % (where, field))
        if not ID_PATTERN.match(where) or where in ids:
            problems.append("%s: id not unique or not [A-Za-z0-9_-]" % where)
        ids.add(where)
        if ("securities" in e) == ("markets" in e):
            problems.append("%s: needs exactly one of 'securities' and 'markets'" % where)
        if e.get("peers") not in ("industry", "none"):
            problems.append("%s: peers must be 'industry' or 'none'" % where)
        if e.get("instant_precision") not in ("exact", "approximate", "date"):
            problems.append("%s: instant_precision must be exact, approximate or date" % where)
        if not e.get("sources"):
            problems.append("%s: no sources" % where)
        instant = dt.datetime.fromisoformat(e["instant"].replace("Z", "+00:00"))
        if instant.tzinfo is None:
            problems.append("%s: instant has no zone" % where)
            continue
        markets = [s["market"] for s in e.get("securities", [])] or e.get("markets", [])
        for m in sorted(set(markets)):
            got = day0(instant, m, calendars[MARKETS[m][2]])
            want = e["expected_day0"].get(m)
            if want is None or got is None or got.isoformat() != want:
                problems.append("%s: %s day 0 by rule %s, expected_day0 says %s" % (where, m, got, want))
        for s in e.get("securities", []):
            if s.get("role") != "target":
                problems.append("%s: role of %s is not 'target'" % (where, s.get("symbol")))
            master = us_master if s["market"] in ("XNYS", "XNAS") else cn_master
            if s["symbol"] not in master:
                problems.append("%s: %s is not in the security masters" % (where, s["symbol"]))
                continue
            cal = calendars[MARKETS[s["market"]][2]]
            d0 = day0(instant, s["market"], cal)
            prices = us_prices.get(s["symbol"]) or cn_prices.get(s["symbol"])
            i = cal.index(d0)
            usable = sum(1 for d in cal[max(0, i + ESTIMATION[0]):i + ESTIMATION[1] + 1] if d in prices)
            if min(prices) >= d0 or usable < MIN_ESTIMATION_DAYS:
                problems.append("%s: %s listed %s, %d estimation days before day 0 %s" % (where, s["symbol"], min(prices), usable, d0))

    print("Form and day 0: %s" % ("OK, %d entries" % len(events) if not problems else "%d problem(s)" % len(problems)))
    for p in problems:
        print("  " + p)

    us_cal, cn_cal = calendars["us"], calendars["cn"]
    print("\nTargets: close-to-close return on day 0 and over [0, +1], SPY the same days (computed, not facts)")
    print("%-28s %-6s %-10s %8s %8s %8s %8s" % ("event", "target", "day 0", "target", "SPY", "t[0,1]", "SPY[0,1]"))
    for e in events:
        instant = dt.datetime.fromisoformat(e["instant"].replace("Z", "+00:00"))
        for s in e.get("securities", []):
            d0 = day0(instant, s["market"], us_cal)
            d1 = us_cal[us_cal.index(d0) + 1]
            p = us_prices[s["symbol"]]
            print("%-28s %-6s %-10s %s %s %s %s" % (e["id"], s["symbol"], d0, pct(ret(p, us_cal, d0, d0)),
                  pct(ret(spy, us_cal, d0, d0)), pct(ret(p, us_cal, d0, d1)), pct(ret(spy, us_cal, d0, d1))))
        if e.get("peers") == "industry":
            for s in e["securities"]:
                industry = us_master[s["symbol"]]["industry"]
                d0 = day0(instant, s["market"], us_cal)
                i = us_cal.index(d0)
                window = us_cal[max(0, i + ESTIMATION[0]):i + ESTIMATION[1] + 1]
                peers = [t for t, r in us_master.items() if r["industry"] == industry and t != s["symbol"]]
                short = ["%s (%d days)" % (t, sum(1 for d in window if d in us_prices[t])) for t in peers
                         if sum(1 for d in window if d in us_prices[t]) < MIN_ESTIMATION_DAYS]
                rs = [ret(us_prices[t], us_cal, d0, d0) for t in peers]
                rs = [r for r in rs if r is not None]
                print("%-28s %-6s %-10s %s  (equal-weighted %d %s peers%s)" % ("", "peers", d0,
                      pct(statistics.mean(rs)), len(rs), industry,
                      "; under %d estimation days: %s" % (MIN_ESTIMATION_DAYS, ", ".join(short)) if short else ""))

    print("\nMarket-wide: equal-weighted return of the market's Cybersecurity names on day 0 (computed, not facts)")
    for e in events:
        if "markets" not in e:
            continue
        instant = dt.datetime.fromisoformat(e["instant"].replace("Z", "+00:00"))
        for m in e["markets"]:
            if m == "XNAS":
                print("%-28s %-5s (no member: every US name is XNYS in this project)" % (e["id"], m))
                continue
            if m == "XNYS":
                d0 = day0(instant, m, us_cal)
                names = [t for t, r in us_master.items() if r["industry"] == "Cybersecurity"]
                rs = [ret(us_prices[t], us_cal, d0, d0) for t in names]
                bench, bname = ret(spy, us_cal, d0, d0), "SPY"
            else:
                d0 = day0(instant, m, cn_cal)
                exch = "SSE" if m == "XSHG" else "SZSE"
                names = [c for c, r in cn_master.items() if r["industry"] == "Cybersecurity" and r["exchange"] == exch]
                rs = [ret(cn_prices[c], cn_cal, d0, d0) for c in names]
                bench, bname = ret(csi, cn_cal, d0, d0), "CSI 300"
            rs = [r for r in rs if r is not None]
            print("%-28s %-5s %-10s cyber EW %s (%d of %d names with prices)  %s %s" % (
                e["id"], m, d0, pct(statistics.mean(rs)) if rs else "     n/a", len(rs), len(names), bname, pct(bench)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
