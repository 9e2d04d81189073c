"""Scores headline and publication time against newspaper4k's metadata/<page>.json.

    python meta_score.py SET_DIR NAME=RESULT.json ...

Title: equal after NFKC, case folding and whitespace collapsing. Time: the page's expected
publish_date and the system's time within 24 hours of each other (most expected values are
dates at midnight with no zone, so only the day can be checked). Pages whose expected value
is empty are left out of that column.
"""
import json
import os
import sys
import unicodedata
from datetime import datetime, timezone


def norm(text):
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def when(value):
    if not value or value == "None":
        return None
    value = value.strip().replace("Z", "+00:00").replace(" ", "T")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


set_dir = sys.argv[1]
expected = {}
for name in sorted(os.listdir(os.path.join(set_dir, "meta"))):
    expected[name[:-5] + ".html"] = json.load(open(os.path.join(set_dir, "meta", name), encoding="utf-8"))
print("| system | titles equal | times within 24 h |")
print("|---|---:|---:|")
for argument in sys.argv[2:]:
    system, path = argument.split("=", 1)
    result = json.load(open(path, encoding="utf-8"))
    titles = times = dated = 0
    for page, meta in expected.items():
        got = result.get(page, {})
        titles += norm(got.get("title")) == norm(meta.get("title"))
        truth = when(str(meta.get("publish_date")))
        if truth:
            dated += 1
            mine = when(got.get("published"))
            times += bool(mine and abs((mine - truth).total_seconds()) <= 86400)
    print(f"| {system} | {titles}/{len(expected)} | {times}/{dated} |")
