#!/usr/bin/env python3
"""snownlp baseline: SnowNLP(text).sentiments >= 0.5 → positive. Prints one label a line."""
import sys, time
from snownlp import SnowNLP
inp, out = sys.argv[1], sys.argv[2]
texts = [l.rstrip("\n").split("\t", 1)[1] for l in open(inp, encoding="utf-8")]
start = time.perf_counter()
with open(out, "w", encoding="utf-8") as f:
    for t in texts:
        p = SnowNLP(t).sentiments
        f.write(("positive" if p >= 0.5 else "negative") + f"\t{p}\n")
sys.stderr.write(f"snownlp: {len(texts)} texts in {time.perf_counter()-start:.1f} s\n")
