"""Runs the Python baselines over a directory of pages and writes their text per page as JSON,
in extract-bench's format: {"<file>": {"text", "title", "published", "author", "seconds"}}
(readability-lxml finds no time or author).

    python baselines.py trafilatura|readability PAGES_DIR OUT.json

trafilatura 2.3.1: `extract(html, include_comments=False)` (its own evaluation's setting;
the default keeps reader comments, which are not article text), everything else default.
readability-lxml 0.9: `Document(html).summary()`, whose HTML is turned into text by the same
function that writes the ground truth (common.node_text).
Both get the page as a decoded string (all pages here are UTF-8), as extract-bench does.
"""
import json
import os
import sys
import time

from lxml import html as lxml_html
from common import node_text

system, pages, out = sys.argv[1], sys.argv[2], sys.argv[3]
if system == "trafilatura":
    import trafilatura

    def run(markup):
        text = trafilatura.extract(markup, include_comments=False)
        meta = trafilatura.extract_metadata(markup)
        if meta is None:
            return text or "", {}
        return text or "", {"title": meta.title, "published": meta.date, "author": meta.author}
elif system == "readability":
    from readability import Document

    def run(markup):
        doc = Document(markup)
        summary = doc.summary(html_partial=True)
        return node_text(lxml_html.fromstring(summary)) if summary.strip() else "", {"title": doc.short_title()}
else:
    sys.exit(f"unknown system {system}")

results = {}
for root, _, files in os.walk(pages):
    for name in sorted(files):
        if not name.endswith(".html"):
            continue
        path = os.path.join(root, name)
        markup = open(path, "rb").read().decode("utf-8", errors="replace")
        start = time.perf_counter()
        try:
            text, meta = run(markup)
            entry = {"text": text, **meta}
        except Exception as error:  # a crash on one page counts as an empty extraction
            entry = {"text": "", "error": repr(error)}
        entry["seconds"] = time.perf_counter() - start
        results[os.path.relpath(path, pages)] = entry
with open(out, "w", encoding="utf-8") as f:
    json.dump(results, f, ensure_ascii=False, indent=1, sort_keys=True)
total = sum(e["seconds"] for e in results.values())
print(f"{system}: {len(results)} pages, {total * 1000 / max(1, len(results)):.2f} ms/page")
