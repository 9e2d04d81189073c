"""Prints the side-by-side table for BENCHMARKS.md from swift.json and python.json."""
import json
import os
import sys

work = sys.argv[1]
swift = json.load(open(os.path.join(work, "swift.json")))
python = {s["terms"]: s for s in json.load(open(os.path.join(work, "python.json")))["sets"]}
chars = swift["characters"]
print(f"Corpus: {swift['documents']} documents, {chars:,} characters "
      f"({swift['normalized_characters']:,} after normalisation); normalise only: "
      f"{swift['normalize_s'] * 1000:.1f} ms ({chars / swift['normalize_s'] / 1e6:.1f} M chars/s)\n")
print("| terms | states | cells | Swift build | pyahocorasick build | Swift match only (previous matcher) | "
      "Swift normalise+match (previous matcher) | pyahocorasick match | speed-up (normalise+match vs pyahocorasick; "
      "previous matcher) | Swift normalise+match+evaluate (100 rules) | speed-up (with evaluate) | matches (Swift / Python) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for s in swift["sets"]:
    p = python[s["terms"]]
    print(f"| {s['terms']:,} | {s['states']:,} | {s.get('cells', 0):,} | {s['build_s'] * 1000:.1f} ms | {p['build_s'] * 1000:.1f} ms | "
          f"{s['match_s'] * 1000:.1f} ms ({s['legacy_match_s'] * 1000:.1f} ms) | {s['normalize_match_s'] * 1000:.1f} ms "
          f"({chars / s['normalize_match_s'] / 1e6:.1f} M chars/s; {s['legacy_normalize_match_s'] * 1000:.1f} ms) | "
          f"{p['match_s'] * 1000:.1f} ms ({chars / p['match_s'] / 1e6:.2f} M chars/s) | "
          f"{p['match_s'] / s['normalize_match_s']:.1f}× ({p['match_s'] / s['legacy_normalize_match_s']:.1f}×) | "
          f"{s['evaluate_s'] * 1000:.1f} ms | {p['match_s'] / s['evaluate_s']:.1f}× | "
          f"{s['matches']:,} / {p['matches']:,} |")
mismatch = [s["terms"] for s in swift["sets"] if s["matches"] != python[s["terms"]]["matches"]]
if mismatch:
    print(f"\nMATCH COUNTS DIFFER for {mismatch}")
    sys.exit(1)
