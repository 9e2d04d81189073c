"""pyahocorasick on the same normalised terms and documents as matcher-bench.

Counts every match (overlapping ones included) with the fastest counting loop of the two
below, best of N runs, and checks the count against the Swift matcher's.
"""
import itertools
import json
import os
import sys
import time
from collections import deque

import ahocorasick

work, repeats = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
swift = json.load(open(os.path.join(work, "swift.json")))
with open(os.path.join(work, "text.normalized.txt"), encoding="utf-8") as f:
    documents = f.read().split("\n")[:-1]


def count_loop(automaton):
    n = 0
    for document in documents:
        for _ in automaton.iter(document):
            n += 1
    return n


def count_deque(automaton):
    # Counting without a Python-level loop body: zip with a counter, drain in C.
    counter = itertools.count()
    for document in documents:
        deque(zip(automaton.iter(document), counter), maxlen=0)
    return next(counter)


def best(fn, *args):
    result, times = None, []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


results = []
for entry in swift["sets"]:
    n = entry["terms"]
    name = entry["name"]
    with open(os.path.join(work, f"{name}.normalized.txt"), encoding="utf-8") as f:
        terms = f.read().split("\n")[:-1]
    assert len(set(terms)) == len(terms), "normalised terms are not unique"

    def build():
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for i, term in enumerate(terms):
            automaton.add_word(term, i)
        automaton.make_automaton()
        return automaton

    build_s, automaton = best(build)
    loop_s, loop_n = best(count_loop, automaton)
    deque_s, deque_n = best(count_deque, automaton)
    assert loop_n == deque_n
    results.append({"terms": n, "build_s": build_s, "match_loop_s": loop_s, "match_deque_s": deque_s,
                    "match_s": min(loop_s, deque_s), "matches": loop_n})
    print(f"pyahocorasick {n} terms: build {build_s * 1000:.1f} ms, match (for-loop) {loop_s * 1000:.1f} ms, "
          f"match (deque/zip) {deque_s * 1000:.1f} ms, matches {loop_n}", flush=True)
json.dump({"version": ahocorasick.__version__ if hasattr(ahocorasick, "__version__") else "?", "sets": results},
          open(os.path.join(work, "python.json"), "w"))
