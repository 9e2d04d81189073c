#!/usr/bin/env python3
"""Accuracy and macro-F1 (negative/positive) of prediction files against a labelled TSV.

    metrics.py GOLD.tsv NAME=PRED.txt …

A prediction file has `label<TAB>score` lines. Yuqing's scorer may say `neutral` (no
evidence); the table shows it two ways: 'strict' counts neutral as wrong, 'fallback' maps
neutral to negative (the majority class of the dev set, chosen on dev).
"""
import sys

def scores(pred, gold, classes=("negative", "positive")):
    """Accuracy and the macro-F1 over `classes` of predicted labels against gold ones."""
    assert len(pred) == len(gold), (len(pred), len(gold))
    accuracy = sum(p == g for p, g in zip(pred, gold)) / len(gold)
    f1s = []
    for c in classes:
        tp = sum(p == c and g == c for p, g in zip(pred, gold))
        fp = sum(p == c and g != c for p, g in zip(pred, gold))
        fn = sum(p != c and g == c for p, g in zip(pred, gold))
        precision = tp / (tp + fp) if tp + fp else 0
        recall = tp / (tp + fn) if tp + fn else 0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0)
    return accuracy, sum(f1s) / len(classes)

if __name__ == "__main__":
    gold = [l.split("\t", 1)[0] for l in open(sys.argv[1], encoding="utf-8")]
    print(f"| system | texts | accuracy | macro-F1 | neutral |")
    print(f"|---|---:|---:|---:|---:|")
    for arg in sys.argv[2:]:
        name, path = arg.split("=", 1)
        pred = [l.split("\t", 1)[0] for l in open(path, encoding="utf-8")]
        assert len(pred) == len(gold), (name, len(pred), len(gold))
        neutral = sum(p == "neutral" for p in pred)
        if neutral:
            a, f = scores(pred, gold)
            print(f"| {name} (strict: neutral = wrong) | {len(gold)} | {a*100:.1f} % | {f*100:.1f} % | {neutral} |")
            pred = ["negative" if p == "neutral" else p for p in pred]
            a, f = scores(pred, gold)
            print(f"| {name} (fallback: neutral → negative) | {len(gold)} | {a*100:.1f} % | {f*100:.1f} % | {neutral} |")
        else:
            a, f = scores(pred, gold)
            print(f"| {name} | {len(gold)} | {a*100:.1f} % | {f*100:.1f} % | 0 |")
