#!/usr/bin/env python3
"""Three-class accuracy and macro-F1 (negative / neutral / positive) with thresholds from dev.

    metrics3.py DEV.tsv TEST.tsv NAME=DEV_PRED:TEST_PRED:COLUMN …

Each prediction file has tab-separated lines whose first column is the system's own label and
whose COLUMN-th (0-based) is its number (Yuqing's raw score, snownlp's probability). For every
system two rows: its own labels on test ("as shipped"), and labels from the two thresholds
lo ≤ hi (negative below lo, positive above hi, neutral between) that maximise accuracy on
dev — searched over 201 quantiles of the dev numbers — then applied once to test. Every
system gets the same search, so no baseline is held to a worse decision rule than Yuqing.
"""
import sys
from metrics import scores

CLASSES = ("negative", "neutral", "positive")

def labels(path):
    return [l.split("\t", 1)[0] for l in open(path, encoding="utf-8")]

def numbers(path, column):
    return [float(l.rstrip("\n").split("\t")[column]) for l in open(path, encoding="utf-8")]

def banded(values, lo, hi):
    return ["negative" if v < lo else "positive" if v > hi else "neutral" for v in values]

dev_gold, test_gold = labels(sys.argv[1]), labels(sys.argv[2])
print("| system | rule | test accuracy | test macro-F1 | dev accuracy |")
print("|---|---|---:|---:|---:|")
for argument in sys.argv[3:]:
    name, paths = argument.split("=", 1)
    dev_path, test_path, column = paths.rsplit(":", 2)
    column = int(column)
    a, f = scores(labels(test_path), test_gold, CLASSES)
    d, _ = scores(labels(dev_path), dev_gold, CLASSES)
    print(f"| {name} | as shipped | {a*100:.1f} % | {f*100:.1f} % | {d*100:.1f} % |")
    dev_values = numbers(dev_path, column)
    distinct = sorted(set(dev_values))
    grid = sorted({distinct[i * (len(distinct) - 1) // 200] for i in range(201)})
    best = max(((scores(banded(dev_values, lo, hi), dev_gold, CLASSES)[0], lo, hi)
                for lo in grid for hi in grid if hi >= lo), key=lambda t: t[0])
    d, lo, hi = best
    a, f = scores(banded(numbers(test_path, column), lo, hi), test_gold, CLASSES)
    print(f"| {name} | band from dev: < {lo:.4g} negative, > {hi:.4g} positive | {a*100:.1f} % | {f*100:.1f} % | {d*100:.1f} % |")
majority = max(CLASSES, key=dev_gold.count)
a, f = scores([majority] * len(test_gold), test_gold, CLASSES)
print(f"| every item {majority} (the dev majority) | — | {a*100:.1f} % | {f*100:.1f} % | {dev_gold.count(majority)/len(dev_gold)*100:.1f} % |")
