"""Shared helpers: page decoding, node text, and the token scorer used for every system."""
import re
import unicodedata
from lxml import html

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def page_encoding(data: bytes) -> str:
    """The charset the page declares in its first 4 KB, gb2312/gbk read as gb18030."""
    match = _CHARSET.search(data[:4096])
    name = match.group(1).decode().lower() if match else "utf-8"
    return "gb18030" if name in ("gb2312", "gbk", "x-gbk", "gb18030") else name


def load_html(path: str, encoding: str = "utf-8"):
    data = open(path, "rb").read()
    text = data.decode(encoding, errors="replace")
    return html.fromstring(text)


_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
          "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption"}


def node_text(node, exclude=()) -> str:
    """Visible text of a node, one line per block, without script/style/excluded subtrees."""
    parts = []

    def walk(n):
        if not isinstance(n.tag, str) or n.tag in ("script", "style", "noscript", "textarea") or n in exclude:
            if n.tail and n is not node:
                parts.append(n.tail)
            return
        if n.tag in _BLOCK:
            parts.append("\n")
        if n.text:
            parts.append(n.text)
        for child in n:
            walk(child)
        if n.tag in _BLOCK:
            parts.append("\n")
        if n.tail and n is not node:
            parts.append(n.tail)

    walk(node)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF
            or 0x3040 <= o <= 0x30FF  # kana
            or 0x0E00 <= o <= 0x0EFF or 0x1000 <= o <= 0x109F)  # Thai, Lao, Myanmar: no spaces either


def tokens(text: str) -> list[str]:
    """Words for space-separated scripts, single characters for CJK (and Thai/Myanmar);
    punctuation is dropped, Latin case-folded, full-width forms folded (NFKC)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    out, word = [], []
    for ch in text:
        if _is_cjk(ch):
            if word:
                out.append("".join(word)); word = []
            out.append(ch)
        elif ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc"):
            word.append(ch)
        else:
            if word:
                out.append("".join(word)); word = []
    if word:
        out.append("".join(word))
    return out
