"""Writes the GNE set's ground truth: the text of the article body each page's row in
gne-truth.tsv names (by XPath), less the listed UI lines, one .txt beside each page.

    python make_truth.py GNE_TESTS_DIR OUT_DIR

Copies the pages that have a row into OUT_DIR/pages/ and writes OUT_DIR/truth/<page>.txt.
"""
import os
import shutil
import sys
from common import load_html, node_text

source, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
count = 0
for row in open(os.path.join(here, "gne-truth.tsv"), encoding="utf-8"):
    if row.startswith("#") or not row.strip():
        continue
    page, xpath, *rest = row.rstrip("\n").split("\t")
    drop = {line.strip() for line in (rest[0] if rest else "").split(" || ") if line.strip()}
    tree = load_html(os.path.join(source, page))
    nodes = tree.getroottree().xpath(xpath)
    if len(nodes) != 1:
        sys.exit(f"{page}: {xpath} matches {len(nodes)} nodes, expected 1")
    text = "\n".join(line for line in node_text(nodes[0]).split("\n") if line.strip() not in drop)
    name = page.replace("/", "_")
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    os.makedirs(os.path.join(out, "truth"), exist_ok=True)
    shutil.copyfile(os.path.join(source, page), os.path.join(out, "pages", name))
    with open(os.path.join(out, "truth", name[:-5] + ".txt"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    count += 1
print(f"gne: {count} pages with ground truth")
