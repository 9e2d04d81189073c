#!/usr/bin/env python3
"""snownlp baseline: prints `label<TAB>p` a line, p = SnowNLP(text).sentiments.

    baseline.py IN.tsv OUT.txt [--titled]

Label: p >= 0.5 → positive, else negative (metrics3.py re-labels from p with a neutral band
chosen on dev). --titled reads `label<TAB>title<TAB>body` lines (body line breaks as `\\n`)
and scores the title and the body as one text.
"""
import sys, time
from snownlp import SnowNLP
inp, out = sys.argv[1], sys.argv[2]
titled = "--titled" in sys.argv[3:]
def text(line):
    columns = line.rstrip("\n").split("\t")
    if titled and len(columns) == 3:
        return columns[1] + "\n" + columns[2].replace("\\n", "\n")
    return "\t".join(columns[1:])
texts = [text(l) for l in open(inp, encoding="utf-8")]
start = time.perf_counter()
with open(out, "w", encoding="utf-8") as f:
    for t in texts:
        p = SnowNLP(t).sentiments if t.strip() else 0.5
        f.write(("positive" if p >= 0.5 else "negative") + f"\t{p}\n")
sys.stderr.write(f"snownlp: {len(texts)} texts in {time.perf_counter()-start:.1f} s\n")
