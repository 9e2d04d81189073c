#!/usr/bin/env python3
"""Alert latency and soak report for Benchmarks/farm/run.sh (reads the run's work directory).

    report.py WORK INTERVAL_SECONDS [BUCKET_SECONDS]

Joins site-farm's publish log (WORK/publish.csv: every item and the instant it appeared) with the
SMTP sink's record (WORK/smtp.csv: every accepted message, its acceptance instant and the item links
it names): latency = accepted - published, for each watch-term item published after the daemon's
first sweep ended (earlier items are picked up by the first sweep, not by a poll). Splits it into
stages from the store: published -> stored (poll delay), stored -> alert raised, raised -> accepted.
Items that never got an alert are listed with what the store knows of them. Then the time series
(one row per BUCKET, default 300 s): items stored per second, alert latency, RSS, descriptors,
database size and load; RSS after warm-up; and the daemon's log lines by level.
"""
import csv
import os
import re
import sqlite3
import sys
from collections import Counter, defaultdict

work, interval = sys.argv[1], float(sys.argv[2])
bucket = float(sys.argv[3]) if len(sys.argv) > 3 else 300.0
UNIX = "(julianday({}) - 2440587.5) * 86400.0"


def pct(values, p):
    """Nearest-rank percentile of a sorted list."""
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def summary(values):
    v = sorted(values)
    if not v:
        return "n 0"
    return (f"n {len(v)}, p50 {pct(v, 50):.1f} s, p95 {pct(v, 95):.1f} s, p99 {pct(v, 99):.1f} s, "
            f"max {v[-1]:.1f} s, mean {sum(v) / len(v):.1f} s")


db = sqlite3.connect(f"file:{work}/config/data/yuqing.sqlite?mode=ro", uri=True)
daemon_start = float(open(f"{work}/daemon.started").read().split()[0])

# First sweep: every source fetched once (its first fetch finished).
first = {}
for source, started, ms in db.execute(
        f"SELECT source_id, {UNIX.format('started_at')}, duration_ms FROM fetch_log ORDER BY started_at"):
    first.setdefault(source, started + ms / 1000.0)
sweep_end = max(first.values()) if first else daemon_start
print(f"== first sweep ended {sweep_end - daemon_start:.1f} s after the daemon started ({len(first)} sources)")

published = {}  # link -> (published s, alert?)
publish_stop = 0.0
with open(f"{work}/publish.csv") as f:
    for row in csv.DictReader(f):
        t = int(row["published_ms"]) / 1000.0
        published[row["link"]] = (t, row["alert"] == "1")
        publish_stop = max(publish_stop, t)

accepted = defaultdict(list)  # link -> [accepted s]
kinds, message_ids, messages = Counter(), Counter(), 0
smtp_csv = f"{work}/smtp.csv"
with open(smtp_csv if os.path.exists(smtp_csv) else os.devnull) as f:
    for row in csv.DictReader(f):
        messages += 1
        kinds[row["kind"]] += 1
        message_ids[row["message_id"]] += 1
        for link in row["links"].split():
            accepted[link].append(int(row["accepted_ms"]) / 1000.0)

watched = {link: t for link, (t, alert) in published.items() if alert and t >= sweep_end}
early = sum(1 for link, (t, alert) in published.items() if alert and t < sweep_end)
latency = {link: min(accepted[link]) - t for link, t in watched.items() if link in accepted}
missing = sorted((t, link) for link, t in watched.items() if link not in accepted)

if not os.path.exists(smtp_csv):
    print("== no SMTP sink in this run (ALERTS=0): no alert latency")
else:
    print(f"== SMTP sink: {messages} messages accepted; by subject tag: {dict(kinds)}")
    print(f"   Message-IDs received more than once: {sum(1 for n in message_ids.values() if n > 1)}; "
          f"item links in more than one message: {sum(1 for v in accepted.values() if len(v) > 1)}; "
          f"links that are no watch-term item: {sum(1 for l in accepted if not published.get(l, (0, False))[1])}")
    print(f"== alert latency, item published -> alert accepted by the SMTP server "
          f"({len(watched)} watch-term items published after the first sweep; {early} before it, excluded)")
    print(f"   {summary(list(latency.values()))}")
    target = interval + 5
    if latency:
        p95 = pct(sorted(latency.values()), 95)
        print(f"   target p95 <= poll interval + 5 s = {target:.0f} s: {'met' if p95 <= target else 'MISSED'} (p95 {p95:.1f} s)")
    print(f"   items that never got an alert: {len(missing)}")

    # Stages, from the store: the item's first_seen_at and the alert's created_at.
    stages = {"published -> stored (poll)": [], "stored -> alert raised": [], "raised -> accepted (send)": []}
    rows = db.execute(f"""
        SELECT i.url, {UNIX.format('i.first_seen_at')}, min({UNIX.format('a.created_at')})
        FROM alert a JOIN item i ON i.id = a.item_id GROUP BY i.url""").fetchall()
    for url, seen, raised in rows:
        if url in latency:
            t = watched[url]
            stages["published -> stored (poll)"].append(seen - t)
            stages["stored -> alert raised"].append(raised - seen)
            stages["raised -> accepted (send)"].append(t + latency[url] - raised)
    for name, values in stages.items():
        print(f"   {name}: {summary(values)}")

    for t, link in missing[:20]:
        item = db.execute(f"SELECT id, {UNIX.format('first_seen_at')} FROM item WHERE url = ?", (link,)).fetchone()
        if not item:
            print(f"   missing {link} (published +{t - daemon_start:.0f} s): not stored")
            continue
        match = db.execute("SELECT count(*) FROM rule_match WHERE item_id = ?", (item[0],)).fetchone()[0]
        alerts = db.execute("""SELECT a.id, a.kind, a.state, d.state, d.attempts, d.last_error FROM alert a
                               LEFT JOIN alert_delivery d ON d.alert_id = a.id WHERE a.item_id = ?""", (item[0],)).fetchall()
        print(f"   missing {link} (published +{t - daemon_start:.0f} s, stored +{item[1] - daemon_start:.0f} s): "
              f"rule matches {match}; alerts/deliveries {alerts}")

# Time series.
samples = list(csv.DictReader(open(f"{work}/samples.csv")))
stored = [r[0] for r in db.execute(f"SELECT {UNIX.format('first_seen_at')} FROM item ORDER BY first_seen_at")]
end = max([daemon_start + float(s["t_s"]) for s in samples] + [daemon_start])
print(f"== over time (bucket {bucket:.0f} s; t from the daemon's start; latency by publish time; "
      f"RSS/fds/db/load: the sample at the bucket's end)")
polls = [r[0] for r in db.execute(f"SELECT {UNIX.format('started_at')} FROM fetch_log ORDER BY started_at")]


def cpu_at(t):
    """The daemon's CPU seconds at the last sample no later than t (samples.csv column cpu_s)."""
    inside = [s for s in samples if daemon_start + float(s["t_s"]) <= t and s.get("cpu_s")]
    return (daemon_start + float(inside[-1]["t_s"]), float(inside[-1]["cpu_s"])) if inside else None


def cpu_per_poll(a, b):
    """Daemon CPU ms a poll between the samples nearest a and b, or None without CPU samples."""
    first, last = cpu_at(a), cpu_at(b)
    if not first or not last or last[0] <= first[0]:
        return None
    n = sum(1 for t in polls if first[0] <= t < last[0])
    return (last[1] - first[1]) * 1000 / n if n else None


print("| t (min) | items stored/s | polls/s | CPU ms a poll | alerts | latency p50 | p95 | max | RSS MB | fds | db MB | load 1m |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
b0 = daemon_start
while b0 < end:
    b1 = b0 + bucket
    n = sum(1 for t in stored if b0 <= t < b1)
    p = sum(1 for t in polls if b0 <= t < b1)
    cpu = cpu_per_poll(b0, b1)
    lat = sorted(latency[l] for l, t in watched.items() if l in latency and b0 <= t < b1)
    inside = [s for s in samples if daemon_start + float(s["t_s"]) <= b1]
    s = inside[-1] if inside else {"rss_mb": "", "fds": "", "db_mb": "", "load1": ""}
    fmt = (lambda v: f"{v:.1f}") if lat else (lambda v: "–")
    print(f"| {(b0 - daemon_start) / 60:.0f}–{(b1 - daemon_start) / 60:.0f} | {n / bucket:.1f} | {p / bucket:.1f} | "
          f"{'–' if cpu is None else f'{cpu:.2f}'} | {len(lat)} | "
          f"{fmt(pct(lat, 50))} | {fmt(pct(lat, 95))} | {fmt(lat[-1] if lat else 0)} | {s['rss_mb']} | {s['fds']} | "
          f"{s['db_mb']} | {s.get('load1', '')} |")
    b0 = b1


def cores(column, a, b):
    """CPU seconds a second of `column` (cpu_s: the daemon, farm_cpu_s: the farm) over the
    samples taken between a and b, or None with fewer than two."""
    inside = [s for s in samples if a <= daemon_start + float(s["t_s"]) <= b and s.get(column)]
    if len(inside) < 2 or float(inside[-1]["t_s"]) <= float(inside[0]["t_s"]):
        return None
    first, last = inside[0], inside[-1]
    return (float(last[column]) - float(first[column])) / (float(last["t_s"]) - float(first["t_s"]))


# A static farm publishes nothing after the start: its steady part runs to the last sample.
steady_end = publish_stop if publish_stop > sweep_end else end
if steady_end > sweep_end + 20:
    # From 10 s after the first sweep: its tail of slow polls is over.
    a, b = sweep_end + 10, steady_end
    steady = [t for t in stored if a <= t <= b]
    steady_polls = sum(1 for t in polls if a <= t <= b)
    outcomes = dict(db.execute(f"""SELECT outcome, count(*) FROM fetch_log
                                   WHERE {UNIX.format('started_at')} BETWEEN ? AND ? GROUP BY outcome""", (a, b)))
    cpu, daemon, farm = cpu_per_poll(a, b), cores("cpu_s", a, b), cores("farm_cpu_s", a, b)
    print(f"== from 10 s after the first sweep until publishing stopped or the run ended ({b - a:.0f} s): "
          f"{len(steady)} items stored = {len(steady) / (b - a):.1f} items/s; "
          f"{steady_polls} polls = {steady_polls / (b - a):.1f} pages/s ("
          + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) + ")"
          + ("" if cpu is None else f"; daemon CPU {cpu:.2f} ms a poll")
          + ("" if daemon is None else f", {daemon:.2f} cores")
          + ("" if farm is None else f"; farm {farm:.2f} cores"))

# Every item, not only the watch-term ones: those published after the first sweep must be stored,
# except the last few before the daemon stopped (the drain waits for watch-term items only).
urls = {r[0] for r in db.execute("SELECT url FROM item")}
later = [(t, link) for link, (t, _) in published.items() if t >= sweep_end]
unstored = [t for t, link in later if link not in urls]
print(f"== items published after the first sweep: {len(later)}; not stored: {len(unstored)}"
      + (f", all published in the last {publish_stop - min(unstored):.0f} s before publishing stopped" if unstored else ""))


def window(a, b):
    v = [float(s["rss_mb"]) for s in samples if a <= float(s["t_s"]) < b and float(s["rss_mb"]) > 0]
    return sum(v) / len(v) if v else None

# Warm-up against the end of publishing: for an hour's run, 10–20 min against 50–60 min.
span = publish_stop - daemon_start
if span >= 1200:
    early_rss, late_rss = window(span / 6, span / 3), window(span * 5 / 6, span + 1)
    print(f"== RSS after warm-up: mean {early_rss:.1f} MB over {span / 6 / 60:.0f}–{span / 3 / 60:.0f} min, "
          f"{late_rss:.1f} MB over {span * 5 / 6 / 60:.0f}–{span / 60:.0f} min ({(late_rss / early_rss - 1) * 100:+.1f} %)")
fds = [int(s["fds"]) for s in samples if int(s["fds"]) > 0]
if fds:
    print(f"== open descriptors: min {min(fds)}, max {max(fds)}, last {fds[-1]}")

levels, notable = Counter(), Counter()
with open(f"{work}/daemon.log", errors="replace") as f:
    for line in f:
        parts = line.split(" ", 2)
        level = parts[1] if len(parts) > 2 and parts[1] in (
            "trace", "debug", "info", "notice", "warning", "error", "critical") else "other"
        levels[level] += 1
        if level in ("warning", "error", "critical", "other"):
            # `TIMESTAMP level label: key=value … [Module] message`: keep the message, digits as N.
            text = re.sub(r"^\S+ \S+ [^:]+: ", "", line.strip())
            text = re.sub(r"\[\w+\] ", "", re.sub(r"\b[\w.]+=\S+\s*", "", text))
            notable[level + ": " + re.sub(r"\d+", "N", text)[:160]] += 1
print(f"== daemon log lines by level: {dict(levels)}")
for text, n in notable.most_common(8):
    print(f"   {n} × {text}")
