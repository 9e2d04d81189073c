#!/usr/bin/env python3
"""Balanced test sample from waimai_10k.csv (SophonPlus/ChineseNlpCorpus), for run-once scoring.

    waimai_prepare.py WAIMAI.csv OUT.tsv [--per-label N]

waimai_10k.csv holds 11,987 takeout-delivery reviews, `label,review`, label 1 = positive,
0 = negative, sorted (positives first). Neither snownlp nor Rules/sentiment/learned.tsv was
fitted on it, so it is an independent test set. The sample was chosen by position, never by
content: the complete rows inside characters [0, 32000) of the file (1,629 positives) and
inside [304000, end) (1,165 negatives), balanced by keeping the first N = 1,165 positives.
On the whole file that is "the first N label-1 rows and the last N label-0 rows", which is
what this script takes, so it gives the same rows whether it is fed the whole file or a
copy of just those rows. Texts are written unchanged (a tab or line break inside a review
would become a space; the sample has none). Labels are the data set's own, noisy ones.
"""
import argparse, csv

parser = argparse.ArgumentParser()
parser.add_argument("csv")
parser.add_argument("out")
parser.add_argument("--per-label", type=int, default=1165)
args = parser.parse_args()
with open(args.csv, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
if rows and rows[0] == ["label", "review"]:
    rows = rows[1:]
bad = [r for r in rows if len(r) != 2 or r[0] not in ("0", "1")]
if bad:
    raise SystemExit(f"{args.csv}: {len(bad)} rows are not `label,review` with label 0/1, e.g. {bad[0]!r}")
positive = [r[1] for r in rows if r[0] == "1"][: args.per_label]
negative = [r[1] for r in rows if r[0] == "0"][-args.per_label :]
if len(positive) < args.per_label or len(negative) < args.per_label:
    raise SystemExit(f"{args.csv}: only {len(positive)} positive / {len(negative)} negative rows, {args.per_label} each needed")
changed = 0
with open(args.out, "w", encoding="utf-8") as f:
    for label, texts in (("positive", positive), ("negative", negative)):
        for text in texts:
            clean = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
            changed += clean != text
            f.write(f"{label}\t{clean}\n")
print(f"waimai: {len(rows)} rows read; {len(positive)} positive (first) + {len(negative)} negative (last) written, "
      f"{sum(map(len, positive + negative))} chars, {changed} texts had a tab or line break")
