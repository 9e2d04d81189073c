"""Generates the matcher benchmark's input from jieba's dictionary (word + frequency).

Terms: words of two or more characters drawn uniformly (watch terms are rarely single
characters), unique even after width/case folding; the 1,000 and 10,000 sets are prefixes
of the 100,000 set. Documents: words drawn by their dictionary frequency, with Chinese
commas and full stops between some of them, ~1,500 characters a document, one a line.
"""
import os
import random
import sys
import unicodedata

import jieba

out = sys.argv[1]
documents = int(sys.argv[2]) if len(sys.argv) > 2 else 300
rng = random.Random(20261123)
words, weights = [], []
with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        words.append(parts[0])
        weights.append(int(parts[1]))

seen, candidates = set(), []
for word in words:
    key = unicodedata.normalize("NFKC", word).lower()
    if len(word) >= 2 and key not in seen:
        seen.add(key)
        candidates.append(word)
terms = rng.sample(candidates, 100_000)
for n in (1_000, 10_000, 100_000):
    with open(os.path.join(out, f"terms-{n}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(terms[:n]) + "\n")

cumulative, total = [], 0
for w in weights:
    total += w
    cumulative.append(total)
with open(os.path.join(out, "docs.txt"), "w", encoding="utf-8") as f:
    for _ in range(documents):
        parts, length = [], 0
        while length < 1500:
            word = rng.choices(words, cum_weights=cumulative)[0]
            parts.append(word)
            length += len(word)
            r = rng.random()
            if r < 0.06:
                parts.append("，")
            elif r < 0.09:
                parts.append("。")
        f.write("".join(parts) + "\n")
print(f"terms: {len(terms)} (from {len(candidates)} candidates), documents: {documents}")
