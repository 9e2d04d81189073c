#!/usr/bin/env python3
"""Writes the byte-exact fixtures that cannot be kept as plain UTF-8 text
(GBK, Big5, UTF-16). Run from this folder: python3 make_fixtures.py"""

gbk_feed = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0">
<channel>
<title>地方新闻网</title>
<link>http://news.example.cn/</link>
<item>
<title>王镕故居对外开放</title>
<link>/2026/11/20/zhu.html</link>
<description>&lt;p&gt;记者陶喆、王堃报道。&lt;/p&gt;</description>
<pubDate>2026-11-20 08:15:30</pubDate>
</item>
<item>
<title>第二条：喆与堃</title>
<link>/2026/11/20/second.html</link>
<pubDate>2026年11月20日 09:00</pubDate>
</item>
</channel>
</rss>
"""
with open("gbk-declared-gb2312.xml", "wb") as f:
    f.write(gbk_feed.encode("gb18030"))

# Same GBK bytes, no encoding in the XML declaration: only the HTTP header says gbk.
with open("gbk-header-only.xml", "wb") as f:
    f.write(gbk_feed.replace(' encoding="gb2312"', "").encode("gb18030"))

big5_feed = """<?xml version="1.0" encoding="big5"?>
<rss version="2.0">
<channel>
<title>香港新聞</title>
<item>
<title>臺灣與香港的輿情報告</title>
<description>粵語：啱嘅</description>
<link>http://hk.example.com/a/1</link>
</item>
</channel>
</rss>
"""
with open("big5.xml", "wb") as f:
    f.write(big5_feed.encode("big5hkscs"))

utf16_feed = """<?xml version="1.0" encoding="UTF-16"?>
<rss version="2.0"><channel><title>宽字节</title>
<item><title>UTF-16 条目</title><link>http://u.example.cn/1</link></item>
</channel></rss>
"""
with open("utf16le-bom.xml", "wb") as f:
    f.write(b"\xff\xfe" + utf16_feed.encode("utf-16-le"))
