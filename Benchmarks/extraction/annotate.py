"""Helper for writing gne-truth.tsv: lists the blocks of a page that hold the most paragraph
text, with an XPath for each, so a person can pick the article body by reading them.

    python annotate.py PAGE.html [N]
"""
import sys
from lxml import html
from common import load_html, node_text

page = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 6
tree = load_html(page)
root = tree.getroottree()
scores = []
for node in tree.iter():
    if not isinstance(node.tag, str) or node.tag in ("script", "style", "body", "html"):
        continue
    direct = sum(len(node_text(c)) for c in node if isinstance(c.tag, str) and c.tag in ("p", "section", "font", "strong", "center", "h2", "h3"))
    own = len((node.text or "").strip()) + sum(len((c.tail or "").strip()) for c in node)
    scores.append((direct + own, node))
scores.sort(key=lambda s: -s[0])
for score, node in scores[:limit]:
    text = node_text(node)
    print(f"{score:6d} {len(text):6d} {root.getpath(node)}  id={node.get('id')} class={node.get('class')}")
    print("      head:", text[:90].replace("\n", " / "))
    print("      tail:", text[-90:].replace("\n", " / "))
