"""Scores extracted text against ground truth with bag-of-tokens precision, recall and F1.

    python score.py SET_DIR [--split dev|test|all] [--worst N] NAME=RESULT.json ...

SET_DIR has truth/<page>.txt and pages.tsv (page, language, split). Tokens: words for
space-separated scripts, single characters for Chinese/Japanese (and Thai/Myanmar), see
common.tokens. Per page: P = |extracted ∩ truth| / |extracted|, R = |∩| / |truth| (multiset
intersection), F1 their harmonic mean; an empty extraction scores P = R = F1 = 0. Reported as
the mean over pages ("page") and pooled over all tokens ("micro"), per language group.
"""
import json
import os
import sys
from collections import Counter

from common import tokens

args = sys.argv[1:]
set_dir = args.pop(0)
split, worst = "all", 0
systems = []
while args:
    a = args.pop(0)
    if a == "--split":
        split = args.pop(0)
    elif a == "--worst":
        worst = int(args.pop(0))
    else:
        name, path = a.split("=", 1)
        systems.append((name, json.load(open(path, encoding="utf-8"))))

pages = []
for row in open(os.path.join(set_dir, "pages.tsv"), encoding="utf-8"):
    page, language, part = row.rstrip("\n").split("\t")
    if split in ("all", part):
        pages.append((page, language))
truth = {p: Counter(tokens(open(os.path.join(set_dir, "truth", p[:-5] + ".txt"), encoding="utf-8").read()))
         for p, _ in pages}


def prf(hit, got, want):
    p = hit / got if got else 0.0
    r = hit / want if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


groups = sorted({lang for _, lang in pages}, key=lambda g: (g != "zh", g != "en", g))
print(f"| set | language | pages | system | P (page) | R (page) | F1 (page) | P (micro) | R (micro) | F1 (micro) | ms/page |")
print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
set_name = os.path.basename(os.path.normpath(set_dir))
for group in groups:
    members = [p for p, lang in pages if lang == group]
    for name, result in systems:
        sums = [0.0, 0.0, 0.0]
        hit = got = want = 0
        seconds = 0.0
        scored = []
        for p in members:
            entry = result.get(p, {"text": "", "seconds": 0.0})
            extracted = Counter(tokens(entry.get("text") or ""))
            h = sum((extracted & truth[p]).values())
            g, w = sum(extracted.values()), sum(truth[p].values())
            page_prf = prf(h, g, w)
            for i in range(3):
                sums[i] += page_prf[i]
            hit, got, want = hit + h, got + g, want + w
            seconds += entry.get("seconds", 0.0)
            scored.append((page_prf, p))
        n = len(members)
        micro = prf(hit, got, want)
        print(f"| {set_name} ({split}) | {group} | {n} | {name} | {sums[0]/n:.3f} | {sums[1]/n:.3f} | {sums[2]/n:.3f} | "
              f"{micro[0]:.3f} | {micro[1]:.3f} | {micro[2]:.3f} | {seconds*1000/n:.1f} |")
        if worst:
            for (pp, rr, ff), p in sorted(scored)[:0] or sorted(scored, key=lambda s: s[0][2])[:worst]:
                print(f"    worst {name}: {p} P={pp:.2f} R={rr:.2f} F1={ff:.2f}")
